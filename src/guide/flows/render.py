"""Render a flow to HTML with the site's Jinja templates (autoescaped, strict), and the
pieces of its copied summary (`copy_pieces`), which the template puts in the page's data.
"""

from __future__ import annotations

import functools
import json
import re
import weakref
from collections.abc import Hashable, Iterable, Mapping

import jinja2
from markupsafe import Markup

from guide.core.markdown_text import escape
from guide.core.memory import gc_paused
from guide.core.templates import strict_env as _strict_env

from .analysis import analyse
from .facts import FactValues, condition_words, fact_values
from .layout import layout
from .model import Condition, Flow, KitTarget, Outcome, Part, Question
from .terms import Terms

TEMPLATE = "partials/guide-flow.html"
TERMS_TEMPLATE = "partials/flow-term.html"


@jinja2.pass_context
def gloss(context: jinja2.runtime.Context, text: str, scope: Hashable | None = None,
          link: bool = False) -> str | Markup:
    """The `gloss` filter: a flow text with its terms of art as <abbr> (`Terms.mark` of the
    `terms` the template was given: once per node, see `Terms.split`). A filter rather than a
    function or macro in the template: Jinja calls a filter directly, and the flow template
    marks every text of every node."""
    terms = context.resolve_or_missing("terms")
    return terms.mark(text, scope, link) if isinstance(terms, Terms) else text


def strict_env(env: jinja2.Environment) -> jinja2.Environment:
    """The strict, autoescaping environment the flow templates render in, with `gloss`."""
    return _strict_env(env, filters={"gloss": gloss})


_STRICT: weakref.WeakKeyDictionary[jinja2.Environment, jinja2.Environment] = weakref.WeakKeyDictionary()


def flow_env(env: jinja2.Environment) -> jinja2.Environment:
    """`strict_env(env)`, made once per environment (a new overlay compiles every template
    again), and `env` itself when it is one already."""
    if env.undefined is jinja2.StrictUndefined and env.autoescape is True and "gloss" in env.filters:
        return env
    if env not in _STRICT:
        _STRICT[env] = strict_env(env)
    return _STRICT[env]


@gc_paused()
def render_flow(env: jinja2.Environment, flow: Flow, *, urls: Mapping[str, str], assets: Mapping[str, str] | None,
                template: str = TEMPLATE, kits: Mapping[str, KitTarget] | None = None,
                abbreviations: Mapping[str, str] | None = None) -> str:
    """Render the whole flow (no-JS form, JS hooks, diagram) with the given template environment.

    `urls` maps each linked page path (as written in the YAML, and each kit's page) to its URL
    from the page showing the flow; `kits` gives the title and page of each hiring kit; `assets`
    maps "css", "helper" (the scripts' shared guide.js) and "js" to their URLs, or is None when
    another flow on the same page already loads them.
    `abbreviations` (term -> definition, as Python-Markdown's `abbr` has them for the page)
    become <abbr> elements in the flow's text.
    """
    if env.undefined is not jinja2.StrictUndefined or env.autoescape is not True:
        env = strict_env(env)  # a fresh overlay compiles its templates again: pass a strict env to reuse one
    analysis = analyse(flow)
    facts = fact_values(flow, analysis.order)
    return env.get_template(template).render(
        flow=flow, analysis=analysis, diagram=layout(flow, analysis), urls=urls, assets=assets,
        prefix=flow.anchor_prefix, kits=kits or {}, copy_pieces=functools.partial(copy_pieces, flow, kits or {}),
        if_words=functools.partial(if_words, facts, analysis.numbers),
        terms=Terms(abbreviations, env.get_template(TERMS_TEMPLATE)) if abbreviations else Terms(),
    )


def if_words(facts: Mapping[str, FactValues], numbers: Mapping[str, int], node_id: str, condition: Condition,
             text: Mapping[str, str]) -> str:
    """A conditional part's condition in words at its outcome: "If you answered “Yes” to
    Question 3:", from the template's interface text `text` (see facts.condition_words)."""
    t = {key: str(value) for key, value in text.items()}
    return _fill(t["if"], "condition", condition_words(condition, facts.get(node_id, {}), numbers, t))


