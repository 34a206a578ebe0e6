"""Step 3 of the diagram's layout (`layout.py`): the order of the boxes and slots within
each layer, to keep arrows from crossing. Barycentre sweeps down and up. A large flow gets a
fixed number of sweeps and its crossings are never counted. A small flow (up to SMALL_FLOW
links) is ordered from several seeded starts; each keeps its sweep with fewest crossings,
then swaps neighbours while that helps, and the start with fewest crossings wins.

`crossings(diagram)` counts the crossings of the drawn arrows between layers (for tests;
the build never calls it)."""

from __future__ import annotations

import random
from bisect import bisect_right

from .diagram import FIT_WIDTH, MARGIN, Diagram
from .layout_place import packed_width

SMALL_FLOW = 2000     # links between layers: up to this many, orderings are compared by crossings
SWEEPS_SMALL = 4       # as few as give the fewest crossings found for the shipped flows (bench: build cost)
RESTARTS = 24         # starts tried for a small flow, fewer as it grows:
RESTART_LINKS = 800   # at most this many links over all starts
SWEEPS_LARGE = 4


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


def order(rows: list[list[int]], up: list[list[int]], down: list[list[int]], is_slot: list[bool],
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
    shuffle = random.Random(0).shuffle  # noqa: S311 (seeded on purpose: the same flow always gets the same drawing)
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
        width = packed_width(trial, is_slot)
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
