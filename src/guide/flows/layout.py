"""Lay a flow out as a top-to-bottom layered diagram (a small Sugiyama), in time about
linear in nodes + answers. What it makes, its sizes and text metrics: `diagram.py`.

1. Layers: each node one layer below its deepest parent.
2. Long edges (skipping layers) pass through thin slots in the layers in between, up to a
   budget proportional to the flow's size; past it, they run down a channel at the side.
3. Order within layers (`layout_order.py`): barycentre sweeps down and up, compared by
   their crossings while the flow is small.
4. Positions (`layout_place.py`): each layer in turn as close as it can get to the mean of
   its neighbours, a few times down and up.
5. Boxes: each layer as tall as its tallest box, the box text wrapped to the box.
6. Arrows: each leaves its box at its own port, ordered by where it goes, with a badge
   carrying the numbers of the answers it stands for (1 = the question's first answer),
   and enters its target at its own port, ordered by where it comes from. Arrows are
   straight up and down through the layers and bend only in the gaps between them, so
   none runs through a box.

`crossings(diagram)` (`layout_order.py`) counts the crossings of the drawn arrows between
layers (for tests; the build never calls it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import Analysis, analyse, topological
from .diagram import (
    ADVANCE,
    BOX_PAD,
    BOX_WIDTH,
    FONT_SIZE,
    GAP_SLOT,
    GAP_Y,
    LABEL_HEIGHT,
    LINE_HEIGHT,
    MARGIN,
    MAX_LINES,
    Box,
    Diagram,
    Edge,
    text_width,
)
from .layout_arrows import draw_arrows
from .layout_order import SMALL_FLOW, crossings, order
from .layout_place import PLACEMENT_PASSES_LARGE, PLACEMENT_PASSES_SMALL, place
from .model import Flow, Question

__all__ = ["BOX_PAD", "BOX_WIDTH", "LABEL_HEIGHT", "SMALL_FLOW", "Box", "Diagram", "Edge", "crossings", "layout",
           "text_width"]

DUMMY_BUDGET = 4      # slots per node and answer, at most


@dataclass
class Layers:
    """The flow as a layered graph. Items are the nodes (0 .. n-1, in topological order), then
    the slots long arrows pass through; each sits in a row, its layer."""

    layer: list[int]                            # of each node
    arrows: list[tuple[int, int, tuple[int, ...]]]  # source item, target item, the answers it stands for
    chains: list[list[int] | None]              # each arrow's slots, top down; None: down the side channel
    row_of: list[int]                           # each item's row
    up: list[list[int]]                         # each item's neighbours in the row above
    down: list[list[int]]                       # and in the row below
    rows: list[list[int]]                       # each row's items, left to right once ordered
    is_slot: list[bool]


@dataclass(frozen=True)
class Frame:
    """Where the layers and the boxes ended up: rounded centres, each row's top and bottom."""

    cx: list[int]           # centre x of each item
    top: list[int]          # y of each row's top
    bottom: list[int]       # and of its bottom
    height: int             # of the whole drawing
    channel: int            # x left of the first arrow in the side channel
    width: int              # of the layers, margins included


