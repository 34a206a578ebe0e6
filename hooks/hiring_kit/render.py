"""Render a hiring kit: HTML for the page, and Markdown and plain text for the copy buttons
and the download, all from Jinja templates in overrides/partials/.

The HTML template is autoescaped. The text template (`hiring-kit.md`) renders both Markdown
and plain text; in Markdown every value from the data goes through `md_escape` (the
environment's `finalize`), so a '*' or '<b>' in a kit prints as those characters, and the
result reaches the page only inside an autoescaped attribute.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from .model import Checklist, Kit

TEMPLATE = "partials/hiring-kit.html"
TEXT_TEMPLATE = "partials/hiring-kit.md"
# The parts of a kit, in order: (key, heading). Each has its own copy buttons.
PARTS = (
    ("job-description", "Job description starter"),
    ("interview-loop", "Interview loop"),
    ("scorecard", "Scorecard and red flags"),
    ("checklist", "Posting checklist for Canada"),
)
_MD_SPECIAL = re.compile(r"([\\`*_<>|~])")


def md_escape(value: Any) -> str:
    """A value as Markdown text: marks escaped, so it cannot become emphasis, code, HTML, a
    table cell, a link or a heading. `Markup` (the template's own marks) passes unchanged."""
    if isinstance(value, Markup):
        return str(value)
    text = _MD_SPECIAL.sub(r"\\\1", str(value)).replace("](", "]\\(").replace("][", "]\\[")
    return re.sub(r"^([#+-]|\d+[.)])", r"\\\1", text)


@dataclass(frozen=True)
class TextEnvs:
    """The environments for Markdown (escaping) and plain text, made once per build."""

    markdown: jinja2.Environment
    text: jinja2.Environment


def text_envs(env: jinja2.Environment) -> TextEnvs:
    """Overlays of the theme's environment for the text template (strict, no HTML escaping)."""
    common: dict[str, Any] = {"undefined": jinja2.StrictUndefined, "autoescape": False,
                              "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": False}
    return TextEnvs(env.overlay(finalize=md_escape, **common), env.overlay(finalize=str, **common))


def part_text(envs: TextEnvs, kit: Kit, checklist: Checklist, part: str, *, markdown: bool,
              sources_url: str) -> str:
    """One part ('header' or a key of PARTS) as Markdown or plain text, without trailing blank lines."""
    env = envs.markdown if markdown else envs.text
    text = env.get_template(TEXT_TEMPLATE).render(kit=kit, checklist=checklist, part=part, md=markdown,
                                                  sources_url=sources_url, parts=PARTS)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def kit_markdown(envs: TextEnvs, kit: Kit, checklist: Checklist, *, sources_url: str) -> str:
    """The whole kit as one Markdown file: what "Download kit (.md)" saves (flow.js joins the same pieces)."""
    pieces = [part_text(envs, kit, checklist, key, markdown=True, sources_url=sources_url)
              for key in ("header", *(k for k, _ in PARTS))]
    return "\n\n".join(pieces) + "\n"


def render_kit(env: jinja2.Environment, envs: TextEnvs, kit: Kit, checklist: Checklist, *, urls: Mapping[str, str],
               sources_url: str, assets: Mapping[str, str] | None, template: str = TEMPLATE) -> str:
    """The kit's HTML: every part readable without JavaScript, each with its Markdown and plain
    text in data attributes for kit.js. `urls['sources']` is the sources page from this page;
    `sources_url` its absolute address for copied text."""
    texts = {key: {"markdown": part_text(envs, kit, checklist, key, markdown=True, sources_url=sources_url),
                   "text": part_text(envs, kit, checklist, key, markdown=False, sources_url=sources_url)}
             for key in ("header", *(k for k, _ in PARTS))}
    return env.get_template(template).render(kit=kit, checklist=checklist, parts=PARTS, texts=texts, urls=urls,
                                             assets=assets)
