"""Build the model from schema-valid data, and the rules a schema cannot express:
ids, references, reachability, cycles, labels, and links to pages of the site."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from guide.core.folders import YAML_SUFFIX
from guide.core.problems import Problem, ProblemError, close_matches

from .model import DEFAULT_HEADINGS, Flow, Link, Node, Option, Outcome, Question

FLOW_SUFFIX = YAML_SUFFIX


def build(data: Any, file: str) -> Flow:
    """Build the model from schema-valid data (which knows its lines)."""
    nodes: dict[str, Node] = {}
    problems: list[Problem] = []
    for i, raw in enumerate(data["nodes"]):
        line = data["nodes"].lines[i]
        if raw["id"] in nodes:
            first = nodes[raw["id"]].line
            problems.append(Problem(file, raw.lines["id"], raw["id"],
                                        f"the id '{raw['id']}' is already used by the node on line {first}.",
                                        "give each node its own id."))
            continue
        if raw["kind"] == "question":
            options = tuple(Option(o["label"].strip(), o["next"], o.lines["label"], o.lines["next"],
                                   _optional(o, "note"), _optional(o, "assumes"), number)
                            for number, o in enumerate(raw["options"], 1))
            nodes[raw["id"]] = Question(raw["id"], raw["question"].strip(), _optional(raw, "hint"), options, line,
                                        tuple(s.strip() for s in raw.get("check", ())))
        else:
            links = tuple(Link(k["page"].partition("#")[0], k["label"].strip(), k.lines["page"],
                               k["page"].partition("#")[2] or None) for k in raw["links"])
            nodes[raw["id"]] = Outcome(
                raw["id"], raw["title"].strip(), raw["summary"].strip(), raw["reasoning"].strip(),
                tuple(s.strip() for s in raw["look_for"]), tuple(s.strip() for s in raw["watch_out"]),
                tuple(s.strip() for s in raw["next_steps"]), links, line, tuple(s.strip() for s in raw.get("check", ())),
                kit=raw.get("kit"), kit_note=_optional(raw, "kit_note"), kit_none=_optional(raw, "kit_none"),
                kit_line=raw.lines.get("kit", raw.lines.get("kit_none", line)))
    if problems:
        raise ProblemError(problems)
    headings = {**DEFAULT_HEADINGS, **{k: v.strip() for k, v in data.get("headings", {}).items()}}
    return Flow(data["id"], data["title"].strip(), data["intro"].strip(), data["start"], headings, nodes, file)


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
