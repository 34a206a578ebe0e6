"""Step 4 of the diagram's layout (`layout.py`): where each box and slot of a layer goes
across. Each layer in turn as close as it can get to the mean of its neighbours (a
least-squares fit under minimum gaps, solved in linear time), a few times down and up, no
wider than the widest layer packed tight."""

from __future__ import annotations

from .diagram import BOX_WIDTH, GAP_BOXES, GAP_SLOT, GAP_SLOTS

PLACEMENT_PASSES_SMALL = 8
PLACEMENT_PASSES_LARGE = 4
SLOT_WEIGHT = 4       # a long edge's slot holds its place more firmly than a box (straighter long edges)


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


def gap(a: int, b: int, is_slot: list[bool]) -> float:
    """Least distance between the centres of neighbours a and b in a layer."""
    half = (0 if is_slot[a] else BOX_WIDTH / 2) + (0 if is_slot[b] else BOX_WIDTH / 2)
    return half + (GAP_SLOTS if is_slot[a] and is_slot[b] else GAP_SLOT if is_slot[a] or is_slot[b] else GAP_BOXES)


def packed_width(rows: list[list[int]], is_slot: list[bool]) -> float:
    """Width of the widest layer with its items side by side at the least gaps."""
    return max(sum(gap(a, b, is_slot) for a, b in zip(row, row[1:]))
               + (0 if is_slot[row[0]] else BOX_WIDTH / 2) + (0 if is_slot[row[-1]] else BOX_WIDTH / 2)
               for row in rows)


def place(rows: list[list[int]], up: list[list[int]], down: list[list[int]], is_slot: list[bool],
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
            at += gap(a, b, is_slot)
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
