"""Step 6 of the diagram's layout (`layout.py`): the arrows. Each leaves its box at its own
port, ordered by where it goes, with a badge carrying the numbers of the answers it stands
for, and enters its target at its own port, ordered by where it comes from. Arrows are
straight up and down through the layers and bend only in the gaps between them, so none
runs through a box; an arrow with no slots runs down the side channel."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .diagram import (
    ARROWHEAD,
    BOX_WIDTH,
    CHANNEL_GAP,
    HEAD,
    LABEL_BASELINE,
    LABEL_HEIGHT,
    LABEL_SIZE,
    PORT_MARGIN,
    STUB,
    Box,
    Edge,
    text_width,
)

if TYPE_CHECKING:
    from .layout import Frame, Layers


def draw_arrows(topo: list[str], graph: Layers, boxes: dict[int, Box], frame: Frame) -> tuple[list[Edge], list[str], int]:
    """The arrows, their badges (in the order of the arrows), and the x of the last arrow down
    the side channel."""
    pairs, chains, cx = graph.arrows, graph.chains, frame.cx
    channel = frame.channel
    channel_x = [0] * len(pairs)
    for i in range(len(pairs)):
        if chains[i] is None:
            channel += CHANNEL_GAP
            channel_x[i] = channel
    out_port = _ports([(s, _next_x(chains[i], cx, channel_x[i], cx[t], first=True), i)
                       for i, (s, t, _) in enumerate(pairs)], boxes)
    in_port = _ports([(t, _next_x(chains[i], cx, channel_x[i], out_port[i], first=False), i)
                      for i, (s, t, _) in enumerate(pairs)], boxes)
    edges = []
    badges: list[str] = []
    for i, (s, t, numbers) in enumerate(pairs):
        sx, tx = out_port[i], in_port[i]
        sy, ty = frame.bottom[graph.layer[s]], frame.top[graph.layer[t]] - 1
        label, half, badge = _badge(numbers)
        badges.append(f"M{sx - half} {sy + 4}{badge}")
        chain = chains[i]
        if chain is None:  # down the side channel, in the gaps between layers
            ch, y1, y2 = channel_x[i], sy + STUB + 4, ty - HEAD - 4
            d = f"M{sx} {sy} L{sx} {y1} L{ch} {y1} L{ch} {y2} L{tx} {y2} L{tx} {ty}{ARROWHEAD}"
            xs: tuple[int, ...] = ()
        else:
            d = _path(sx, sy, tx, ty, chain, cx, graph.row_of, frame)
            xs = (sx, *(cx[item] for item in chain), tx)
        edges.append(Edge(topo[s], topo[t], d, numbers, label, sx, sy + 4 + LABEL_BASELINE, graph.layer[s], xs))
    return edges, badges, channel


def _next_x(chain: list[int] | None, cx: list[int], channel_x: int, direct: int, *, first: bool) -> int:
    """The x an arrow's end heads for: its first slot (`first`; else its last), its place in the
    side channel, or, with no slot between, `direct` (the other box's centre or port)."""
    if chain:
        return cx[chain[0] if first else chain[-1]]
    return channel_x if chain is None else direct


def _path(sx: int, sy: int, tx: int, ty: int, chain: list[int], cx: list[int], row_of: list[int],
          frame: Frame) -> str:
    """An arrow through its slots: down from (sx, sy), straight through each slot's row, bending
    only between rows, into (tx, ty) under the arrowhead."""
    d = f"M{sx} {sy} V{sy + STUB}"
    px, py = sx, sy + STUB
    for item in chain:
        qx, r = cx[item], row_of[item]
        d += f"{_bend(px, py, qx, frame.top[r])} L{qx} {frame.bottom[r]}"
        px, py = qx, frame.bottom[r]
    return d + f"{_bend(px, py, tx, ty - HEAD)} V{ty}{ARROWHEAD}"


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
