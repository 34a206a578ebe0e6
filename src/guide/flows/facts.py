"""Facts along the routes: which values each fact can hold at each node, where they were
recorded, and the build checks on `records:` and `when:` that follow from it.

One pass over the nodes in topological order, each answer carrying its question's facts
forward with its own `records:` written over them, so the cost is linear in answers times
declared facts (times the answers that record one value, for the origins), and no route is
ever listed. What it computes, and how exact each check is:

- For each node and fact, the exact set of values the fact can hold there over all routes
  (with "unset": no answer on the route recorded it), and the answers that recorded each.
  The value sets of two facts are kept apart, so a combination of values across facts is
  an over-approximation: every combination of possible values is assumed possible.
- "Never shown" (a part whose condition cannot hold at its outcome) is therefore exact for
  conditions on one fact and conservative for several: it never refuses content some route
  shows, and may miss content only an impossible combination would show.
- "Empty for some route" (a part of an outcome whose conditional items can all be false)
  is exact for one fact and may, for several, name a combination no route gives; the fix
  it offers (an unconditioned item, or one for that case) is right either way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from guide.core.problems import Problem

from .analysis import Analysis, topological
from .model import Condition, Flow, Outcome, Part, Question

UNSET = ""  # the "value" of a fact no answer on the route recorded (fact values are ids, never empty)
# The answers kept per value and node, first in reading order, for the words ("If you answered
# ..."): one more marks that there are others. A bound, so that the pass stays linear when many
# answers record one value (a generated flow); a written flow has a handful.
MAX_ORIGINS = 12
# An answer quoted in a condition's words is cut, at a word, past this many characters: enough to
# find it among its question's answers, and the words repeat on every conditional part.
QUOTED_LABEL_MAX = 72
MAX_COMBINATIONS = 4096  # past this, "empty for some route" asks for an unconditioned item instead
# The parts of an outcome that must show something on every route that reaches it.
REQUIRED_PARTS = ("summary", "reasoning", "look_for", "watch_out", "next_steps", "links")


class Origin(NamedTuple):
    """An answer that recorded a value: its question's place in reading order, its number there,
    the question's id and the answer's label. A tuple: the pass hashes and sorts many of them."""

    place: int
    number: int
    question: str
    label: str


# fact -> value (UNSET too) -> answers that recorded it, in reading order (MAX_ORIGINS, and one
# more when there are others)
FactValues = Mapping[str, Mapping[str, tuple[Origin, ...]]]


def fact_values(flow: Flow, order: Sequence[str] | None = None) -> dict[str, FactValues]:
    """For each reachable node: each fact's possible values there, with the answers that
    recorded each (UNSET with none). Empty mappings when the flow declares no facts."""
    if not flow.facts:
        return {}
    order = order if order is not None else topological(flow)
    place = {node_id: i for i, node_id in enumerate(order)}

    def merged(old: tuple[Origin, ...] | None, new: tuple[Origin, ...]) -> tuple[Origin, ...]:
        if old is None or old is new:
            return new
        if len(old) > MAX_ORIGINS:  # full: only an answer earlier in reading order could enter
            new = tuple(o for o in new if o < old[-1] and o not in old)
            if not new:
                return old
        elif set(new) <= set(old):
            return old
        return tuple(sorted(set(old).union(new))[:MAX_ORIGINS + 1])

    start: dict[str, dict[str, tuple[Origin, ...]]] = {name: {UNSET: ()} for name in flow.facts}
    found: dict[str, dict[str, dict[str, tuple[Origin, ...]]]] = {flow.start: start}
    for node_id in order:
        node = flow.nodes[node_id]
        if not isinstance(node, Question):
            continue
        here = found[node_id]
        for option in node.options:
            target = found.get(option.next)
            if target is None:
                target = found[option.next] = {name: {} for name in flow.facts}
            for name, values in here.items():
                into = target[name]
                if name in option.records:
                    value = option.records[name]
                    into[value] = merged(into.get(value), (Origin(place[node_id], option.number, node_id, option.label),))
                    continue
                for value, origins in values.items():
                    into[value] = merged(into.get(value), origins)
    return found


def _classes(terms: Iterable[Condition], values: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """For each fact the terms name, one value per way the terms see it (values no term tells
    apart are the same to every condition over these terms)."""
    by_fact: dict[str, list[Condition]] = {}
    for term in terms:
        by_fact.setdefault(term.fact, []).append(term)
    out = {}
    for fact, fact_terms in by_fact.items():
        seen: dict[tuple[bool, ...], str] = {}
        for value in values.get(fact, (UNSET,)):
            seen.setdefault(tuple(value in t.values for t in fact_terms), value)
        out[fact] = list(seen.values())
    return out


def _combinations(conditions: Sequence[Condition], values: Mapping[str, Iterable[str]]) -> list[dict[str, str]] | None:
    """Every combination of the facts' possible values that the conditions can tell apart, or
    None when there are more than MAX_COMBINATIONS."""
    classes = _classes((t for c in conditions for t in c.terms()), values)
    total = 1
    for options in classes.values():
        total *= len(options)
    if total > MAX_COMBINATIONS:
        return None
    names = list(classes)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(classes[n] for n in names))]


def can_hold(condition: Condition, values: Mapping[str, Iterable[str]]) -> bool:
    """Whether the condition holds for some combination of the facts' possible values."""
    combos = _combinations([condition], values)
    return combos is None or any(condition.holds(c) for c in combos)


