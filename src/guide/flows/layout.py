"""Lay a flow out as a top-to-bottom layered diagram (a small Sugiyama), in time about
linear in nodes + answers.

1. Layers: each node one layer below its deepest parent.
2. Long edges (skipping layers) pass through thin slots in the layers in between, up to a
   budget proportional to the flow's size; past it, they run down a channel at the side.
3. Order within layers: barycentre sweeps down and up. A large flow gets a fixed number of
   sweeps and its crossings are never counted. A small flow (up to SMALL_FLOW links) is
   ordered from several seeded starts; each keeps its sweep with fewest crossings, then
   swaps neighbours while that helps, and the start with fewest crossings wins.
4. Positions: each layer in turn as close as it can get to the mean of its neighbours
   (a least-squares fit under minimum gaps, solved in linear time), a few times down and
   up, no wider than the widest layer packed tight.
5. Arrows: each leaves its box at its own port, ordered by where it goes, with a badge
   carrying the numbers of the answers it stands for (1 = the question's first answer),
   and enters its target at its own port, ordered by where it comes from. Arrows are
   straight up and down through the layers and bend only in the gaps between them, so
   none runs through a box.

`crossings(diagram)` counts the crossings of the drawn arrows between layers (for tests;
the build never calls it).
"""

from __future__ import annotations

import functools
import itertools
import random
from bisect import bisect_right
from dataclasses import dataclass

from .analysis import Analysis, analyse, topological
from .model import Flow, Question

BOX_WIDTH = 140
BOX_PAD = 10          # inside a box, around its text
FONT_SIZE = 12.5      # of box text; the stylesheets use the same
LINE_HEIGHT = 16
MAX_LINES = 6
LABEL_SIZE = 10.5     # of the answer numbers on the arrows (bold)
LABEL_HEIGHT = 14     # the badge behind them
LABEL_BASELINE = 11   # below the badge's top
GAP_BOXES = 16        # between two boxes of a layer
GAP_SLOT = 10         # between a box and a long edge passing it
GAP_SLOTS = 7         # between two long edges side by side
GAP_Y = 60            # between layers: the answer numbers, the bends, the arrowheads
MARGIN = 10
FIT_WIDTH = 684       # the site's content column at desktop widths (688 px less the frame): fit it if we can
STUB = 22             # straight drop below a box, carrying the answer number
HEAD = 7              # straight arrival into a box, under the arrowhead
ARROWHEAD = " m-4 -6 l4 6 4 -6"  # a subpath at the end of every Edge.d, from the tip
PORT_MARGIN = 12      # ports keep this far from a box's corners
DUMMY_BUDGET = 4      # slots per node and answer, at most
CHANNEL_GAP = 6
SMALL_FLOW = 2000     # links between layers: up to this many, orderings are compared by crossings
SWEEPS_SMALL = 4       # as few as give the fewest crossings found for the shipped flows (bench: build cost)
RESTARTS = 24         # starts tried for a small flow, fewer as it grows:
RESTART_LINKS = 800   # at most this many links over all starts
SWEEPS_LARGE = 4
PLACEMENT_PASSES_SMALL = 8
PLACEMENT_PASSES_LARGE = 4
SLOT_WEIGHT = 4       # a long edge's slot holds its place more firmly than a box (straighter long edges)

# Advance widths of Arial / Helvetica / Liberation Sans (metric-compatible), in 1/1000 em;
# other characters count as 600. Used to wrap box text to the box at FONT_SIZE.
_ADVANCE = {
    **dict.fromkeys(" !,./:;I[\\]ft", 278), **dict.fromkeys("ijl", 222), **dict.fromkeys("()-`r", 333),
    **dict.fromkeys('"', 355), **dict.fromkeys("'", 191), **dict.fromkeys("*", 389), **dict.fromkeys("^", 469),
    **dict.fromkeys("Jcksvxyz", 500), **dict.fromkeys("#$0123456789?_abdeghnopqu", 556),
    **dict.fromkeys("+<=>~", 584), **dict.fromkeys("FTZ", 611), **dict.fromkeys("ABEKPSVXY", 667),
    **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778), **dict.fromkeys("Mm", 833),
    **dict.fromkeys("%", 889), **dict.fromkeys("W", 944), **dict.fromkeys("@", 1015), **dict.fromkeys("L", 556),
    **dict.fromkeys("|", 260), **dict.fromkeys("{}", 334), **dict.fromkeys("&", 667),
    **dict.fromkeys("\u2018\u2019", 222), **dict.fromkeys("\u201c\u201d", 333), **dict.fromkeys("\u2013", 556),
    **dict.fromkeys("\u2014\u2026", 1000),
}


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
    """An arrow from one box to another: one per target, standing for one or more answers."""

    source: str
    target: str
    d: str                          # the line (an SVG path) to the target, then the arrowhead
    options: tuple[int, ...] = ()   # the answers it stands for: positions in the question's list, from 1
    label: str = ""                 # the answer numbers on it: "2", or "1,2" for an arrow standing for two answers
    label_x: int = 0                # where they are written: centre x and baseline y, on a badge (Diagram.badges)
    label_y: int = 0
    layer: int = 0                  # the source's layer
    xs: tuple[int, ...] = ()        # x where it meets each layer boundary, from the source's down
                                    # to the target's; empty for an arrow in the side channel

    @property
    def key(self) -> str:
        """"<source> <target>": what the page's data-diagram-edge attribute holds."""
        return f"{self.source} {self.target}"


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram of a whole flow."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    badges: str = ""  # one path: the rounded badge under each edge's label, in the order of the edges


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Width of text in px at `size`, with Arial's metrics."""
    return _advance(text) * size / 1000