def _wrap(text: str, width: float = BOX_WIDTH - 2 * BOX_PAD) -> tuple[str, ...]:
    """Wrap text to `width` px in at most MAX_LINES lines (the last ends with … if cut)."""
    words: list[str] = []
    for word in text.split():
        while text_width(word) > width:  # longer than the box: break it
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut]) > width:
                cut -= 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    space = ADVANCE[" "] * FONT_SIZE / 1000
    lines: list[str] = []
    line, used = "", 0.0
    for word in words:
        w = text_width(word)
        if line and used + space + w > width:
            lines.append(line)
            line, used = "", 0.0
        line, used = (f"{line} {word}", used + space + w) if line else (word, w)
    lines.append(line)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1]
        while last and text_width(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return tuple(lines)


def layout(flow: Flow, analysis: Analysis | None = None) -> Diagram:
    """The diagram of a whole flow (see the module's docstring for the steps)."""
    return _draw(flow, analysis or analyse(flow))


def _draw(flow: Flow, analysis: Analysis) -> Diagram:
    """Lay the flow out: layers, slots, order, places, boxes, arrows."""
    topo = topological(flow)
    layer, pairs = _layer(flow, topo)
    graph = _slots(layer, pairs, _slotted(layer, pairs, len(topo)))
    small = sum(len(d) for d in graph.down) <= SMALL_FLOW
    rank = [analysis.numbers.get(node_id, -1) for node_id in topo] + [-1] * (len(graph.row_of) - len(topo))
    order(graph.rows, graph.up, graph.down, graph.is_slot, rank, small)
    x = place(graph.rows, graph.up, graph.down, graph.is_slot, PLACEMENT_PASSES_SMALL if small else PLACEMENT_PASSES_LARGE)
    boxes, frame = _boxes(flow, analysis, topo, graph, x)
    edges, badges, channel = draw_arrows(topo, graph, boxes, frame)
    index = {node_id: i for i, node_id in enumerate(topo)}
    return Diagram(max(frame.width, channel + MARGIN), frame.height, tuple(boxes[index[n]] for n in analysis.order),
                   tuple(edges), "".join(badges))


def _layer(flow: Flow, topo: list[str]) -> tuple[list[int], list[tuple[int, int, tuple[int, ...]]]]:
    """Step 1: each node's layer, one below its deepest parent; and one arrow per (question,
    target): the answers it stands for, in the question's order."""
    index = {node_id: i for i, node_id in enumerate(topo)}
    layer = [0] * len(topo)
    arrows: list[tuple[int, int, tuple[int, ...]]] = []
    for node_id in topo:
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            targets: dict[str, list[int]] = {}
            for k, option in enumerate(node.options, 1):
                targets.setdefault(option.next, []).append(k)
            s = index[node_id]
            for target, numbers in targets.items():
                t = index[target]
                layer[t] = max(layer[t], layer[s] + 1)
                arrows.append((s, t, tuple(numbers)))
    return layer, arrows


def _slotted(layer: list[int], arrows: list[tuple[int, int, tuple[int, ...]]], nodes: int) -> list[bool]:
    """Step 2, the budget: which arrows pass through slots. Short ones get theirs first; once
    the budget is spent, the rest use the side channel."""
    budget = DUMMY_BUDGET * (nodes + len(arrows))
    slotted = [False] * len(arrows)
    for i in sorted(range(len(arrows)), key=lambda i: layer[arrows[i][1]] - layer[arrows[i][0]]):
        cost = layer[arrows[i][1]] - layer[arrows[i][0]] - 1
        if cost > budget:
            break
        budget -= cost
        slotted[i] = True
    return slotted


def _slots(layer: list[int], arrows: list[tuple[int, int, tuple[int, ...]]], slotted: list[bool]) -> Layers:
    """Step 2, the graph: a slot in each layer a slotted arrow passes, the links between
    neighbouring rows, and each row's items in the order first reached (which keeps siblings
    in answer order when nothing else decides)."""
    nodes = len(layer)
    row_of = list(layer)
    up: list[list[int]] = [[] for _ in range(nodes)]
    down: list[list[int]] = [[] for _ in range(nodes)]
    chains: list[list[int] | None] = []
    seq = [-1] * nodes  # first reached
    seq[0] = 0
    counter = 1
    for i, (s, t, _) in enumerate(arrows):
        if not slotted[i]:
            chains.append(None)
            continue
        chain: list[int] = []
        previous = s
        for depth in range(layer[s] + 1, layer[t]):
            item = len(row_of)
            row_of.append(depth)
            up.append([previous])
            down.append([])
            seq.append(counter)
            counter += 1
            down[previous].append(item)
            chain.append(item)
            previous = item
        down[previous].append(t)
        up[t].append(previous)
        if seq[t] < 0:
            seq[t] = counter
            counter += 1
        chains.append(chain)
    rows: list[list[int]] = [[] for _ in range(max(row_of) + 1)]
    for item in sorted(range(len(row_of)), key=seq.__getitem__):
        rows[row_of[item]].append(item)
    return Layers(layer, arrows, chains, row_of, up, down, rows, [i >= nodes for i in range(len(row_of))])


def _boxes(flow: Flow, analysis: Analysis, topo: list[str], graph: Layers,
           x: list[float]) -> tuple[dict[int, Box], Frame]:
    """Step 5: the boxes, layer by layer, each layer as tall as its tallest box; the drawing
    shifted to its left margin."""
    is_slot = graph.is_slot
    texts = [_wrap(n.question if isinstance(n, Question) else n.title)
             for n in (flow.nodes[node_id] for node_id in topo)]
    left = min(x[row[0]] - (0 if is_slot[row[0]] else BOX_WIDTH / 2) for row in graph.rows)
    right = max(x[row[-1]] + (0 if is_slot[row[-1]] else BOX_WIDTH / 2) for row in graph.rows)
    shift = MARGIN - left
    cx = [round(v + shift) for v in x]
    top: list[int] = []
    bottom: list[int] = []
    boxes: dict[int, Box] = {}
    y = MARGIN
    for row in graph.rows:
        real = [i for i in row if not is_slot[i]]
        height = (max(len(texts[i]) for i in real) + 1) * LINE_HEIGHT + 2 * BOX_PAD
        top.append(y)
        bottom.append(y + height)
        for i in real:
            node = flow.nodes[topo[i]]
            tag = f"Question {analysis.numbers[node.id]}" if isinstance(node, Question) else "Outcome"
            boxes[i] = Box(node.id, node.kind, tag, texts[i], cx[i] - BOX_WIDTH // 2, y, BOX_WIDTH, height)
        y += height + GAP_Y
    return boxes, Frame(cx, top, bottom, height=y - GAP_Y + MARGIN, channel=round(right + shift) + GAP_SLOT,
                         width=round(right - left) + 2 * MARGIN)
