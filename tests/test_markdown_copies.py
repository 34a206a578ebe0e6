"""The copies a reader pastes elsewhere ("Copy as Markdown", "Download kit (.md)", a flow's
copied summary) hold no structure the data put there: rendered by a real Markdown renderer,
Python-Markdown and a CommonMark one (markdown-it-py, with GitHub's tables and
strikethrough), a kit or flow filled with hostile values gives exactly the links, headings,
lists, emphasis and HTML of the same kit or flow filled with plain words; the template's own
marks (its `[Company]` placeholders, its links) stay what they are."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

import jinja2
import markdown
import pytest
from markdown_it import MarkdownIt

import guide.flows as tree
from conftest import ROOT
from guide import kits
from guide.core.templates import strict_env
from guide.flows.render import copy_pieces
from guide.languages import interface_text

pytestmark = pytest.mark.unit

# Values an author in a hurry or an attacker might write; several lines on purpose.
HOSTILE = (
    "[Company]: https://example.org/login",
    "[Company]: javascript:alert(1)\n[team]: https://example.org/x",
    "Summary line one.\n# An injected heading\n- an injected item\n1. another\n> a quote\n    code\n===",
    "[click](javascript:alert(1)) and ![image](https://example.org/x.png) and [ref][Company]",
    "<script>alert(1)</script> <b>bold</b> <!-- comment --> <https://example.org/auto>",
    "&amp; &#60;b&#62; &lt;i&gt; **strong** _em_ `code` ~~gone~~ | a | b |",
    "- [ ] task\n+ plus\n* star\n***\n---",
    "Ends with a bracket [Company]",
    "   ## indented heading\n\n\n2) two\n<div>block</div>",
)
PLAIN = "Plain words"
# Fields that are ids, addresses or dates, not text: kept as they are.
KEEP = frozenset({"id", "next", "kind", "start", "page", "anchor", "source", "since", "checked", "kit"})


def filled(value: Any, texts: Callable[[], str]) -> Any:
    """`value` (a dataclass, tuple, mapping or text) with every text field replaced by `texts()`."""
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: filled(getattr(value, f.name), texts)
                                             for f in dataclasses.fields(value) if f.name not in KEEP})
    if isinstance(value, tuple):
        return tuple(filled(item, texts) for item in value)
    if isinstance(value, Mapping):
        return {key: filled(item, texts) for key, item in value.items()}
    return texts() if isinstance(value, str) else value


def hostile() -> Callable[[], str]:
    values = itertools.cycle(HOSTILE)
    return lambda: next(values)


class _Structure(HTMLParser):
    """Every element of rendered HTML, in order, with the address of a link or image."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        address = dict(attrs).get("href") or dict(attrs).get("src") or ""
        self.elements.append(f"{tag} {address}".strip())

    def handle_comment(self, data: str) -> None:
        self.elements.append("<!-- -->")


def structure(html: str) -> list[str]:
    parser = _Structure()
    parser.feed(html)
    return parser.elements


COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])
RENDERERS: dict[str, Callable[[str], str]] = {
    "python-markdown": lambda text: markdown.markdown(text),
    "commonmark": COMMONMARK.render,
}


def assert_same_structure(hostile_md: str, plain_md: str) -> None:
    for name, render in RENDERERS.items():
        got, wanted = structure(render(hostile_md)), structure(render(plain_md))
        assert got == wanted, (name, [x for x in got if x not in wanted], hostile_md)


# ── Hiring kits ─────────────────────────────────────────────────────────────

def kit_texts() -> Iterator[tuple[kits.Kit, kits.Checklist, kits.render.TextEnvs]]:
    found, checklist = kits.load_kits(ROOT / "docs" / "kits", display_root=ROOT)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    interface_text.install(env, {})
    envs = kits.render.text_envs(strict_env(env))
    for kit in found.values():
        yield kit, checklist, envs