@functools.lru_cache(maxsize=8192)
def _advance(text: str) -> int:
    return sum(map(_ADVANCE.get, text, itertools.repeat(600)))


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
    space = _ADVANCE[" "] * FONT_SIZE / 1000
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


def _inversions(segments: list[tuple[float, float]]) -> int:
    """Pairs of segments (top x, bottom x) between two layers that cross: a left of b at the top
    and right of it at the bottom. Segments that share an end do not cross. O(n log n)."""
    if len(segments) < 2:
        return 0
    segments = sorted(segments)
    bottoms = sorted({b for _, b in segments})
    tree = [0] * (len(bottoms) + 1)  # a Fenwick tree of how many bottoms seen so far are <= each value
    count = 0
    for seen, (_, bottom) in enumerate(segments):
        k = bisect_right(bottoms, bottom)
        at_most, i = 0, k
        while i:
            at_most += tree[i]
            i -= i & -i
        count += seen - at_most
        while k <= len(bottoms):
            tree[k] += 1
            k += k & -k
    return count


def crossings(diagram: Diagram) -> int:
    """How many times two arrows cross between layers, as drawn (each arrow taken as straight
    segments from layer boundary to layer boundary; arrows in the side channel not counted).
    O(E log E) per pair of layers: for tests and reports, not called by the build."""
    gaps: dict[int, list[tuple[float, float]]] = {}
    for edge in diagram.edges:
        for g in range(len(edge.xs) - 1):
            gaps.setdefault(edge.layer + g, []).append((edge.xs[g], edge.xs[g + 1]))
    return sum(_inversions(s) for s in gaps.values())


