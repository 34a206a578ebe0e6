"""Build the model from schema-valid data, and the rules a schema cannot express:
ids, references, reachability, cycles, labels, and links to pages of the site."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from guide.core.folders import YAML_SUFFIX
from guide.core.problems import Problem, ProblemError, close_matches

from .model import DEFAULT_HEADINGS, Condition, Fact, Flow, Link, Node, Option, Outcome, Part, Question

FLOW_SUFFIX = YAML_SUFFIX
# A condition ('when:') is data a reader follows by hand: at most this deep (all of any of
# a term is 2) and with at most this many fact terms. Past either, the build refuses it.
MAX_CONDITION_DEPTH = 4
MAX_CONDITION_TERMS = 12
COMBINATORS = ("all", "any", "not")


def build(data: Any, file: str) -> Flow:
    """Build the model from schema-valid data (which knows its lines)."""
    nodes: dict[str, Node] = {}
    problems: list[Problem] = []
    facts = _facts(data, file, problems)
    conditions = _Conditions(facts, file, problems)
    for i, raw in enumerate(data["nodes"]):
        line = data["nodes"].lines[i]
        if raw["id"] in nodes:
            first = nodes[raw["id"]].line
            problems.append(Problem(file, raw.lines["id"], raw["id"],
                                        f"the id '{raw['id']}' is already used by the node on line {first}.",
                                        "give each node its own id."))
            continue
        if raw["kind"] == "question" and "multiple" in raw:
            for node in _tick_all(raw, line, conditions, file, problems):
                if node.id in nodes:
                    problems.append(Problem(file, node.line, node.id, f"the id '{node.id}' of an item of the "
                                            f"question '{raw['id']}' is already used by the node on line "
                                            f"{nodes[node.id].line}.", "rename that node."))
                nodes[node.id] = node
            continue
        if raw["kind"] == "question":
            options = tuple(Option(o["label"].strip(), o["next"], o.lines["label"], o.lines["next"],
                                   _optional(o, "note"), _optional(o, "assumes"), number,
                                   conditions.records(o, raw["id"]), o.lines.get("records", 0))
                            for number, o in enumerate(raw["options"], 1))
            nodes[raw["id"]] = Question(raw["id"], raw["question"].strip(), _optional(raw, "hint"), options, line,
                                        tuple(s.strip() for s in raw.get("check", ())))
        else:
            node_id = raw["id"]
            links = tuple(Link(k["page"].partition("#")[0], k["label"].strip(), k.lines["page"],
                               k["page"].partition("#")[2] or None, conditions.of(k, node_id)) for k in raw["links"])

            def parts(key: str, raw: Any = raw, node_id: str = node_id) -> tuple[Part, ...]:
                return conditions.parts(raw, key, node_id)

            nodes[node_id] = Outcome(
                node_id, raw["title"].strip(), parts("summary"), parts("reasoning"), parts("look_for"),
                parts("watch_out"), parts("next_steps"), links, line, parts("check"),
                kit=raw.get("kit"), kit_note=parts("kit_note"), kit_none=_optional(raw, "kit_none"),
                kit_line=raw.lines.get("kit", raw.lines.get("kit_none", line)))
    if problems:
        raise ProblemError(problems)
    headings = {**DEFAULT_HEADINGS, **{k: v.strip() for k, v in data.get("headings", {}).items()}}
    return Flow(data["id"], data["title"].strip(), data["intro"].strip(), data["start"], headings, nodes, file, facts)


def _tick_all(raw: Any, line: int, conditions: _Conditions, file: str, problems: list[Problem]) -> list[Question]:
    """A "tick all that apply" question (`multiple: {yes, no}`) as one yes/no question per item,
    as the no-JS page and paper show it and the address records it: the first keeps the
    question's id, the k-th is '<id>-<k>'; each item's label is its question, the question
    (and its hint) the hint; "yes" records the item's facts and shows its note; every item
    leads to the next, the last to the question's one 'next'."""
    node_id, items = raw["id"], raw["options"]
    after = items[0]["next"]
    for item in items:
        if item["next"] != after:
            problems.append(Problem(file, item.lines["next"], node_id, "the answers of a 'multiple' (tick all that "
                                    "apply) question lead to different nodes.", f"give every answer 'next: {after}': "
                                    "each answer is an item ticked or not, and the question leads on to one node."))
        if "assumes" in item:
            problems.append(Problem(file, item.lines["assumes"], node_id, "an item of a 'multiple' question cannot "
                                    "assume anything: it is ticked or not.", "remove 'assumes', or ask a question of "
                                    "its own."))
    ids = [node_id] + [f"{node_id}-{k}" for k in range(2, len(items) + 1)]
    hint = " ".join(part.strip() for part in (raw["question"], raw.get("hint") or "") if part.strip())
    yes, no = raw["multiple"]["yes"].strip(), raw["multiple"]["no"].strip()
    out = []
    for k, item in enumerate(items):
        nxt = ids[k + 1] if k + 1 < len(ids) else after
        line_k = item.lines["label"]
        options = (Option(yes, nxt, line_k, item.lines["next"], _optional(item, "note"), None, 1,
                          conditions.records(item, node_id), item.lines.get("records", 0)),
                   Option(no, nxt, line_k, item.lines["next"], None, None, 2))
        out.append(Question(ids[k], item["label"].strip(), hint, options, line if k == 0 else line_k,
                            tuple(c.strip() for c in raw.get("check", ())) if k == 0 else ()))
    return out