# ── The copied summary ───────────────────────────────────────────────────────
# "Copy summary" and "Copy as Markdown" copy the route taken: the flow's title, the answers
# given, then the result (or the next question, when the route stops early). Every piece
# of it is written here, at build time, in both formats (each value from the flow through
# the one Markdown escaper), and flow.js only joins the pieces of the route in order:
#   the flow's:   title; answers and based, the headings of two lists (gap between a
#                 heading and its items); link, filled with the result's address
#   a question's: question; stop (a route that stops here); per answer, in order: answer
#                 (after "N. " and the question), note (an item of "based"), assumed (a block)
#   an outcome's: result (recommendation and summary); details (why, the lists, the
#                 hiring kit), filled with the kit page's address
# The blocks are joined with a blank line. A piece is a list of segments: a string is the
# same in both formats, [plain text, Markdown] differs, null is the address, which the
# page knows and the build does not, and {"w": condition, "s": segments} is a part of an
# outcome shown only when the condition holds for the route's facts (a list's heading is
# one too when every item of the list is); {"w": condition, "r": n} is the same with the
# flow's shared[n] for segments: a part several outcomes say alike is written once. Segments rather than two copies of each piece: the
# hiring flow's pieces add 4.4 KB (gzipped) to its page so, and 7.0 KB in two copies.

