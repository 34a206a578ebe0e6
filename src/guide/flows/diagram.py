"""The flow diagram as drawn: its parts (boxes, arrows: `Diagram`, which `layout.py` makes
and the template draws) and its metrics, in one place: the sizes of its boxes, gaps and
arrows, the font of its text and how wide that text is.

The layout (`layout.py`) wraps box text and sizes the answer-number badges with these
figures, and the diagram's template (`overrides/partials/guide-flow-diagram.html`) writes
the same figures into the SVG (`SVG_TEXT`: font, sizes, weights, baselines) as presentation
attributes, so the text is drawn as it was measured. The stylesheets (`flow.css` for the
screen, `pdf-svg.css` for the PDF) give colours and strokes only.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import ClassVar

# Boxes
BOX_WIDTH = 140
BOX_PAD = 10          # inside a box, around its text
CORNER = 6            # radius of a box's corners
LINE_HEIGHT = 16
MAX_LINES = 6
TAG_BASELINE = 22     # the tag line ("Question 3", "Outcome") below the box's top; the text follows it
# Text. The widths below are Arial's, so the SVG names Arial and the fonts made on its metrics.
FONT_FAMILY = "Arial, Liberation Sans, Helvetica, sans-serif"
FONT_SIZE = 12.5      # of box text
TAG_SIZE = 11         # of the tag line (bold)
# Answer numbers on the arrows (bold), each on a round-ended badge
LABEL_SIZE = 10.5
LABEL_HEIGHT = 14     # the badge
LABEL_BASELINE = 11   # below the badge's top
BOLD = 700            # the tag line and the answer numbers (Arial's bold digits are as wide as its regular ones)
# Gaps and arrows
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
CHANNEL_GAP = 6       # between two arrows down the side channel


@dataclass(frozen=True)
class SvgText:
    """What the diagram's template writes into the SVG for its text to be drawn as measured."""

    font_family: str = FONT_FAMILY
    font_size: float = FONT_SIZE
    tag_size: float = TAG_SIZE
    label_size: float = LABEL_SIZE
    bold: int = BOLD
    text_x: int = BOX_PAD
    tag_baseline: int = TAG_BASELINE
    line_height: int = LINE_HEIGHT
    corner: int = CORNER


SVG_TEXT = SvgText()

# Advance widths of Arial / Helvetica / Liberation Sans (metric-compatible), in 1/1000 em;
# other characters count as 600. Used to wrap box text to the box at FONT_SIZE.
ADVANCE = {
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


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Width of text in px at `size`, with Arial's metrics."""
    return _advance(text) * size / 1000


@functools.lru_cache(maxsize=8192)
def _advance(text: str) -> int:
    return sum(map(ADVANCE.get, text, itertools.repeat(600)))


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
    text: ClassVar[SvgText] = SVG_TEXT  # font, sizes and baselines its text was measured with, for the SVG
