"""Lay a flow out as a top-to-bottom layered diagram (a small Sugiyama), in time linear
in nodes + answers: edges that skip layers pass through thin dummy slots, up to a budget
proportional to the flow's size; past it, long edges run down a channel at the side."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from .analysis import Analysis, analyse, topological
from .model import Flow, Question

BOX_WIDTH = 168
LINE_HEIGHT = 16
BOX_PAD = 10
GAP_X = 20
GAP_Y = 44
WRAP = 24
MAX_LINES = 4
DUMMY_WIDTH = 12
DUMMY_BUDGET = 4  # dummy slots per node and answer, at most
CHANNEL_GAP = 6


@dataclass(frozen=True)
class Box:
    """A node in the diagram."""

    id: str
    kind: str
    tag: str                 # "Question 3" or "Outcome"
    lines: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Edge:
    """An arrow from one box to another (an SVG path)."""

    source: str
    target: str
    d: str


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram of a whole flow."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]


def _wrap(text: str) -> tuple[str, ...]:
    """Wrap text into at most MAX_LINES lines for a box."""
    lines = textwrap.wrap(text, WRAP) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: WRAP - 1].rstrip() + "…"
    return tuple(lines)


def layout(flow: Flow, analysis: Analysis | None = None) -> Diagram:
    """A layered layout, top to bottom (a small Sugiyama): each node sits one layer below
    its deepest parent, edges that skip layers pass through thin dummy slots so they do
    not cross boxes, and each layer is ordered by the mean position of its parents."""
    analysis = analysis or analyse(flow)
    order = list(analysis.order)
    topo = topological(flow)
    layer: dict[str, int] = {flow.start: 0}
    for node_id in topo:
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            for target in dict.fromkeys(o.next for o in node.options):
                layer[target] = max(layer.get(target, 0), layer[node_id] + 1)
    # Items are node ids or dummy slots ("~", edge index, layer).
    parents: dict[Any, list[Any]] = {n: [] for n in topo}
    pairs = [(node_id, target) for node_id in topo if isinstance(flow.nodes[node_id], Question)
             for target in dict.fromkeys(o.next for o in flow.nodes[node_id].options)]
    # Short edges get dummy slots first; once the budget is spent, the rest use side channels.
    budget = DUMMY_BUDGET * (len(topo) + len(pairs))
    by_span = sorted(range(len(pairs)), key=lambda i: layer[pairs[i][1]] - layer[pairs[i][0]])
    slotted: set[int] = set()
    for i in by_span:
        cost = layer[pairs[i][1]] - layer[pairs[i][0]] - 1
        if cost > budget:
            break
        budget -= cost
        slotted.add(i)
    routes: list[tuple[str, str, list[Any] | None]] = []
    for i, (node_id, target) in enumerate(pairs):
        if i not in slotted:
            routes.append((node_id, target, None))
            continue
        chain: list[Any] = []
        previous: Any = node_id
        for depth in range(layer[node_id] + 1, layer[target]):
            dummy = ("~", len(routes), depth)
            parents[dummy] = [previous]
            chain.append(dummy)
            previous = dummy
        parents[target].append(previous)
        routes.append((node_id, target, chain))
    rows: dict[int, list[Any]] = {}
    for item in parents:
        rows.setdefault(item[2] if isinstance(item, tuple) else layer[item], []).append(item)
    texts = {n: _wrap(flow.nodes[n].question if isinstance(flow.nodes[n], Question) else flow.nodes[n].title)
             for n in topo}
    rank = {n: i for i, n in enumerate(order)}

    def item_width(item: Any) -> int:
        return DUMMY_WIDTH if isinstance(item, tuple) else BOX_WIDTH

    def row_width(row: list[Any]) -> int:
        return sum(item_width(i) for i in row) + GAP_X * (len(row) - 1)

    centre: dict[Any, float] = {}
    for depth in sorted(rows):
        row = rows[depth]
        if depth:
            row.sort(key=lambda i: (sum(centre[p] for p in parents[i]) / len(parents[i]),
                                    rank.get(i, -1) if not isinstance(i, tuple) else -1))
        x = -row_width(row) / 2
        for item in row:
            centre[item] = x + item_width(item) / 2
            x += item_width(item) + GAP_X
    left = min(centre[i] - item_width(i) / 2 for i in centre)
    right = max(centre[i] + item_width(i) / 2 for i in centre)
    shift = GAP_X - left
    top: dict[int, int] = {}
    bottom: dict[int, int] = {}
    boxes: dict[str, Box] = {}
    y = GAP_X
    for depth in sorted(rows):
        real = [i for i in rows[depth] if not isinstance(i, tuple)]
        height = max(len(texts[n]) for n in real) * LINE_HEIGHT + LINE_HEIGHT + 2 * BOX_PAD
        top[depth], bottom[depth] = y, y + height
        for node_id in real:
            node = flow.nodes[node_id]
            tag = f"Question {analysis.numbers[node_id]}" if isinstance(node, Question) else "Outcome"
            boxes[node_id] = Box(node_id, node.kind, tag, texts[node_id],
                                 round(centre[node_id] + shift - BOX_WIDTH / 2), y, BOX_WIDTH, height)
        y += height + GAP_Y
    edges = []
    channel = round(right - left) + GAP_X
    for source, target, chain in routes:
        a, b = boxes[source], boxes[target]
        if chain is None:  # down a channel at the right-hand side, in the gaps between layers
            channel += CHANNEL_GAP
            sx, sy, tx, ty = a.x + a.width // 2, a.y + a.height, b.x + b.width // 2, b.y - 4
            edges.append(Edge(source, target, f"M{sx} {sy} L{sx} {sy + GAP_Y // 3} L{channel} {sy + GAP_Y // 3} "
                                              f"L{channel} {ty - GAP_Y // 3} L{tx} {ty - GAP_Y // 3} L{tx} {ty}"))
            continue
        points = [(a.x + a.width // 2, a.y + a.height)]
        for dummy in chain:
            dx = round(centre[dummy] + shift)
            points += [(dx, top[dummy[2]]), (dx, bottom[dummy[2]])]
        points.append((b.x + b.width // 2, b.y - 4))
        d = f"M{points[0][0]} {points[0][1]}"
        for i in range(1, len(points)):
            (x1, y1), (x2, y2) = points[i - 1], points[i]
            if x1 == x2 or i % 2 == 0:
                d += f" L{x2} {y2}"
            else:
                bend = (y2 - y1) // 2
                d += f" C{x1} {y1 + bend} {x2} {y2 - bend} {x2} {y2}"
        edges.append(Edge(source, target, d))
    width = max(round(right - left) + 2 * GAP_X, channel + GAP_X)
    return Diagram(width, y - GAP_Y + GAP_X, tuple(boxes[n] for n in order), tuple(edges))