def outcome_parts(outcome: Outcome) -> dict[str, Sequence[Part | object]]:
    """An outcome's conditional parts by key (links are Parts in all but name: text, line, when)."""
    return {"summary": outcome.summary, "reasoning": outcome.reasoning, "check": outcome.check,
            "look_for": outcome.look_for, "watch_out": outcome.watch_out, "next_steps": outcome.next_steps,
            "kit_note": outcome.kit_note, "links": outcome.links}


def fact_problems(flow: Flow, analysis: Analysis) -> list[Problem]:
    """Facts recorded but never used (or declared and never recorded); outcome content no
    route can show; outcome parts that show nothing on some route. Each with line, node, fix."""
    file = flow.source
    problems: list[Problem] = []
    recorded = {name for q in flow.questions for o in q.options for name in o.records}
    used = {t.fact for o in flow.outcomes for items in outcome_parts(o).values()
            for item in items if item.when is not None for t in item.when.terms()}
    for fact in flow.facts.values():
        if fact.name not in recorded:
            problems.append(Problem(file, fact.line, "", f"no answer records the fact '{fact.name}'.",
                                    f"add 'records: {{{fact.name}: <value>}}' to the answers that establish it, "
                                    "or remove the fact."))
        elif fact.name not in used:
            problems.append(Problem(file, fact.line, "", f"answers record the fact '{fact.name}', but no "
                                    "'when' condition uses it.", "show some outcome content only 'when' it "
                                    "holds, or remove the fact and its 'records'."))
    found = fact_values(flow, analysis.order)
    if not found:
        return problems
    for outcome in flow.outcomes:
        values = {name: list(by_value) for name, by_value in found[outcome.id].items()}
        for key, items in outcome_parts(outcome).items():
            for item in items:
                if item.when is not None and not can_hold(item.when, values):
                    problems.append(Problem(file, item.when.line, outcome.id, f"this {key} item is shown only "
                                            f"when {describe(item.when)}, which no route to this outcome "
                                            f"records ({_possible(item.when, values)}).",
                                            "change the condition, move the text to an outcome those answers "
                                            "reach, or delete it."))
            if key in REQUIRED_PARTS and items and all(item.when is not None for item in items):
                empty = _empty_case(items, values)
                if empty is not None:
                    problems.append(Problem(file, items[0].line, outcome.id, f"the {key} shows nothing on a "
                                            f"route to this outcome: {empty}.", f"add an item without 'when' "
                                            f"to '{key}', or one for that case."))
    return problems


