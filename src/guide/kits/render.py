"""Render a hiring kit: HTML for the page, and Markdown and plain text for the copy buttons
and the download, all from Jinja templates in overrides/partials/.

The HTML template is autoescaped. The text template (`hiring-kit.md`) renders both Markdown
and plain text; in Markdown every value from the data goes through `md_escape` (the
environment's `finalize`, which reads the template's `md` flag; the site's one escaper,
`guide.core.markdown_text`), so a '*' or '<b>' in a kit prints as those characters; the
result reaches the page only as JSON (`|tojson`, which escapes '<', '>', '&' and quotes),
with the whole kit's file for "Download kit (.md)", so kit.js only copies and saves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from guide.core import markdown_text

from .model import Checklist, Kit, long_date

TEMPLATE = "partials/hiring-kit.html"
TEXT_TEMPLATE = "partials/hiring-kit.md"
# The parts of a kit, in order: (key, heading). Each has its own copy buttons. The headings
# printed are the templates' (through gettext, in the page's language); these name the parts here.
PARTS = (
    ("job-description", "Job description starter"),
    ("interview-loop", "Interview loop"),
    ("scorecard", "Scorecard and red flags"),
    ("checklist", "Posting checklist for Canada"),
)
_KEYS = ("header", *(key for key, _ in PARTS))  # the parts of the copied text and the file, in order


def md_escape(value: Any) -> str:
    """A value as Markdown text (`markdown_text.escape`); `Markup`, the template's own marks,
    passes unchanged."""
    return str(value) if isinstance(value, Markup) else markdown_text.escape(value)


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: Any) -> str:
    """Every printed value: escaped for Markdown when the template renders Markdown."""
    return md_escape(value) if context["md"] else str(value)


@dataclass(frozen=True)
class TextEnvs:
    """The environment for Markdown and plain text (one, so the template compiles once), made once per build."""

    env: jinja2.Environment


def text_envs(env: jinja2.Environment) -> TextEnvs:
    """An overlay of the theme's environment for the text template (strict, no HTML escaping)."""
    return TextEnvs(env.overlay(finalize=_finalize, undefined=jinja2.StrictUndefined, autoescape=False,
                                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False))


def _plain(value: Any) -> str:
    return str(value)


def part_text(envs: TextEnvs, kit: Kit, checklist: Checklist, part: str, *, markdown: bool,
              sources_url: str, language: str = "en") -> str:
    """One part ('header' or a key of PARTS) as Markdown or plain text, without trailing blank
    lines. Its interface text is in the language of the environment's gettext; `language`
    writes the dates."""
    text = envs.env.get_template(TEXT_TEMPLATE).render(kit=kit, checklist=checklist, part=part, md=markdown,
                                                  sources_url=sources_url, parts=PARTS,
                                                  esc=md_escape if markdown else _plain,
                                                  long_date=functools.partial(long_date, language=language))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def kit_markdown(envs: TextEnvs, kit: Kit, checklist: Checklist, *, sources_url: str, language: str = "en") -> str:
    """The whole kit as one Markdown file: what "Download kit (.md)" saves."""
    return _file({key: part_text(envs, kit, checklist, key, markdown=True, sources_url=sources_url, language=language)
                  for key in _KEYS})


def _file(markdown: Mapping[str, str]) -> str:
    """The kit's file from its parts' Markdown: the heading and intro, then every part."""
    return "\n\n".join(markdown[key] for key in _KEYS) + "\n"


def render_kit(env: jinja2.Environment, envs: TextEnvs, kit: Kit, checklist: Checklist, *, urls: Mapping[str, str],
               sources_url: str, assets: Mapping[str, str] | None, template: str = TEMPLATE,
               language: str = "en", ids: str = "kit-") -> str:
    """The kit's HTML: every part readable without JavaScript, and every part's Markdown and
    plain text as JSON for kit.js. `urls['sources']` is the sources page from this page;
    `sources_url` its absolute address for copied text; `language` writes the dates (the
    interface text is the environment's gettext); `ids` starts the id of every part ("kit-",
    or "kit-<kit id>-" for a second kit on a page: `part_ids`)."""
    texts: dict[str, Any] = {kind: {key: part_text(envs, kit, checklist, key, markdown=kind == "markdown",
                                                   sources_url=sources_url, language=language)
                                    for key in _KEYS} for kind in ("markdown", "text")}
    texts["download"] = _file(texts["markdown"])
    return env.get_template(template).render(kit=kit, checklist=checklist, parts=PARTS, texts=texts, urls=urls,
                                             assets=assets, long_date=functools.partial(long_date, language=language),
                                             ids=ids)


def part_ids(kit_id: str, kits_before: int) -> str:
    """What the ids of a kit's parts start with: `kit-` (`#kit-scorecard`) for the first kit on
    a page, `kit-<kit id>-` for any later one, so that no id is on a page twice."""
    return "kit-" if kits_before == 0 else f"kit-{kit_id}-"