# White space as a script reads the page's text (JavaScript's \s): a copied value is one
# line with ordinary spaces, as the page shows it, whatever line breaks or no-break spaces
# its source holds.
_SPACES = re.compile(r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_Segment = str | list[str] | dict | None


def _line(value: str) -> str:
    return _SPACES.sub(" ", value).strip(" ")


def _fill(text: str, name: str, value: str) -> str:
    """An interface text with its one slot, {name}, replaced by the value."""
    return text.replace("{" + name + "}", value)


class _Piece:
    """One piece of the summary in both formats, built from left to right."""

    __slots__ = ("segments",)

    def __init__(self) -> None:
        self.segments: list[_Segment] = []

    def add(self, plain: str, md: str | None = None) -> _Piece:
        """Trusted text (the interface's, the marks): `plain`, and `md` in Markdown if it differs."""
        segments = self.segments
        last = segments[-1] if segments else None
        if md is None or md == plain:
            if type(last) is str:
                segments[-1] = last + plain
            elif plain:
                segments.append(plain)
        elif type(last) is list:
            segments[-1] = [last[0] + plain, last[1] + md]
        else:
            segments.append([plain, md])
        return self

    def text(self, value: str) -> _Piece:
        """A value from the flow: as it is in plain text, escaped in Markdown."""
        return self.add(value, escape(value))

    def address(self) -> _Piece:
        self.segments.append(None)
        return self

    def when(self, condition: Condition | None, piece: _Piece) -> _Piece:
        """`piece`, shown only when the condition holds (always when it is None)."""
        if condition is None:
            for segment in piece.segments:
                if segment is None or isinstance(segment, dict):
                    self.segments.append(segment)
                elif isinstance(segment, str):
                    self.add(segment)
                else:
                    self.add(*segment)
        elif piece.segments:
            self.segments.append({"w": condition.as_data(), "s": piece.segments})
        return self

    def paragraphs(self, heading: str, colon: str, parts: tuple[Part, ...]) -> _Piece:
        """A heading, then each paragraph whose condition holds."""
        self.add("", "**").text(heading).add(colon, "**")
        for part in parts:
            self.when(part.when, _Piece().add("\n", "\n\n").text(_line(part.text)))
        return self

    def items(self, heading: str, colon: str, parts: tuple[Part, ...], gap: str = "") -> _Piece:
        """`gap`, a heading and the items whose condition holds; all of it shown only when
        some item is."""
        section = _Piece().add(gap).add("", "**").text(heading).add(colon, "**\n")
        for part in parts:
            section.when(part.when, _Piece().add("\n- ").text(_line(part.text)))
        return self.when(_any(part.when for part in parts), section)

    def block(self, heading: str, colon: str, paragraphs: list[str] = (), items: list[str] = ()) -> _Piece:
        """A heading with its paragraphs, then its list: "Heading:" and lines in plain text,
        a bold heading and paragraphs in Markdown."""
        self.add("", "**").text(heading).add(colon, "**")
        for paragraph in paragraphs:
            self.add("\n", "\n\n").text(paragraph)
        for i, item in enumerate(items):
            self.add("\n", "\n" if i else "\n\n").add("- ").text(item)
        return self


def _any(conditions: Iterable[Condition | None]) -> Condition | None:
    """A condition that holds when any of these does; None (always) when one is None."""
    found = list(conditions)
    if not found or None in found:
        return None
    return found[0] if len(found) == 1 else Condition("any", 0, parts=tuple(found))  # type: ignore[arg-type]


def _json(pieces: Mapping[str, object]) -> str:
    return json.dumps({key: value.segments if isinstance(value, _Piece) else value for key, value in pieces.items()},
                      ensure_ascii=False, separators=(",", ":"))


def copy_pieces(flow: Flow, kits: Mapping[str, KitTarget], text: Mapping[str, str]) -> dict[str, str]:
    """The pieces of the copied summary as JSON: the flow's under "", each node's under its id.
    `text` is the template's interface text in the page's language ("{name}" where a value goes)."""
    t = {key: str(value) for key, value in text.items()}
    colon = t["colon"]
    before, _, after = t["link"].partition("{url}")
    root = {
        "title": _Piece().add("", "## ").text(flow.title),
        "answers": _Piece().block(t["your_answers"], colon),
        "based": _Piece().block(t["based"], colon),
        "gap": _Piece().add("\n", "\n\n"),
        "link": _Piece().add(before, f"[{escape(t['open_result'])}](").address().add(after, ")"),
    }
    out = {"": ""}
    outcomes: dict[str, dict[str, _Piece]] = {}
    for node in flow.nodes.values():
        if isinstance(node, Question):
            question = _line(node.question)
            checks = [_line(item) for item in node.check]
            options = []
            for option in node.options:
                label = _line(option.label)
                piece = {"answer": _Piece().add(" ", " **").text(label).add("", "**")}
                if option.note:
                    piece["note"] = _Piece().add("- ").text(_line(option.note))
                if option.assumes:
                    piece["assumed"] = _Piece().block(t["assumed_heading"], colon,
                                                      [_fill(t["check_it"], "assumption", option.assumes)], checks)
                options.append({key: value.segments for key, value in piece.items()})
            out[node.id] = _json({
                "question": _Piece().text(question),
                "stop": _Piece().block(t["not_finished"], colon, [_fill(t["next_question"], "question", question)]),
                "options": options,
            })
        elif isinstance(node, Outcome):
            outcomes[node.id] = {
                "result": _Piece().paragraphs(_fill(t["recommendation"], "title", _line(node.title)), colon,
                                              node.summary),
                "details": _details(flow, node, kits, t),
            }
    shared = _share([piece for pieces in outcomes.values() for piece in pieces.values()])
    out[""] = _json({**root, **({"shared": shared} if shared else {})})
    out.update({node_id: _json(pieces) for node_id, pieces in outcomes.items()})
    return out


def _share(pieces: list[_Piece]) -> list[list[_Segment]]:
    """Conditional parts said the same in several outcomes (the same guidance for every regulated
    team, say) written once: each becomes {"w": condition, "r": its index in the list returned},
    which the flow's own pieces carry as "shared"."""
    groups = [segment for piece in pieces for segment in piece.segments
              if isinstance(segment, dict) and not any(isinstance(s, dict) for s in segment["s"])]
    keys = [json.dumps(group["s"], ensure_ascii=False) for group in groups]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    index: dict[str, int] = {}
    shared: list[list[_Segment]] = []
    for group, key in zip(groups, keys, strict=True):
        if counts[key] > 1:
            if key not in index:
                index[key] = len(shared)
                shared.append(group["s"])
            group["r"] = index[key]
            del group["s"]
    return shared


def _details(flow: Flow, node: Outcome, kits: Mapping[str, KitTarget], t: Mapping[str, str]) -> _Piece:
    """An outcome's why, lists and hiring kit."""
    colon = t["colon"]
    piece = _Piece().paragraphs(t["why"], colon, node.reasoning)
    for heading, items in [(t["check_team"], node.check), (flow.headings["look_for"], node.look_for),
                           (flow.headings["watch_out"], node.watch_out), (flow.headings["next_steps"], node.next_steps)]:
        if items:
            piece.items(_line(heading), colon, items, gap="\n\n")
    heading = _line(t["hiring_kit"])
    if node.kit:
        label = _line(t["kit_link"].replace("{role}", kits[node.kit].title))
        piece.add("\n\n").block(heading, colon).add("\n", "\n\n[").text(label).add(": ", "](")
        piece.address().add("", ")")
        for part in node.kit_note:
            piece.when(part.when, _Piece().add("\n", "\n\n").text(_line(part.text)))
    elif node.kit_none:
        piece.add("\n\n").block(heading, colon, [_line(node.kit_none)])
    return piece