def _empty_case(items: Sequence[Part], values: Mapping[str, Iterable[str]]) -> str | None:
    """A combination of facts for which no item shows, in words, or None when there is none."""
    conditions = [item.when for item in items if item.when is not None]
    combos = _combinations(conditions, values)
    if combos is None:
        return "its conditions combine too many facts to check every case"
    for combo in combos:
        if not any(c.holds(combo) for c in conditions):
            return ", ".join(f"{fact} {value or 'unset'}" for fact, value in combo.items()) or "always"
    return None


def _possible(condition: Condition, values: Mapping[str, Iterable[str]]) -> str:
    facts = dict.fromkeys(t.fact for t in condition.terms())
    return "; ".join(f"{fact} can be {', '.join(v or 'unset' for v in values.get(fact, ()))} there" for fact in facts)


def describe(condition: Condition) -> str:
    """A condition as the build's messages write it: regulated is osfi, not (...)."""
    if condition.op == "is":
        return f"{condition.fact} is {' or '.join(condition.values)}"
    if condition.op == "not":
        return f"not ({describe(condition.parts[0])})"
    return f" {'and' if condition.op == 'all' else 'or'} ".join(f"({describe(p)})" for p in condition.parts)


# ── A condition in the reader's words ────────────────────────────────────────
# Without JavaScript and on paper, a conditional part says when it applies: "If you answered
# 'Yes, OSFI' to Question 3". The words name the answers that record each value on some route
# to the outcome (from fact_values), with their question numbers; the template gives the
# interface text in the page's language.

def condition_words(condition: Condition, origins: FactValues, numbers: Mapping[str, int],
                    t: Mapping[str, str]) -> str:
    """The condition in words, from the interface text `t`: "answered" ("you answered
    {answers}"), "not_answered", "quote" ("“{label}”"), "answer_to" ("{labels} to Question
    {number}"), "or", "and", "comma", "not" ("it is not the case that {condition}"), "unset"
    (a value no answer on a route here records), "more" (past MAX_ORIGINS answers)."""
    if condition.op == "is":
        return _fill(t["answered"], "answers", _answers(condition, origins, numbers, t))
    if condition.op == "not":
        inner = condition.parts[0]
        if inner.op == "is":
            return _fill(t["not_answered"], "answers", _answers(inner, origins, numbers, t))
        return _fill(t["not"], "condition", condition_words(inner, origins, numbers, t))
    joiner = t["and"] if condition.op == "all" else t["or"]
    return joiner.join(condition_words(part, origins, numbers, t) for part in condition.parts)


def _answers(term: Condition, origins: FactValues, numbers: Mapping[str, int], t: Mapping[str, str]) -> str:
    """The answers that record one of the term's values on a route here: "“A” or “B” to
    Question 3, 5 or 6", each label once, labels asked at the same questions together."""
    by_label: dict[str, set[int]] = {}
    more = False
    for value in term.values:
        recorded = origins.get(term.fact, {}).get(value, ())
        more = more or len(recorded) > MAX_ORIGINS
        for origin in sorted(recorded[:MAX_ORIGINS], key=lambda o: (numbers[o.question], o.number)):
            by_label.setdefault(origin.label, set()).add(numbers[origin.question])
    by_numbers: dict[tuple[int, ...], list[str]] = {}
    for label, asked in by_label.items():
        by_numbers.setdefault(tuple(sorted(asked)), []).append(_fill(t["quote"], "label", _short(label)))
    words = [_fill(_fill(t["answer_to"], "labels", _listed(labels, t)), "number", _listed([str(n) for n in asked], t))
             for asked, labels in by_numbers.items()] + ([t["more"]] if more else [])
    return _listed(words, t) if words else t["unset"]


def _short(label: str) -> str:
    """The label, or its first words up to QUOTED_LABEL_MAX characters and an ellipsis."""
    if len(label) <= QUOTED_LABEL_MAX:
        return label
    cut = label[:QUOTED_LABEL_MAX + 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


def _listed(items: Sequence[str], t: Mapping[str, str]) -> str:
    """"a", "a or b", "a, b or c" (`t["or"]`, `t["comma"]`)."""
    return items[0] if len(items) == 1 else t["comma"].join(items[:-1]) + t["or"] + items[-1]


def _fill(text: str, name: str, value: str) -> str:
    return text.replace("{" + name + "}", value)