def _facts(data: Any, file: str, problems: list[Problem]) -> dict[str, Fact]:
    """The facts the flow declares, in file order."""
    raw = data.get("facts", {})
    facts = {}
    for name, values in raw.items():
        if name in COMBINATORS:
            problems.append(Problem(file, raw.lines[name], "", f"a fact may not be called '{name}': in a 'when' "
                                    "condition that word combines conditions.", "give the fact another name."))
        facts[name] = Fact(name, tuple(values), raw.lines[name])
    return facts


class _Conditions:
    """Reads `records:` and `when:` against the declared facts, adding a problem (with its
    line) for each unknown fact or value and each condition nested or sized past the limits."""

    def __init__(self, facts: Mapping[str, Fact], file: str, problems: list[Problem]) -> None:
        self.facts = facts
        self.file = file
        self.problems = problems

    def _known(self, fact: str, value: str, line: int, node: str, where: str) -> bool:
        if fact not in self.facts:
            close = close_matches(fact, list(self.facts), n=1)
            self.problems.append(Problem(self.file, line, node, f"{where} names the fact '{fact}', which the flow "
                                         "does not declare.", f"use a fact declared under 'facts:'"
                                         f"{f' (perhaps {close[0]!r})' if close else ''}, or declare it there."))
            return False
        if value not in self.facts[fact].values:
            values = ", ".join(self.facts[fact].values)
            self.problems.append(Problem(self.file, line, node, f"{where} gives the fact '{fact}' the value "
                                         f"'{value}', which is not one of its values ({values}).",
                                         f"use one of them, or add '{value}' to '{fact}' under 'facts:'."))
            return False
        return True

    def records(self, raw: Any, node: str) -> dict[str, str]:
        """An option's `records:` (fact -> value), the known ones."""
        found = {}
        for fact, value in raw.get("records", {}).items():
            if self._known(fact, value, raw["records"].lines[fact], node, "the answer's 'records'"):
                found[fact] = value
        return found

    def of(self, raw: Any, node: str) -> Condition | None:
        """The condition under `when:` in a mapping, or None."""
        if "when" not in raw:
            return None
        condition = self._condition(raw["when"], raw.lines["when"], node, 1)
        if condition is not None and len(condition.terms()) > MAX_CONDITION_TERMS:
            self.problems.append(Problem(self.file, raw.lines["when"], node, f"the condition has "
                                         f"{len(condition.terms())} fact terms; at most {MAX_CONDITION_TERMS} "
                                         "are allowed, so that a reader can follow it by hand.",
                                         "split the text into parts with simpler conditions, or record a fact "
                                         "that says it in one word."))
        return condition

    def parts(self, raw: Any, key: str, node: str) -> tuple[Part, ...]:
        """Text, or a list of text and {text, when} items, as Parts."""
        value = raw.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (Part(value.strip(), raw.lines[key]),)
        return tuple(Part(item.strip(), value.lines[i]) if isinstance(item, str)
                     else Part(item["text"].strip(), value.lines[i], self.of(item, node))
                     for i, item in enumerate(value))

    def _condition(self, raw: Any, line: int, node: str, depth: int) -> Condition | None:
        line = getattr(raw, "line", line)
        if depth > MAX_CONDITION_DEPTH:
            self.problems.append(Problem(self.file, line, node, f"the condition is nested more than "
                                         f"{MAX_CONDITION_DEPTH} levels deep.", "flatten it: 'all' or 'any' of "
                                         "terms is as deep as a reader can follow; record a fact for the rest."))
            return None
        if not isinstance(raw, dict) or len(raw) != 1:
            self.problems.append(Problem(self.file, line, node, "a condition is one key: a fact with its value "
                                         "(or list of values), or 'all', 'any' or 'not'.",
                                         "write {fact: value}, {all: [...]}, {any: [...]} or {not: {...}}."))
            return None
        (key, value), = raw.items()
        key_line = raw.lines[key] if hasattr(raw, "lines") else line
        if key in ("all", "any"):
            if not isinstance(value, list) or len(value) < 2:
                self.problems.append(Problem(self.file, key_line, node, f"'{key}' takes a list of two or more "
                                             "conditions.", f"list the conditions under '{key}', or write the "
                                             "one condition without it."))
                return None
            parts = [self._condition(item, value.lines[i], node, depth + 1) for i, item in enumerate(value)]
            return None if None in parts else Condition(key, key_line, parts=tuple(parts))
        if key == "not":
            part = self._condition(value, key_line, node, depth + 1)
            return None if part is None else Condition("not", key_line, parts=(part,))
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) for v in values):
            self.problems.append(Problem(self.file, key_line, node, f"the fact '{key}' is compared with something "
                                         "that is not a value or a list of values.",
                                         f"write {key}: value, or {key}: [value, value]."))
            return None
        known = [self._known(key, v, key_line, node, "the condition") for v in values]
        return Condition("is", key_line, fact=key, values=tuple(values)) if all(known) else None