def _pava(targets: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to targets (weighted least squares): pool adjacent violators."""
    sums: list[float] = []
    wsum: list[float] = []
    size: list[int] = []
    for t, w in zip(targets, weights):
        sums.append(t * w)
        wsum.append(w)
        size.append(1)
        while len(sums) > 1 and sums[-2] * wsum[-1] > sums[-1] * wsum[-2]:
            s, w2, n = sums.pop(), wsum.pop(), size.pop()
            sums[-1] += s
            wsum[-1] += w2
            size[-1] += n
    out: list[float] = []
    for s, w, n in zip(sums, wsum, size):
        out += [s / w] * n
    return out


def layout(flow: Flow, analysis: Analysis | None = None) -> Diagram:
    """The diagram of a whole flow (see the module's docstring for the steps)."""
    return _draw(flow, analysis or analyse(flow))


def _draw(flow: Flow, analysis: Analysis) -> Diagram:
    """Lay the flow out: layers, order, places, arrows."""
    topo = topological(flow)
    index = {node_id: i for i, node_id in enumerate(topo)}
    layer = [0] * len(topo)
    # One arrow per (question, target): the answers it stands for, in the question's order.
    pairs: list[tuple[int, int, tuple[int, ...]]] = []
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
                pairs.append((s, t, tuple(numbers)))
    # Short edges get slots first; once the budget is spent, the rest use the side channel.
    budget = DUMMY_BUDGET * (len(topo) + len(pairs))
    slotted = [False] * len(pairs)
    for i in sorted(range(len(pairs)), key=lambda i: layer[pairs[i][1]] - layer[pairs[i][0]]):
        cost = layer[pairs[i][1]] - layer[pairs[i][0]] - 1
        if cost > budget:
            break
        budget -= cost
        slotted[i] = True
    # Items: the nodes (0 .. n-1, in topological order), then the slots of long edges.
    row_of = list(layer)
    up: list[list[int]] = [[] for _ in topo]
    down: list[list[int]] = [[] for _ in topo]
    chains: list[list[int] | None] = []
    seq = [-1] * len(topo)  # first reached: keeps siblings in answer order when nothing else decides
    seq[0] = 0
    counter = 1
    for i, (s, t, _) in enumerate(pairs):
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
    is_slot = [i >= len(topo) for i in range(len(row_of))]
    rows: list[list[int]] = [[] for _ in range(max(row_of) + 1)]
    for item in sorted(range(len(row_of)), key=seq.__getitem__):
        rows[row_of[item]].append(item)
    small = sum(len(d) for d in down) <= SMALL_FLOW
    rank = [analysis.numbers.get(node_id, -1) for node_id in topo] + [-1] * (len(row_of) - len(topo))
    _order(rows, up, down, is_slot, rank, small)
    x = _place(rows, up, down, is_slot, PLACEMENT_PASSES_SMALL if small else PLACEMENT_PASSES_LARGE)

    # Boxes, layer by layer.
    texts = [_wrap(n.question if isinstance(n, Question) else n.title)
             for n in (flow.nodes[node_id] for node_id in topo)]
    left = min(x[row[0]] - (0 if is_slot[row[0]] else BOX_WIDTH / 2) for row in rows)
    right = max(x[row[-1]] + (0 if is_slot[row[-1]] else BOX_WIDTH / 2) for row in rows)
    shift = MARGIN - left
    cx = [round(v + shift) for v in x]
    top: list[int] = []
    bottom: list[int] = []
    boxes: dict[int, Box] = {}
    y = MARGIN
    for row in rows:
        real = [i for i in row if not is_slot[i]]
        height = (max(len(texts[i]) for i in real) + 1) * LINE_HEIGHT + 2 * BOX_PAD
        top.append(y)
        bottom.append(y + height)
        for i in real:
            node = flow.nodes[topo[i]]
            tag = f"Question {analysis.numbers[node.id]}" if isinstance(node, Question) else "Outcome"
            boxes[i] = Box(node.id, node.kind, tag, texts[i], cx[i] - BOX_WIDTH // 2, y, BOX_WIDTH, height)
        y += height + GAP_Y
    height = y - GAP_Y + MARGIN
    channel = round(right + shift) + GAP_SLOT

    # Ports: arrows leave in the order of where they go next, and arrive in the order of where they come from.
    channel_x = [0] * len(pairs)
    for i in range(len(pairs)):
        if chains[i] is None:
            channel += CHANNEL_GAP
            channel_x[i] = channel
    out_port = _ports([(s, cx[chains[i][0]] if chains[i] else (channel_x[i] if chains[i] is None else cx[t]), i)
                       for i, (s, t, _) in enumerate(pairs)], boxes)
    in_port = _ports([(t, cx[chains[i][-1]] if chains[i] else (channel_x[i] if chains[i] is None else out_port[i]), i)
                      for i, (s, t, _) in enumerate(pairs)], boxes)

    edges = []
    badges: list[str] = []
    for i, (s, t, numbers) in enumerate(pairs):
        sx, tx = out_port[i], in_port[i]
        sy, ty = bottom[layer[s]], top[layer[t]] - 1
        label, half, badge = _badge(numbers)
        badges.append(f"M{sx - half} {sy + 4}{badge}")
        chain = chains[i]
        if chain is None:  # down the side channel, in the gaps between layers
            ch, y1, y2 = channel_x[i], sy + STUB + 4, ty - HEAD - 4
            d = f"M{sx} {sy} L{sx} {y1} L{ch} {y1} L{ch} {y2} L{tx} {y2} L{tx} {ty}{ARROWHEAD}"
            xs: tuple[int, ...] = ()
        else:
            d = f"M{sx} {sy} V{sy + STUB}"
            px, py = sx, sy + STUB
            for item in chain:
                qx, r = cx[item], row_of[item]
                d += f"{_bend(px, py, qx, top[r])} L{qx} {bottom[r]}"
                px, py = qx, bottom[r]
            d += f"{_bend(px, py, tx, ty - HEAD)} V{ty}{ARROWHEAD}"
            xs = (sx, *(cx[item] for item in chain), tx)
        edges.append(Edge(topo[s], topo[t], d, numbers, label, sx, sy + 4 + LABEL_BASELINE, layer[s], xs))
    width = max(round(right - left) + 2 * MARGIN, channel + MARGIN)
    return Diagram(width, height, tuple(boxes[index[n]] for n in analysis.order), tuple(edges), "".join(badges))


@functools.lru_cache(maxsize=64)
def _badge(numbers: tuple[int, ...]) -> tuple[str, int, str]:
    """The label for answers `numbers`, half the straight part of its badge, and the badge's path
    from the top end of that straight part: LABEL_HEIGHT tall, round-ended, as wide as the label."""
    label = ",".join(map(str, numbers))
    straight = max(0, round(text_width(label, LABEL_SIZE) + 8 - LABEL_HEIGHT))
    r = LABEL_HEIGHT // 2
    return label, straight // 2, f"h{straight}a{r} {r} 0 0 1 0 {LABEL_HEIGHT}h{-straight}a{r} {r} 0 0 1 0-{LABEL_HEIGHT}z"


def _bend(x1: int, y1: int, x2: int, y2: int) -> str:
    """A path step from (x1, y1) down to (x2, y2), leaving and arriving vertically."""
    if x1 == x2:
        return f" V{y2}"
    middle = (y1 + y2) // 2
    return f" C{x1} {middle} {x2} {middle} {x2} {y2}"


def _ports(ends: list[tuple[int, int, int]], boxes: dict[int, Box]) -> list[int]:
    """x of each arrow's end on its box: (box item, x of the arrow's other side, arrow) ->
    x by arrow. A box's arrows spread evenly along it, ordered by the other side's x."""
    by_box: dict[int, list[tuple[int, int]]] = {}
    for item, other, arrow in ends:
        if item in by_box:
            by_box[item].append((other, arrow))
        else:
            by_box[item] = [(other, arrow)]
    port = [0] * len(ends)
    span = BOX_WIDTH - 2 * PORT_MARGIN
    for item, arrows in by_box.items():
        if len(arrows) == 1:
            port[arrows[0][1]] = boxes[item].x + BOX_WIDTH // 2
            continue
        arrows.sort()
        start, step = boxes[item].x + PORT_MARGIN + span / len(arrows) / 2, span / len(arrows)
        for k, (_, arrow) in enumerate(arrows):
            port[arrow] = round(start + step * k)
    return port


def _gap(a: int, b: int, is_slot: list[bool]) -> float:
    """Least distance between the centres of neighbours a and b in a layer."""
    half = (0 if is_slot[a] else BOX_WIDTH / 2) + (0 if is_slot[b] else BOX_WIDTH / 2)
    return half + (GAP_SLOTS if is_slot[a] and is_slot[b] else GAP_SLOT if is_slot[a] or is_slot[b] else GAP_BOXES)


def _packed_width(rows: list[list[int]], is_slot: list[bool]) -> float:
    """Width of the widest layer with its items side by side at the least gaps."""
    return max(sum(_gap(a, b, is_slot) for a, b in zip(row, row[1:]))
               + (0 if is_slot[row[0]] else BOX_WIDTH / 2) + (0 if is_slot[row[-1]] else BOX_WIDTH / 2)
               for row in rows)


def _order(rows: list[list[int]], up: list[list[int]], down: list[list[int]], is_slot: list[bool],
           rank: list[int], small: bool) -> None:
    """Order each layer (in place) to keep crossings low. A large flow: barycentre sweeps, never
    counted. A small flow: from several starts (the reading order, then seeded shuffles), sweeps
    keeping the order with fewest crossings, then swaps of neighbours while they help. The start
    with fewest crossings wins; of those, one that fits FIT_WIDTH, then the one whose questions
    read most in number order from left to right, then the narrowest."""
    links = sum(len(d) for d in down)
    if not small:
        _sweeps(rows, up, down, SWEEPS_LARGE, count=False)
        return
    shuffle = random.Random(0).shuffle  # seeded: the same flow always gets the same drawing
    best: tuple[tuple[int, bool, int, float], list[list[int]]] | None = None
    starts = max(1, min(RESTARTS, RESTART_LINKS // max(1, links)))
    # A flow small enough for every start also gets twice the sweeps: cheap there, and it
    # reaches the fewest crossings of the career flow (35, its lower bound as a layered drawing).
    sweeps = 2 * SWEEPS_SMALL if starts == RESTARTS else SWEEPS_SMALL
    for k in range(starts):
        trial = [list(row) for row in rows]
        if k:
            for row in trial[1:]:
                shuffle(row)
        width = _packed_width(trial, is_slot)
        score = (_sweeps(trial, up, down, sweeps, count=True), width + 2 * MARGIN > FIT_WIDTH,
                 sum(_inversions([(j, rank[item]) for j, item in enumerate(row) if rank[item] >= 0]) for row in trial),
                 width)
        if best is None or score < best[0]:
            best = (score, trial)
    assert best is not None
    rows[:] = best[1]


def _sweeps(rows: list[list[int]], up: list[list[int]], down: list[list[int]], sweeps: int, *, count: bool) -> int:
    """A top-down barycentre pass, then `sweeps` alternately up and down. With `count`: keep
    the order with fewest crossings seen, improve it by swapping neighbours, and return its crossings."""
    pos = [0] * len(up)

    def number(row: list[int]) -> None:
        for k, item in enumerate(row):
            pos[item] = k

    def sweep(r: int, neighbours: list[list[int]], size: int) -> None:
        row = rows[r]
        own = len(row)
        key = {item: (sum(pos[n] for n in neighbours[item]) / len(neighbours[item]) + 0.5) / size
               if neighbours[item] else (pos[item] + 0.5) / own for item in row}
        row.sort(key=key.__getitem__)
        number(row)

    def total() -> int:
        return sum(_inversions([(pos[u], pos[v]) for u in rows[r] for v in down[u]]) for r in range(len(rows) - 1))

    for row in rows:
        number(row)
    for r in range(1, len(rows)):
        sweep(r, up, len(rows[r - 1]))
    best, best_rows = (total(), [list(row) for row in rows]) if count else (0, rows)
    for k in range(sweeps):
        if count and best == 0:
            break
        if k % 2 == 0:
            for r in range(len(rows) - 2, -1, -1):
                sweep(r, down, len(rows[r + 1]))
        else:
            for r in range(1, len(rows)):
                sweep(r, up, len(rows[r - 1]))
        if count:
            crossings = total()
            if crossings < best:
                best, best_rows = crossings, [list(row) for row in rows]
    if not count:
        return 0
    rows[:] = best_rows
    for row in rows:
        number(row)

    def cost(u: int, v: int) -> int:  # crossings among the links of u and v, u left of v
        return (sum(1 for a in up[u] for b in up[v] if pos[a] > pos[b])
                + sum(1 for a in down[u] for b in down[v] if pos[a] > pos[b]))

    for _ in range(len(up)):
        swapped = False
        for row in rows:
            for k in range(len(row) - 1):
                u, v = row[k], row[k + 1]
                if cost(v, u) < cost(u, v):
                    row[k], row[k + 1] = v, u
                    pos[u], pos[v] = k + 1, k
                    swapped = True
        if not swapped:
            break
    return total()


def _place(rows: list[list[int]], up: list[list[int]], down: list[list[int]], is_slot: list[bool],
           passes: int) -> list[float]:
    """Centre x of every item: each layer in turn as near to the mean x of its neighbours as the
    gaps allow (least squares under minimum gaps, by pool-adjacent-violators), down and up."""
    x = [0.0] * len(up)

    def half(item: int) -> float:
        return 0 if is_slot[item] else BOX_WIDTH / 2

    offsets: list[list[float]] = []
    for row in rows:
        at, offset = 0.0, [0.0]
        for a, b in zip(row, row[1:]):
            at += _gap(a, b, is_slot)
            offset.append(at)
        offsets.append(offset)
    # No wider than the widest layer packed tight: each layer slides within that width.
    width = max(half(row[0]) + offset[-1] + half(row[-1]) for row, offset in zip(rows, offsets))
    bounds = [(half(row[0]) - width / 2, width / 2 - half(row[-1]) - offset[-1]) for row, offset in zip(rows, offsets)]
    for row, offset, (low, _) in zip(rows, offsets, bounds):
        start = low + (width - (half(row[0]) + offset[-1] + half(row[-1]))) / 2
        for item, o in zip(row, offset):
            x[item] = start + o
    weights = [[SLOT_WEIGHT if is_slot[i] else 1 for i in row] for row in rows]

    def fit(r: int, neighbours: list[list[int]] | None) -> None:
        row, offset = rows[r], offsets[r]
        wanted = []
        for item in row:
            near = (up[item] + down[item]) if neighbours is None else neighbours[item]
            wanted.append(sum(x[n] for n in near) / len(near) if near else x[item])
        low, high = bounds[r]
        for item, o, v in zip(row, offset, _pava([w - o for w, o in zip(wanted, offset)], weights[r])):
            x[item] = min(max(v, low), high) + o  # clamping the fit is the best fit within the bounds

    for k in range(passes):
        if k == passes - 1:
            for r in range(len(rows)):
                fit(r, None)
        elif k % 2 == 0:
            for r in range(1, len(rows)):
                fit(r, up)
        else:
            for r in range(len(rows) - 2, -1, -1):
                fit(r, down)
    return x
