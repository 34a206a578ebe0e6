"""What the pages need beyond the tree itself, in time linear in nodes + answers.

Nothing here lists every route through a flow unless asked for a bounded number:
a flow of 30 questions in a row, each with two answers to the next, has 2**30
routes but only 60 answers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Flow, Option, Outcome, Question

MAX_LISTED_ROUTES = 500  # the paths table lists every route only up to this many
# Route counts from this one up are shown as "very many" (pages) or a power of ten (the
# review table): a 13-digit count reads as noise, and a flow of 40 questions in a row with
# two answers each has 2**40 routes.
COUNTED_BELOW = 10**12


@dataclass(frozen=True)
class Step:
    """One answer: the question and the chosen option."""

    question: Question
    option: Option | None  # None only in review routes: any answer (they all lead to the same node)


@dataclass(frozen=True)
class Route:
    """A route from the start to an outcome: the answers given, in order."""

    steps: tuple[Step, ...]
    outcome: Outcome


@dataclass(frozen=True)
class Analysis:
    """Reading order, numbering and the answers into each node."""

    order: tuple[str, ...]                    # questions in reading order, then outcomes
    numbers: Mapping[str, int]                # question id -> visible number ("Question 3")
    remaining: Mapping[str, int]              # node id -> most questions still to answer from here
    incoming: Mapping[str, tuple[Step, ...]]  # node id -> the answers that lead straight to it
    route_counts: Mapping[str, int]           # node id -> how many routes from the start reach it

    def routes_shown(self, node_id: str) -> int | None:
        """How many routes reach the node, or None from COUNTED_BELOW up ("very many")."""
        count = self.route_counts[node_id]
        return count if count < COUNTED_BELOW else None

    @property
    def route_total(self) -> int:
        """Routes from the start to any outcome."""
        return sum(n for node_id, n in self.route_counts.items() if node_id not in self.numbers)


def topological(flow: Flow) -> list[str]:
    """Reachable node ids in a topological order (Kahn), starting from the start."""
    indegree = dict.fromkeys(flow.nodes, 0)
    for q in flow.questions:
        for target in {o.next for o in q.options}:
            indegree[target] += 1
    queue = deque([flow.start])
    order = []
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            for target in dict.fromkeys(o.next for o in node.options):
                indegree[target] -= 1
                if indegree[target] == 0:
                    queue.append(target)
    return order


def analyse(flow: Flow) -> Analysis:
    """Order, numbers, questions left, incoming answers and route counts: one pass each."""
    order = topological(flow)
    question_ids = [n for n in order if isinstance(flow.nodes[n], Question)]
    outcome_ids = [n for n in order if isinstance(flow.nodes[n], Outcome)]
    numbers = {node_id: i + 1 for i, node_id in enumerate(question_ids)}
    remaining: dict[str, int] = {}
    for node_id in reversed(order):
        node = flow.nodes[node_id]
        remaining[node_id] = (1 + max(remaining[o.next] for o in node.options)) if isinstance(node, Question) else 0
    incoming: dict[str, list[Step]] = {node_id: [] for node_id in order}
    counts = dict.fromkeys(order, 0)
    counts[flow.start] = 1
    for node_id in order:
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            for option in node.options:
                incoming[option.next].append(Step(node, option))
                counts[option.next] += counts[node_id]
    return Analysis(tuple(question_ids + outcome_ids), numbers, remaining,
                    {k: tuple(v) for k, v in incoming.items()}, counts)


def routes(flow: Flow, limit: int = MAX_LISTED_ROUTES) -> list[Route] | None:
    """Every route from the start to an outcome, depth first in answer order;
    None when there are more than `limit` (counted first, so nothing big is built)."""
    return _listed(flow, limit, merge=False)


def passes_through(question: Question) -> bool:
    """True when every answer leads to the same node: the question adds context (notes,
    assumptions) to the result but does not change where the flow goes."""
    return len({o.next for o in question.options}) == 1


def review_routes(flow: Flow, limit: int = MAX_LISTED_ROUTES) -> list[Route] | None:
    """Routes as the review table lists them: a question that passes through counts once
    ("any answer", a Step without option), so a context question does not multiply the
    table. None past `limit` (counted first, in linear time)."""
    return _listed(flow, limit, merge=True)


def _listed(flow: Flow, limit: int, *, merge: bool) -> list[Route] | None:
    """The routes, depth first in answer order, with pass-through questions merged or not;
    None when more than `limit` (counted by dynamic programming before any is built)."""
    counts: dict[str, int] = {}
    for node_id in reversed(topological(flow)):
        node = flow.nodes[node_id]
        if isinstance(node, Outcome):
            counts[node_id] = 1
        elif merge and passes_through(node):
            counts[node_id] = counts[node.options[0].next]
        else:
            counts[node_id] = sum(counts[o.next] for o in node.options)
    if counts[flow.start] > limit:
        return None
    found: list[Route] = []
    stack: list[tuple[str, tuple[Step, ...]]] = [(flow.start, ())]
    while stack:
        node_id, steps = stack.pop()
        node = flow.nodes[node_id]
        if isinstance(node, Outcome):
            found.append(Route(steps, node))
        elif merge and passes_through(node):
            stack.append((node.options[0].next, steps + (Step(node, None),)))
        else:
            for option in reversed(node.options):
                stack.append((option.next, steps + (Step(node, option),)))
    return found


def _count(n: int) -> str:
    return f"{n:,}" if n < COUNTED_BELOW else f"about 10^{len(str(n)) - 1}"


def paths_markdown(flows: Iterable[Flow]) -> str:
    """The committed review table: every route through every flow and where it ends, or,
    past MAX_LISTED_ROUTES routes, how many reach each outcome and the answers into it."""
    out = ["<!-- Generated from docs/decide/flows/*.yml by `.venv/bin/python scripts/flow_paths.py`."
           " Do not edit by hand. -->", "", "# Every path through the flows", ""]
    for flow in flows:
        analysis = analyse(flow)
        listed = review_routes(flow)
        out += [f"## {flow.title} (`{flow.id}`)", "",
                f"{_count(analysis.route_total)} paths, {len(flow.questions)} questions, "
                f"{len(flow.outcomes)} outcomes.", ""]
        if listed is not None:
            if any(passes_through(q) for q in flow.questions):
                out += ["A question whose answers all lead to the same place is listed once, as *any answer*: "
                        "it adds to the result's notes but does not change where it ends.", ""]
            out += ["| # | Answers | Ends at |", "| ---: | --- | --- |"]
            for i, path in enumerate(listed, 1):
                answers = "<br>".join(f"Q{analysis.numbers[s.question.id]} {_cell(s.question.question)} → "
                                      + (f"**{_cell(s.option.label)}**" if s.option else "*any answer*")
                                      for s in path.steps)
                out.append(f"| {i} | {answers} | {_cell(path.outcome.title)} (`{path.outcome.id}`) |")
        else:
            out += [f"Over {MAX_LISTED_ROUTES} paths: each outcome with the number of paths to it and the "
                    "answers that lead straight to it.", "",
                    "| Outcome | Paths | Last answers |", "| --- | ---: | --- |"]
            for node_id in analysis.order:
                node = flow.nodes[node_id]
                if isinstance(node, Outcome):
                    answers = "<br>".join(f"Q{analysis.numbers[s.question.id]} → **{_cell(s.option.label)}**"
                                          for s in analysis.incoming[node_id])
                    out.append(f"| {_cell(node.title)} (`{node.id}`) | {_count(analysis.route_counts[node_id])} "
                               f"| {answers} |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")