@pytest.mark.parametrize("kit_id", ["ml-engineer", "mlops-engineer", "ai-engineer"])
def test_a_hostile_kit_copies_as_the_same_markdown_structure(kit_id: str) -> None:
    kit, checklist, envs = next((k, c, e) for k, c, e in kit_texts() if k.id == kit_id)
    url = "https://guide.example/sources.html"
    copies = {}
    for name, texts in (("hostile", hostile()), ("plain", lambda: PLAIN)):
        copies[name] = kits.kit_markdown(envs, filled(kit, texts), filled(checklist, texts), sources_url=url)
    assert copies["hostile"] != copies["plain"]
    assert "[Company]" in copies["plain"] and "](https://guide.example/sources.html#" in copies["plain"]
    assert_same_structure(copies["hostile"], copies["plain"])
    # each part as the "Copy as Markdown" buttons copy it
    for part in ("header", *(key for key, _ in kits.PARTS)):
        parts = [kits.part_text(envs, filled(kit, texts), filled(checklist, texts), part, markdown=True, sources_url=url)
                 for texts in (hostile(), lambda: PLAIN)]
        assert_same_structure(*parts)


def test_the_escaped_copy_reads_as_the_value_in_commonmark() -> None:
    """Safe, and still the author's text: CommonMark shows each value's characters."""
    from guide.core.markdown_text import escape
    for value in HOSTILE:
        html = COMMONMARK.render(f"- {escape(value)}\n")
        text = html.replace("<ul>\n<li>", "").replace("</li>\n</ul>\n", "")
        shown = " ".join(line.strip() for line in value.splitlines() if line.strip())
        unescaped = text.replace("\n", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        assert unescaped.replace("&amp;", "&") == shown, (value, html)


# ── The flows' copied summary ───────────────────────────────────────────────

SUMMARY_TEXT = {
    "colon": ":", "your_answers": "Your answers", "based": "Based on your answers", "not_finished": "Not finished",
    "next_question": "Next question: {question}", "recommendation": "Recommendation: {title}",
    "assumed_heading": "We assumed", "check_it": "{assumption} Check it by asking your team:", "why": "Why",
    "check_team": "Check with your team before acting", "hiring_kit": "Hiring kit", "kit_link": "Hiring kit: {role}",
    "link": "Link: {url}", "open_result": "Open this result in the guide",
}
ADDRESS = "https://guide.example/decide/hiring.html#hiring/1"


def summary_markdown(pieces: Mapping[str, str]) -> Iterator[str]:
    """Each piece of the summary in Markdown, as flow.js joins its segments (the address filled in,
    every conditional part shown)."""
    def joined(segments: list[Any]) -> str:
        return "".join(ADDRESS if s is None else s[1] if isinstance(s, list)
                       else joined(s["s"] if "s" in s else shared[s["r"]]) if isinstance(s, dict) else s
                       for s in segments)

    shared = json.loads(pieces[""]).pop("shared", [])
    for data in map(json.loads, pieces.values()):
        data.pop("shared", None)
        for key, value in data.items():
            if key == "options":
                for option in value:
                    yield from (joined(segments) for segments in option.values())
            else:
                yield joined(value)


@pytest.mark.parametrize("flow_id", ["hiring", "career"])
def test_a_hostile_flow_copies_as_the_same_markdown_structure(flow_id: str) -> None:
    flow = tree.load_flow(ROOT / "docs" / "decide" / "flows" / f"{flow_id}.yml")
    targets = {kit_id: tree.KitTarget(f"{kit_id} role", kits.page_of(kit_id)) for kit_id in ("ml-engineer",
                                                                                          "mlops-engineer", "ai-engineer")}
    copies = {}
    for name, texts in (("hostile", hostile()), ("plain", lambda: PLAIN)):
        copies[name] = list(summary_markdown(copy_pieces(filled(flow, texts), filled(targets, texts), SUMMARY_TEXT)))
    assert len(copies["hostile"]) == len(copies["plain"]) > 10
    for bad, good in zip(copies["hostile"], copies["plain"]):
        assert_same_structure(bad, good)
    # and the whole summary of a route, the pieces joined with blank lines
    assert_same_structure("\n\n".join(copies["hostile"]), "\n\n".join(copies["plain"]))
