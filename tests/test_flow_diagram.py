"""The whole-flow diagram (src/guide/flows/layout.py, overrides/partials/guide-flow-diagram.html,
the `/* Diagram */` rules of flow.css): geometry of the layout for the shipped flows and for
generated ones (no box over another, no arrow through a box, every answer on a labelled arrow,
few crossings), then the built page in Chromium (fits the column at 1280 px or says it scrolls,
scrolls and takes focus on a phone, text inside its boxes, axe and contrast in light and dark,
with the route marked as a script marks it).

`pytest -rP -k crossings` shows the crossing count of each shipped flow."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
import re
import sys
from bisect import bisect_left, bisect_right
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

import guide.flows as tree
from conftest import AXE_JS, FLOW_PAGES, ROOT, describe_violations, page_url_path
from guide.flows.layout import (
    BOX_PAD,
    BOX_WIDTH,
    LABEL_HEIGHT,
    SMALL_FLOW,
    Diagram,
    Edge,
    _wrap,
    crossings,
    text_width,
)

FLOWS = sorted((ROOT / "docs" / "decide" / "flows").glob("*.yml"))
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
# Crossings of the layout before it counted them (one barycentre pass): hiring 22, career 7.
CROSSINGS_PER_ARROWS = 3  # at most one crossing per this many arrows


def shipped() -> list[tuple[str, tree.Flow, Diagram]]:
    out = []
    for path in FLOWS:
        flow = tree.load_flow(path)
        out.append((flow.id, flow, tree.layout(flow)))
    return out


def generated(questions: int, jump: int) -> tree.Flow:
    """A chain of questions: answer 1 leads to the next, answer 2 `jump` questions on (or to the
    end), answer 3 to the end: long edges of every length, past the slot budget when long."""
    out = ["id: gen", "title: Generated", "intro: A generated flow.", "start: q0", "nodes:"]
    for i in range(questions):
        def at(k: int) -> str:
            return f"q{k}" if k < questions else "end"
        out += [f"  - id: q{i}", "    kind: question", f"    question: Generated question number {i}?",
                "    options:", "      - label: Next", f"        next: {at(i + 1)}",
                "      - label: Jump", f"        next: {at(i + jump)}"]
        if i % 3 == 0:
            out += ["      - label: Stop", "        next: end"]
    out += ["  - id: end", "    kind: outcome", "    title: The end", "    summary: Done.", "    reasoning: Because.",
            "    look_for: [a]", "    watch_out: [b]", "    next_steps: [c]", "    links: [{page: index.md, label: Home}]"]
    return tree.parse_flow("\n".join(out) + "\n", "gen.yml")


GENERATED = {"jumps of 2": (30, 2), "jumps of 7": (40, 7), "past the slot budget": (120, 60)}


# ── Path geometry ───────────────────────────────────────────────────────────


def polylines(d: str) -> list[list[tuple[float, float]]]:
    """The subpaths of an SVG path (M L V C m l, as layout.py writes them) as polylines,
    curves sampled finely."""
    tokens = re.findall(r"[MLVCml]|-?\d+(?:\.\d+)?", d)
    lines: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        args = []
        need = {"M": 2, "L": 2, "V": 1, "C": 6, "m": 2, "l": 2}[command]
        for _ in range(need):
            args.append(float(tokens[i]))
            i += 1
        if command in "Mm":
            x, y = (args[0], args[1]) if command == "M" else (x + args[0], y + args[1])
            lines.append([(x, y)])
            command = "L" if command == "M" else "l"  # further pairs are line-tos
        elif command in "Ll":
            x, y = (args[0], args[1]) if command == "L" else (x + args[0], y + args[1])
            lines[-1].append((x, y))
        elif command == "V":
            y = args[0]
            lines[-1].append((x, y))
        else:
            (x1, y1, x2, y2, x3, y3), (x0, y0) = args, (x, y)
            for k in range(1, 25):
                t = k / 24
                u = 1 - t
                lines[-1].append((u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                                  u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3))
            x, y = x3, y3
    return lines


def crosses_interior(p: tuple[float, float], q: tuple[float, float], box: tree.Box, inset: float = 0.5) -> bool:
    """Whether segment p-q enters the box's interior (Liang-Barsky clipping)."""
    left, right, top, bottom = box.x + inset, box.x + box.width - inset, box.y + inset, box.y + box.height - inset
    dx, dy = q[0] - p[0], q[1] - p[1]
    low, high = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - left), (dx, right - p[0]), (-dy, p[1] - top), (dy, bottom - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def arrows_through_boxes(diagram: Diagram) -> list[str]:
    """Every (arrow, box) where a segment of the arrow enters the box, boxes looked up by layer."""
    rows: dict[int, list[tree.Box]] = {}
    for box in diagram.boxes:
        rows.setdefault(box.y, []).append(box)
    tops = sorted(rows)
    bottoms = [rows[t][0].y + rows[t][0].height for t in tops]
    found = []
    for edge in diagram.edges:
        for line in polylines(edge.d):
            for p, q in zip(line, line[1:]):
                low, high = min(p[1], q[1]), max(p[1], q[1])
                for k in range(bisect_left(bottoms, low), bisect_right(tops, high)):
                    for box in rows[tops[k]]:
                        if crosses_interior(p, q, box):
                            found.append(f"{edge.source} -> {edge.target} through {box.id} at {p}-{q}")
    return found


def badge_rects(diagram: Diagram) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each badge, from Diagram.badges."""
    return [(float(x) - LABEL_HEIGHT / 2, float(y), float(x) + float(h) + LABEL_HEIGHT / 2, float(y) + LABEL_HEIGHT)
            for x, y, h in re.findall(r"M(-?\d+) (-?\d+)h(\d+)", diagram.badges)]


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# ── The layout ─────────────────────────────────────────────────────────────


@pytest.mark.unit
@pytest.mark.parametrize("name", [*GENERATED, "shipped"])
def test_boxes_do_not_overlap_and_stay_inside(name: str) -> None:
    diagrams = [d for _, _, d in shipped()] if name == "shipped" else [tree.layout(generated(*GENERATED[name]))]
    for diagram in diagrams:
        boxes = sorted(diagram.boxes, key=lambda b: (b.y, b.x))
        for a in boxes:
            assert a.x >= 0 and a.x + a.width <= diagram.width and a.y >= 0 and a.y + a.height <= diagram.height, a.id
        for a, b in zip(boxes, boxes[1:]):  # in a layer, left to right, with a gap
            if a.y == b.y:
                assert a.x + a.width + 10 <= b.x, (a.id, b.id)
        assert len({(b.y, b.x) for b in boxes}) == len(boxes)


@pytest.mark.unit
@pytest.mark.parametrize("name", [*GENERATED, "shipped"])
def test_no_arrow_runs_through_a_box(name: str) -> None:
    diagrams = [d for _, _, d in shipped()] if name == "shipped" else [tree.layout(generated(*GENERATED[name]))]
    for diagram in diagrams:
        assert arrows_through_boxes(diagram) == []
        for edge in diagram.edges:  # and every arrow stays on the drawing
            for line in polylines(edge.d):
                assert all(0 <= x <= diagram.width and 0 <= y <= diagram.height for x, y in line), edge


@pytest.mark.unit
def test_the_side_channel_runs_right_of_every_box() -> None:
    diagram = tree.layout(generated(*GENERATED["past the slot budget"]))
    channelled = [e for e in diagram.edges if not e.xs]
    assert channelled, "the flow should overflow the slot budget"
    right = max(b.x + b.width for b in diagram.boxes)
    for edge in channelled:
        verticals = [p[0] for line in polylines(edge.d) for p, q in zip(line, line[1:])
                     if p[0] == q[0] and abs(q[1] - p[1]) > 200]
        assert verticals and all(x > right for x in verticals), edge.d


@pytest.mark.unit
@pytest.mark.parametrize("name", [*GENERATED, "shipped"])
def test_every_answer_is_on_one_labelled_arrow(name: str) -> None:
    pairs = ([(f, d) for _, f, d in shipped()] if name == "shipped"
             else [(f, tree.layout(f)) for f in [generated(*GENERATED[name])]])
    for flow, diagram in pairs:
        boxes = {b.id: b for b in diagram.boxes}
        by_pair = {(e.source, e.target): e for e in diagram.edges}
        assert len(by_pair) == len(diagram.edges)
        for q in flow.questions:
            for k, option in enumerate(q.options, 1):
                edge = by_pair[(q.id, option.next)]
                assert k in edge.options
        for edge in diagram.edges:
            options = flow.nodes[edge.source].options
            assert edge.options and all(options[k - 1].next == edge.target for k in edge.options)
            assert edge.label == ",".join(map(str, edge.options))
            source = boxes[edge.source]
            assert source.x < edge.label_x < source.x + source.width  # under its own question
            assert source.y + source.height < edge.label_y < source.y + source.height + LABEL_HEIGHT + 4
        rects = badge_rects(diagram)
        assert len(rects) == len(diagram.edges)
        for rect, edge in zip(rects, diagram.edges):
            assert rect[0] <= edge.label_x - text_width(edge.label, Diagram.text.label_size) / 2
            assert edge.label_x + text_width(edge.label, Diagram.text.label_size) / 2 <= rect[2]


@pytest.mark.unit
@pytest.mark.parametrize("name", ["jumps of 2", "shipped"])
def test_badges_overlap_neither_each_other_nor_boxes(name: str) -> None:
    diagrams = [d for _, _, d in shipped()] if name == "shipped" else [tree.layout(generated(*GENERATED[name]))]
    for diagram in diagrams:
        rects = badge_rects(diagram)
        for i, a in enumerate(rects):
            assert not any(overlap(a, b) for b in rects[i + 1:]), a
            assert not any(overlap(a, (b.x, b.y, b.x + b.width, b.y + b.height)) for b in diagram.boxes), a


@pytest.mark.unit
def test_crossings_are_counted_as_brute_force_counts() -> None:
    rng = random.Random(1)
    for _ in range(200):
        n = rng.randrange(0, 30)
        xs = [(rng.randrange(8), rng.randrange(8)) for _ in range(n)]
        edges = tuple(Edge("a", "b", "", xs=(top, bottom)) for top, bottom in xs)
        brute = sum(1 for i in range(n) for j in range(n) if xs[i][0] < xs[j][0] and xs[i][1] > xs[j][1])
        assert crossings(Diagram(0, 0, (), edges)) == brute
    # Segments sharing an end do not cross; an arrow crossing two layer gaps counts in each.
    two = (Edge("a", "b", "", layer=0, xs=(0, 5, 0)), Edge("c", "d", "", layer=0, xs=(5, 0, 5)))
    assert crossings(Diagram(0, 0, (), two)) == 2


def fewest_possible_crossings(flow: tree.Flow) -> int | None:
    """For a flow shaped start -> questions -> outcomes (career): a lower bound on the crossings of
    any drawing in layers, else None. Arrows from the start never cross (each goes to its own
    question); between questions and outcomes, for every order of the questions, each pair of
    outcomes costs at least the fewer crossings of its two possible orders. The start's arrows
    share their source, so the exhaustive search is over (questions - 1)! orders: small flows only."""
    middle = [q for q in flow.questions if q.id != flow.start]
    start = flow.nodes[flow.start]
    if ({o.next for o in start.options} != {q.id for q in middle} or len(middle) > 7
            or any(not isinstance(flow.nodes[o.next], tree.Outcome) for q in middle for o in q.options)):
        return None
    into = {q.id: {o.next for o in q.options} for q in middle}
    outcomes = sorted(set().union(*into.values()))
    best = None
    for order in itertools.permutations(range(len(middle))):
        sources = {o: [k for k, q in zip(order, middle) if o in into[q.id]] for o in outcomes}
        bound = sum(min(sum(a > b for a in sources[u] for b in sources[v]),
                        sum(a < b for a in sources[u] for b in sources[v]))
                    for u, v in itertools.combinations(outcomes, 2))
        best = bound if best is None else min(best, bound)
    return best


@pytest.mark.unit
def test_crossings_stay_low_in_the_shipped_flows() -> None:
    """At most one crossing per CROSSINGS_PER_ARROWS arrows, or, where that is impossible, no more
    than the fewest any layered drawing can have (career: 11 outcomes under 5 questions that
    share several of them, the "either" outcome from all 5, gives at least 17 for 25 arrows)."""
    counts = {flow_id: (crossings(diagram), len(diagram.edges), fewest_possible_crossings(flow))
              for flow_id, flow, diagram in shipped()}
    print("diagram crossings:", ", ".join(f"{k} {c} ({e} arrows, fewest possible {m})" for k, (c, e, m) in counts.items()))
    for flow_id, (count, arrows, fewest) in counts.items():
        limit = max(arrows // CROSSINGS_PER_ARROWS, fewest or 0)
        assert count <= limit, f"{flow_id}: {count} crossings for {arrows} arrows (at most {limit})"
    assert counts["hiring"][0] <= counts["hiring"][1] // CROSSINGS_PER_ARROWS, "hiring keeps the general limit"


@pytest.mark.unit
def test_a_large_flow_is_laid_out_without_counting_crossings(monkeypatch: pytest.MonkeyPatch) -> None:
    ordering = sys.modules[crossings.__module__]  # where crossings are counted (_inversions beside crossings)
    flow = generated(1200, jump=2)
    assert sum(len(q.options) for q in flow.questions) > SMALL_FLOW

    def refuse(*_: object) -> int:
        raise AssertionError("crossings counted for a large flow")

    monkeypatch.setattr(ordering, "_inversions", refuse)
    diagram = tree.layout(flow)
    assert len(diagram.boxes) == 1201


@pytest.mark.unit
def test_a_flow_lays_out_the_same_every_time() -> None:
    flow = tree.load_flow(FLOWS[0])
    assert tree.layout(flow) == tree.layout(flow) == tree.layout(dataclasses.replace(flow))


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Where does machine learning stand in your product today?",
    "Supercalifragilisticexpialidocious-and-then-some-more-letters-than-fit",
    "W " * 200,
])
def test_box_text_is_wrapped_to_the_box(text: str) -> None:
    lines = _wrap(text)
    assert 1 <= len(lines) <= 6
    assert all(text_width(line) <= BOX_WIDTH - 2 * BOX_PAD for line in lines), lines
    assert "".join(lines).replace("…", "").replace(" ", "") in text.replace(" ", "")


# ── The rendered figure ────────────────────────────────────────────────────


@pytest.mark.unit
def test_figure_marks_boxes_and_arrows_and_says_the_same_with_and_without_javascript() -> None:
    flow = tree.load_flow(ROOT / "docs" / "decide" / "flows" / "hiring.yml")
    kits = {o.kit: tree.KitTarget(o.kit, f"hiring-kits/{o.kit}.md") for o in flow.outcomes if o.kit}
    urls = {link.page: "x.html" for o in flow.outcomes for link in o.links} | {k.page: "k.html" for k in kits.values()}
    html = tree.render_flow(ENV, flow, urls=urls, assets=None, kits=kits)
    figure = BeautifulSoup(html, "html.parser").select_one("figure.guide-flow-diagram")
    assert {g["data-diagram-node"] for g in figure.select("g[data-diagram-node]")} == set(flow.nodes)
    lines = {p["data-diagram-edge"] for p in figure.select(".guide-flow-diagram__edges path[data-diagram-edge]")}
    labels = {t["data-diagram-edge"]: t.get_text() for t in figure.select("text[data-diagram-edge]")}
    assert lines == set(labels) == {f"{q.id} {o.next}" for q in flow.questions for o in q.options}
    assert all(re.fullmatch(r"\d(,\d)*", label) for label in labels.values())
    caption = figure.select_one("figcaption")
    assert caption.select("a") == [], "the caption links nowhere (Question 1 would reset the answers)"
    text = " ".join(caption.get_text().split())
    assert "without JavaScript and on paper" in text and "one step at a time" in text
    assert "1 is the first" in text
    desc = figure.select_one("desc").get_text()
    assert "highlighted" in desc and "place in the question's list of answers" in desc
    hint = figure.select_one(".guide-flow-diagram__hint")
    assert "guide-screen-only" in hint["class"] and hint["aria-hidden"] == "true"
    assert f"--guide-flow-diagram-width: {tree.layout(flow).width}px" in figure["style"]


@pytest.mark.unit
def test_the_svg_text_is_drawn_with_the_metrics_it_was_measured_with_and_no_stylesheet_repeats_them() -> None:
    flow = tree.load_flow(ROOT / "docs" / "decide" / "flows" / "career.yml")
    urls = {link.page: "x.html" for o in flow.outcomes for link in o.links}
    kits = {o.kit: tree.KitTarget(o.kit, f"hiring-kits/{o.kit}.md") for o in flow.outcomes if o.kit}
    html = tree.render_flow(ENV, flow, urls=urls | {k.page: "k.html" for k in kits.values()}, assets=None, kits=kits)
    svg = BeautifulSoup(html, "html.parser").select_one("figure.guide-flow-diagram svg")
    m = Diagram.text
    assert m.font_size == 1000 * text_width("m") / 833 and m.text_x == BOX_PAD, "the SVG's sizes are the layout's"
    assert (svg["font-family"], svg["font-size"]) == (m.font_family, str(m.font_size))
    labels = svg.select_one(".guide-flow-diagram__labels")
    assert (labels["font-size"], labels["font-weight"], labels["text-anchor"]) == (str(m.label_size), str(m.bold), "middle")
    assert {(t["font-size"], t["font-weight"]) for t in svg.select(".guide-flow-diagram__tag")} == {(str(m.tag_size), str(m.bold))}
    stylesheets = ROOT / "docs" / "assets" / "stylesheets"
    assert "font" not in (stylesheets / "pdf-svg.css").read_text(encoding="utf-8").split("*/", 1)[1]
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", (stylesheets / "flow.css").read_text(encoding="utf-8")):
        if re.search(r"guide-flow-diagram[^,{]*\b(svg|text|__tag|__labels|__box)", selector):
            assert "font" not in body and "text-anchor" not in body, selector


# ── In Chromium ────────────────────────────────────────────────────────────


PAGES = {Path(source).stem: page_url_path(source) for source in FLOW_PAGES}

GEOMETRY = """() => {
  const figure = document.querySelector('.guide-flow-diagram');
  const region = figure.querySelector('.guide-flow-diagram__scroll');
  const hint = figure.querySelector('.guide-flow-diagram__hint');
  const column = document.querySelector('.md-content__inner');
  return {overflow: region.scrollWidth > region.clientWidth + 1, scrollWidth: region.scrollWidth,
          clientWidth: region.clientWidth, column: column.getBoundingClientRect().width,
          svg: figure.querySelector('svg').getBoundingClientRect().width,
          hint: hint.getBoundingClientRect().height > 8 && getComputedStyle(hint).visibility === 'visible',
          figureRight: figure.getBoundingClientRect().right, columnRight: column.getBoundingClientRect().right};
}"""


def open_page(page, base_url: str, flow_id: str, width: int) -> dict:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + PAGES[flow_id], wait_until="load")
    return page.evaluate(GEOMETRY)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1024, 390])
@pytest.mark.parametrize("flow_id", sorted(PAGES))
def test_diagram_fits_the_column_or_says_it_scrolls(page, base_url: str, flow_id: str, width: int) -> None:
    g = open_page(page, base_url, flow_id, width)
    print(f"{flow_id} at {width} px: diagram {g['svg']:.0f} px, column {g['column']:.0f} px")
    assert g["figureRight"] <= g["columnRight"] + 1, g  # the figure never widens the page
    assert g["hint"] == g["overflow"], f"the hint shows exactly while the diagram overflows: {g}"
    if g["overflow"]:  # too wide for the column (the shipped flows at any width): it says so and scrolls
        assert g["hint"] and g["clientWidth"] >= g["column"] - 4, g  # the scroller takes the whole column
        region = page.locator(".guide-flow-diagram__scroll")
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label"), "the region is named"
        region.focus()
        region.evaluate("el => { el.scrollLeft = 0; }")  # flow.js scrolled the start box into view
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.guide-flow-diagram__scroll').scrollLeft > 0")
    elif width == 1280:
        assert g["svg"] <= g["column"], g


@pytest.mark.browser
def test_on_a_phone_the_diagram_scrolls_by_keyboard(page, base_url: str) -> None:
    g = open_page(page, base_url, "hiring", 390)
    assert g["overflow"] and g["hint"], g
    region = page.locator(".guide-flow-diagram__scroll")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('guide-flow-diagram__scroll')")
    region.evaluate("el => { el.scrollLeft = 0; }")  # flow.js scrolled the start box into view
    before = region.evaluate("el => el.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("b => document.querySelector('.guide-flow-diagram__scroll').scrollLeft > b", arg=before)
    assert region.evaluate("el => el.scrollLeft") > before
    outline = region.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused region shows it has focus"


@pytest.mark.browser
def test_hint_is_not_printed(page, base_url: str) -> None:
    open_page(page, base_url, "hiring", 390)
    page.emulate_media(media="print")
    assert page.evaluate(GEOMETRY)["hint"] is False


@pytest.mark.browser
@pytest.mark.parametrize("flow_id", sorted(PAGES))
def test_box_text_fits_its_box_in_chromium(page, base_url: str, flow_id: str) -> None:
    open_page(page, base_url, flow_id, 1280)
    too_wide = page.evaluate("""() => Array.from(document.querySelectorAll('[data-diagram-node]')).flatMap(g => {
        const box = g.querySelector('rect').getBBox();
        return Array.from(g.querySelectorAll('tspan')).filter(t => {
          const b = t.getBBox(); return b.x < box.x + 4 || b.x + b.width > box.x + box.width - 4;
        }).map(t => `${g.dataset.diagramNode}: ${t.textContent}`);
      })""")
    assert too_wide == []
    labels = page.evaluate("""() => Array.from(document.querySelectorAll('text[data-diagram-edge]')).map(t => t.getBBox().width)""")
    assert labels and max(labels) < 34


# Colours: computed colours composited over the page, and their WCAG contrast.
COLOURS = """() => {
  const css = (el, p) => getComputedStyle(el)[p];
  const svg = document.querySelector('.guide-flow-diagram svg');
  const q = sel => svg.querySelector(sel);
  const question = q('.guide-flow-diagram__box--question:not(.is-route)');
  const outcome = q('.guide-flow-diagram__box--outcome:not(.is-route)');
  const label = q('text[data-diagram-edge]:not(.is-route)'), line = q('.guide-flow-diagram__edges path:not(.is-route)');
  const route = q('.guide-flow-diagram__edges path.is-route'), routeLabel = q('text.is-route');
  const here = q('.is-here rect'), routeBox = q('.guide-flow-diagram__box.is-route:not(.is-here) rect');
  return {
    page: css(document.body, 'backgroundColor'), scheme: document.body.getAttribute('data-md-color-scheme'),
    questionFill: css(question.querySelector('rect'), 'fill'), questionText: css(question.querySelector('text'), 'fill'),
    outcomeFill: css(outcome.querySelector('rect'), 'fill'), outcomeText: css(outcome.querySelector('text'), 'fill'),
    outcomeStroke: css(outcome.querySelector('rect'), 'stroke'),
    badgeFill: css(q('.guide-flow-diagram__labels path'), 'fill'), labelText: css(label, 'fill'),
    line: css(line, 'stroke'), route: css(route, 'stroke'), routeWidth: parseFloat(css(route, 'strokeWidth')),
    lineWidth: parseFloat(css(line, 'strokeWidth')), routeLabel: css(routeLabel, 'fill'),
    here: css(here, 'stroke'), hereWidth: parseFloat(css(here, 'strokeWidth')), hereFill: css(here, 'fill'),
    routeBox: css(routeBox, 'stroke'), routeBoxWidth: parseFloat(css(routeBox, 'strokeWidth')),
  };
}"""

MARK_ROUTE = """() => {
  // What flow.js does for a "you are here" view: the route taken, and the current box.
  const svg = document.querySelector('.guide-flow-diagram svg');
  svg.querySelectorAll('.is-route, .is-here').forEach(el => el.classList.remove('is-route', 'is-here'));
  const first = svg.querySelector('[data-diagram-edge]').getAttribute('data-diagram-edge');
  const [source, target] = first.split(' ');
  svg.querySelectorAll(`[data-diagram-edge="${first}"]`).forEach(el => el.classList.add('is-route'));
  svg.querySelector(`[data-diagram-node="${source}"]`).classList.add('is-route');
  svg.querySelector(`[data-diagram-node="${target}"]`).classList.add('is-route', 'is-here');
}"""


def rgba(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(top: str, below: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = rgba(top)
    return (r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a))


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def luminance(c: tuple[float, float, float]) -> float:
        lin = [(v / 255 / 12.92) if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_colours_have_contrast_with_the_route_marked(page, base_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_page(page, base_url, "hiring", 1280)
    page.evaluate(MARK_ROUTE)
    c = page.evaluate(COLOURS)
    assert c["scheme"] == ("slate" if scheme == "dark" else "default")
    background = rgba(c["page"])[:3]
    question, outcome, badge = (over(c[k], background) for k in ("questionFill", "outcomeFill", "badgeFill"))
    checks = {  # name: (contrast, at least)
        "question text": (contrast(over(c["questionText"], question), question), 4.5),
        "outcome text": (contrast(over(c["outcomeText"], outcome), outcome), 4.5),
        "answer number": (contrast(over(c["labelText"], badge), badge), 4.5),
        "answer number on the route": (contrast(over(c["routeLabel"], badge), badge), 4.5),
        "arrow": (contrast(over(c["line"], background), background), 3),
        "outcome frame": (contrast(over(c["outcomeStroke"], background), background), 3),
        "arrow on the route": (contrast(over(c["route"], background), background), 3),
        "box on the route": (contrast(over(c["routeBox"], background), background), 3),
        "current box": (contrast(over(c["here"], background), background), 3),
    }
    low = {name: round(value, 2) for name, (value, least) in checks.items() if value < least}
    assert low == {}, f"{scheme}: too little contrast {low}"
    # Not by colour alone: the route is thicker than other arrows, the current box thicker still.
    assert c["routeWidth"] >= 2 * c["lineWidth"] and c["hereWidth"] > c["routeBoxWidth"] >= 2, c


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_diagram(page, base_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    for flow_id in sorted(PAGES):
        open_page(page, base_url, flow_id, 1280)
        page.evaluate(MARK_ROUTE)
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("""() => axe.run({include: [['.guide-flow-diagram']]}, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']})""")
        assert result["violations"] == [], f"{flow_id}, {scheme}:\n{describe_violations(result['violations'])}"
        assert result["passes"], "axe checked nothing"


@pytest.mark.unit
def test_math_helpers() -> None:
    assert math.isclose(contrast((0, 0, 0), (255, 255, 255)), 21)
    assert over("rgba(0, 0, 0, 0.5)", (255, 255, 255)) == (127.5, 127.5, 127.5)