def _optional(raw: Any, key: str) -> str | None:
    value = raw.get(key)
    return value.strip() if isinstance(value, str) else None


def graph_problems(flow: Flow, lines: Mapping[str, int], expected_id: str | None) -> list[Problem]:
    """The rules a schema cannot express: ids, references, reachability, cycles, labels."""
    file = flow.source
    problems: list[Problem] = []
    ids = list(flow.nodes)
    if expected_id is not None and flow.id != expected_id:
        problems.append(Problem(file, lines["id"], "", f"the flow id '{flow.id}' does not match the file name.",
                                    f"set 'id: {expected_id}' or rename the file to {flow.id}{FLOW_SUFFIX}."))
    if flow.start not in flow.nodes:
        close = close_matches(flow.start, ids, n=1)
        problems.append(Problem(file, lines["start"], "", f"the start node '{flow.start}' does not exist.",
                                    f"set start to {repr(close[0]) if close else 'the id of the first question'}."))
    elif isinstance(flow.nodes[flow.start], Outcome):
        problems.append(Problem(file, lines["start"], flow.start, "the start node is an outcome.",
                                    "start with a question."))
    for node in flow.questions:
        seen: dict[str, int] = {}
        for option in node.options:
            key = " ".join(option.label.casefold().split())
            if key in seen:
                problems.append(Problem(file, option.line, node.id,
                                            f"two options share the label '{option.label}' (lines {seen[key]} and {option.line}).",
                                            "give each option its own wording."))
            seen.setdefault(key, option.line)
            if option.assumes and not node.check:
                problems.append(Problem(file, option.line, node.id,
                                            f"the option '{option.label}' assumes something, but the question has no "
                                            "'check' questions to test the assumption with.",
                                            "add 'check:' to the question with one or more questions to ask the team."))
            if option.next not in flow.nodes:
                close = close_matches(option.next, ids, n=1)
                hint = f" (perhaps '{close[0]}')" if close else ""
                problems.append(Problem(file, option.next_line, node.id,
                                            f"the option '{option.label}' leads to '{option.next}', which is not a node.",
                                            f"point 'next' at an existing node id{hint}, or add that node."))
    for outcome in flow.outcomes:
        if outcome.kit and outcome.kit_none:
            problems.append(Problem(file, outcome.kit_line, outcome.id,
                                        "the outcome has both 'kit' and 'kit_none'.",
                                        "keep 'kit' when a hiring kit applies, or 'kit_none' to say why none does."))
        if outcome.kit_note and not outcome.kit:
            problems.append(Problem(file, outcome.kit_line, outcome.id,
                                        "the outcome has 'kit_note' but no 'kit' for it to go with.",
                                        "add 'kit: <kit id>', or remove 'kit_note'."))
    if problems:
        return problems
    reached = _reachable(flow)
    for node in flow.nodes.values():
        if node.id not in reached:
            problems.append(Problem(file, node.line, node.id, "no answer leads to this node, so nobody can reach it.",
                                        "point an option at it, or delete it."))
    cycle = _find_cycle(flow)
    if cycle:
        loop = " -> ".join(cycle)
        closing = next(o for o in _q(flow, cycle[-2]).options if o.next == cycle[-1])
        problems.append(Problem(file, closing.next_line, cycle[-2], f"the answers go round in a circle: {loop}.",
                                    "point this option at a later question or an outcome."))
    return problems


def _q(flow: Flow, node_id: str) -> Question:
    node = flow.nodes[node_id]
    assert isinstance(node, Question)
    return node


def _reachable(flow: Flow) -> set[str]:
    """Ids of every node some path from the start reaches."""
    seen = {flow.start}
    queue = deque([flow.start])
    while queue:
        node = flow.nodes[queue.popleft()]
        if isinstance(node, Question):
            for option in node.options:
                if option.next not in seen:
                    seen.add(option.next)
                    queue.append(option.next)
    return seen


def _find_cycle(flow: Flow) -> list[str] | None:
    """A cycle as a list of ids (first == last), or None. Iterative DFS."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in [flow.start, *flow.nodes]:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node_id, index = stack[-1]
            node = flow.nodes[node_id]
            options = node.options if isinstance(node, Question) else ()
            if index < len(options):
                stack[-1] = (node_id, index + 1)
                nxt = options[index].next
                if state.get(nxt) == 1:
                    ids = [n for n, _ in stack]
                    return ids[ids.index(nxt):] + [nxt]
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node_id] = 2
                stack.pop()
    return None
