"""Unit tests of guide.flows (src/guide/flows/): loading, every validation rule (one fixture each
under tests/data/flows/), markers, analysis, layout and rendering. No MkDocs involved."""

from __future__ import annotations

import gc
import json
import re
import sys
from pathlib import Path

import jinja2
import jsonschema
import pytest

import guide.flows as tree
from conftest import ROOT
from guide.core.memory import gc_paused

pytestmark = pytest.mark.unit

DATA = ROOT / "tests" / "data" / "flows"
FLOWS = ROOT / "docs" / "decide" / "flows"
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))


def load(name: str) -> tree.Flow:
    return tree.load_flow(DATA / f"{name}.yml", f"tests/data/flows/{name}.yml")


def error_of(name: str) -> str:
    with pytest.raises(tree.ProblemError) as caught:
        load(name)
    return str(caught.value)


def line_of(name: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing needle in a fixture."""
    found = [n for n, line in enumerate((DATA / f"{name}.yml").read_text(encoding="utf-8").splitlines(), 1)
             if needle in line]
    assert len(found) >= occurrence, f"{needle!r} not in {name}.yml"
    return found[occurrence - 1]


# ── Every rule: one fixture, its exact place and message ─────────────────────

RULES = [
    # fixture, (text on the reported line, which occurrence), node, phrase of the problem, phrase of the fix
    ("bad-yaml-syntax", ("   options: [", 1), "second", "this is not valid YAML", "check the indentation and quoting"),
    ("bad-unknown-key", ("hitn:", 1), "second", "unknown key 'hitn' in the node",
     "if you meant 'hint', correct the spelling; otherwise remove it"),
    ("bad-missing-field", ("- id: stay-light", 1), "stay-light", "the required field 'summary' is missing",
     "add 'summary:' with a value"),
    ("bad-wrong-type", ("reasoning:", 2), "stay-light", "reasoning must be text or a list, not a block of keys",
     "write reasoning as text or a list"),
    ("bad-duplicate-id", ("- id: take-umbrella", 2), "take-umbrella",
     "the id 'take-umbrella' is already used by the node on line 26", "give each node its own id"),
    ("bad-unknown-next", ("next: stay-lite", 1), "second", "leads to 'stay-lite', which is not a node",
     "point 'next' at an existing node id (perhaps 'stay-light'), or add that node"),
    ("bad-unknown-start", ("start: frist", 1), None, "the start node 'frist' does not exist", "set start to 'first'"),
    ("bad-unreachable", ("- id: orphan", 1), "orphan", "no answer leads to this node", "point an option at it, or delete it"),
    ("bad-cycle", ("next: first", 1), "second", "go round in a circle: first -> second -> first",
     "point this option at a later question or an outcome"),
    ("bad-one-option", ("options:", 1), "first", "a question needs 2 to 6 options; this one has 1", "add options"),
    ("bad-seven-options", ("options:", 2), "second", "a question needs 2 to 6 options; this one has 7",
     "merge or drop options"),
    ("bad-duplicate-label", ('label: "no"', 1), "second", "two options share the label 'no'",
     "give each option its own wording"),
]


@pytest.mark.parametrize(("fixture", "at", "node", "problem", "fix"), RULES, ids=[r[0] for r in RULES])
def test_each_rule_names_file_line_node_and_fix(fixture: str, at: tuple[str, int], node: str | None, problem: str,
                                                fix: str) -> None:
    message = error_of(fixture)
    line = line_of(fixture, *at)
    where = f"tests/data/flows/{fixture}.yml:{line}" + (f" (node '{node}')" if node else "")
    assert message.startswith(where + ": "), message
    reported_problem, reported_fix = message.removeprefix(where + ": ").split(" Fix: ")
    assert problem in reported_problem
    assert fix in reported_fix
    assert len(message.splitlines()) == 1, message  # one problem, one line


def test_every_rule_fixture_is_tested() -> None:
    tested = {r[0] for r in RULES}
    on_disk = {p.stem for p in DATA.glob("bad-*.yml")}
    assert on_disk == tested


def test_flow_id_must_match_file_name(tmp_path: Path) -> None:
    path = tmp_path / "other.yml"
    path.write_text((DATA / "valid.yml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(tree.ProblemError, match=r"other.yml:2: the flow id 'valid' does not match the file name"
                                             r".*set 'id: other'"):
        tree.load_flow(path, "other.yml")


def test_several_problems_are_all_reported_in_line_order(tmp_path: Path) -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8")
    text = text.replace("    title: Travel light\n", "    title: Travel light\n    colour: red\n")
    text = text.replace("    hint: We ask because of the umbrella.\n", "    hint: 42\n")
    path = tmp_path / "valid.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tree.ProblemError) as caught:
        tree.load_flow(path, "valid.yml")
    lines = [p.line for p in caught.value.problems]
    assert len(lines) == 2 and lines == sorted(lines)
    assert "hint must be text, not a number" in str(caught.value)
    assert "unknown key 'colour'" in str(caught.value)


def test_empty_and_non_mapping_files_are_explained() -> None:
    with pytest.raises(tree.ProblemError, match=r"x.yml:1: the file is empty"):
        tree.parse_flow("# nothing\n", "x.yml")
    with pytest.raises(tree.ProblemError, match=r"x.yml:1: the file holds a list, not a flow"):
        tree.parse_flow("- a\n- b\n", "x.yml")


def test_duplicate_yaml_keys_are_an_error() -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8").replace("start: first\n", "start: first\nstart: second\n")
    with pytest.raises(tree.ProblemError, match=r"x.yml:6: the key 'start' appears twice"):
        tree.parse_flow(text, "x.yml")


def test_yaml_is_loaded_safely() -> None:
    text = "!!python/object/apply:os.system ['echo hi']\n"
    with pytest.raises(tree.ProblemError, match=r"x\.yml:1"):
        tree.parse_flow(text, "x.yml")


# ── Analysis and the review table ───────────────────────────────────────────


def test_analysis_numbers_incoming_answers_route_counts_and_remaining() -> None:
    flow = load("valid")
    analysis = tree.analyse(flow)
    assert analysis.order == ("first", "second", "take-umbrella", "stay-light")
    assert analysis.numbers == {"first": 1, "second": 2}
    assert analysis.remaining == {"first": 2, "second": 1, "take-umbrella": 0, "stay-light": 0}
    assert [(s.question.id, s.option.label) for s in analysis.incoming["take-umbrella"]] == [
        ("first", "Yes"), ("second", "Yes")]
    assert analysis.route_counts == {"first": 1, "second": 1, "take-umbrella": 2, "stay-light": 2}
    assert analysis.route_total == 4
    walked = [[s.option.label for s in p.steps] + [p.outcome.id] for p in tree.routes(flow)]
    assert walked == [["Yes", "take-umbrella"], ["No", "Yes", "take-umbrella"],
                      ["No", "No", "stay-light"], ["No", "I'm not sure", "stay-light"]]
    assert tree.routes(flow, limit=3) is None


def test_paths_markdown_lists_every_path() -> None:
    text = tree.paths_markdown([load("valid")])
    assert "4 paths, 2 questions, 2 outcomes." in text
    assert "| 2 | Q1 Is it raining? → **No**<br>Q2 Is it cold? → **Yes** | Take an umbrella (`take-umbrella`) |" in text


# ── Layout ──────────────────────────────────────────────────────────────────


def test_layout_layers_and_boxes_do_not_overlap() -> None:
    for path in sorted(FLOWS.glob("*.yml")):
        flow = tree.load_flow(path)
        diagram = tree.layout(flow)
        boxes = {b.id: b for b in diagram.boxes}
        assert set(boxes) == set(flow.nodes)
        for q in flow.questions:  # every answer points downwards
            for option in q.options:
                assert boxes[option.next].y > boxes[q.id].y
        for a in diagram.boxes:
            assert a.x >= 0 and a.x + a.width <= diagram.width and a.y + a.height <= diagram.height
            for b in diagram.boxes:
                if a.id < b.id:
                    apart = (a.x + a.width <= b.x or b.x + b.width <= a.x or
                             a.y + a.height <= b.y or b.y + b.height <= a.y)
                    assert apart, (a.id, b.id)
        edges = {(e.source, e.target) for e in diagram.edges}
        assert edges == {(q.id, o.next) for q in flow.questions for o in q.options}


def test_long_edges_route_around_boxes_in_between() -> None:
    """An answer that skips layers (hiring has several, e.g. 'stage' -> 'exploring-plan' past
    'stage-unsure') passes slots in the layers between: its straight runs miss every box there."""
    for path in sorted(FLOWS.glob("*.yml")):
        flow = tree.load_flow(path)
        diagram = tree.layout(flow)
        boxes = {b.id: b for b in diagram.boxes}
        long = [e for e in diagram.edges if len(e.xs) > 2]
        if flow.id == "hiring":
            assert ("stage", "exploring-plan") in {(e.source, e.target) for e in long}
            assert len(long) >= 3
        for edge in long:
            assert edge.d.count("L") >= 1, edge  # passes a dummy slot with a straight segment
            top, bottom = boxes[edge.source].y + boxes[edge.source].height, boxes[edge.target].y
            between = [b for b in diagram.boxes if top < b.y and b.y + b.height < bottom]
            assert between, edge
            runs = [(int(x), int(y)) for x, y in re.findall(r"L(\d+) (\d+)", edge.d)]
            assert len(runs) == len(edge.xs) - 2, edge  # one straight run down each layer passed
            for x, y in runs:  # down a layer, to its bottom: clear of that layer's boxes
                layer = [b for b in between if b.y + b.height == y]
                assert layer and all(not (b.x <= x <= b.x + b.width) for b in layer), (edge.source, edge.target, x)


# ── Rendering ───────────────────────────────────────────────────────────────


def render(flow: tree.Flow) -> str:
    urls = {link.page: f"../{link.page.removesuffix('.md')}.html" for o in flow.outcomes for link in o.links}
    return tree.render_flow(ENV, flow, urls=urls, assets={"css": "flow.css", "helper": "guide.js", "js": "flow.js"})


def test_render_follows_the_dom_contract() -> None:
    flow = load("valid")
    html = render(flow)
    assert html.count('data-flow="valid"') == 1
    for node in flow.nodes.values():
        assert f'data-node="{node.id}" data-kind="{node.kind}"' in html
        assert f'id="flow-valid-{node.id}"' in html
    for q in flow.questions:
        for option in q.options:
            assert f'href="#flow-valid-{option.next}" data-next="{option.next}"' in html
    assert "Question 1" in html and "Question 2" in html
    assert '<link rel="stylesheet" href="flow.css">' in html and '<script src="flow.js"></script>' in html
    assert "<svg" in html and html.count("guide-flow-diagram__box ") == 4


def test_render_without_assets_for_a_second_flow() -> None:
    html = tree.render_flow(ENV, load("valid"), urls={"index.md": "index.html"}, assets=None)
    assert "<script" not in html and "<link" not in html


def test_script_in_a_label_renders_as_text() -> None:
    html = render(load("script-label"))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_missing_template_value_is_an_error_not_blank() -> None:
    with pytest.raises(jinja2.UndefinedError):
        tree.render_flow(ENV, load("valid"), urls={}, assets=None)


# ── The shipped trees and the schema ────────────────────────────────────────


def test_schema_is_valid_and_trees_point_editors_at_it() -> None:
    schema = json.loads(tree.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(FLOWS.glob("*.yml")) + [DATA / "valid.yml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve() == tree.SCHEMA_PATH.resolve(), path


def test_shipped_trees_load_and_every_question_offers_a_way_out() -> None:
    flows = tree.load_flows(FLOWS)
    assert set(flows) == {"hiring", "career"}
    for flow in flows.values():
        for q in flow.questions:
            labels = [o.label for o in q.options]
            # "I'm not sure", or an explicit "Something else" where not knowing is not a real
            # answer (career's background question: everyone knows where they come from).
            assert any(label.startswith(("I'm not sure", "Something else")) for label in labels), (flow.id, q.id)
        for outcome in flow.outcomes:
            assert outcome.links and all("#" not in link.page for link in outcome.links)


def test_misspelled_kind_gives_one_clear_message() -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8")
    text = text.replace("  - id: second\n    kind: question\n", "  - id: second\n    kind: questoin\n")
    with pytest.raises(tree.ProblemError) as caught:
        tree.parse_flow(text, "v.yml")
    assert str(caught.value) == ("v.yml:17 (node 'second'): kind is 'questoin', which is not allowed. "
                                 "Fix: use one of: question, outcome.")


def test_notes_assumptions_and_check_questions_are_optional_and_rendered_as_text() -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8")
    text = text.replace('        next: take-umbrella\n', '        next: take-umbrella\n        note: "It <b>rains</b>."\n', 1)
    text = text.replace("    question: Is it cold?\n", "    question: Is it cold?\n    check: [Ask <someone> outside?]\n")
    text = text.replace("      - label: I'm not sure\n        next: stay-light\n",
                        "      - label: I'm not sure\n        next: stay-light\n        assumes: it is mild.\n")
    flow = tree.parse_flow(text, "valid.yml")
    assert flow.nodes["first"].options[0].note == "It <b>rains</b>."
    assert flow.nodes["second"].check == ("Ask <someone> outside?",)
    assert flow.nodes["second"].options[2].assumes == "it is mild."
    html = render(flow)
    assert '<span class="guide-flow__note" data-flow-note>It &lt;b&gt;rains&lt;/b&gt;.</span>' in html
    assert 'data-flow-assumes="it is mild.">If you pick this, we assume: it is mild.</span>' in html
    assert "<li>Ask &lt;someone&gt; outside?</li>" in html
    assert "<b>" not in html and "<someone>" not in html


def test_an_assumption_needs_check_questions_on_its_question() -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8").replace(
        "      - label: I'm not sure\n        next: stay-light\n",
        "      - label: I'm not sure\n        next: stay-light\n        assumes: it is mild.\n")
    with pytest.raises(tree.ProblemError) as caught:
        tree.parse_flow(text, "v.yml")
    assert str(caught.value).startswith("v.yml:24 (node 'second'): the option 'I'm not sure' assumes something, but "
                                        "the question has no 'check' questions")


def test_review_routes_list_a_pass_through_question_once() -> None:
    """The regulation questions (every answer leads to the same next question) are one
    'any answer' step of the review table; every other question keeps its answers."""
    flow = tree.load_flow(ROOT / "docs" / "decide" / "flows" / "hiring.yml")
    assert tree.routes(flow) is None, "the full list is over the limit"
    review = tree.review_routes(flow)
    assert review is not None and 0 < len(review) <= tree.MAX_LISTED_ROUTES
    merged = {s.question.id for r in review for s in r.steps if s.option is None}
    assert merged == {q.id for q in flow.questions if tree.passes_through(q)}
    assert "own-regulated" in merged and "stage" not in merged
    full = tree.analyse(flow).route_total
    assert full > len(review)
    small = tree.load_flow(ROOT / "docs" / "decide" / "flows" / "career.yml")
    assert [len(r.steps) for r in tree.review_routes(small)] == [len(r.steps) for r in tree.routes(small)]


# ── Speed-minded pieces: terms marked once per page, the collector paused ─────


def test_terms_are_marked_escaped_and_written_once_per_page() -> None:
    env = tree.strict_env(ENV)
    terms = tree.render.Terms({"MLOps": "Ops for <ML> & co", "ML": "Machine learning"},
                              env.get_template(tree.render.TERMS_TEMPLATE))
    assert terms.mark("No term <here>", "q1") == "No term <here>"  # as it is: the page template escapes it
    first = str(terms.mark("MLOps & <b>ML</b>", "q1"))
    assert first == ('<abbr title="Ops for &lt;ML&gt; &amp; co" tabindex="0">MLOps</abbr> &amp; &lt;b&gt;'
                     '<abbr title="Machine learning" tabindex="0">ML</abbr>&lt;/b&gt;')
    # Once per node: a second use stays plain, in a link too; text with no node stays plain.
    assert terms.mark("ML again", "q1") == "ML again"
    assert terms.mark("An ML link", "q1", link=True) == "An ML link"
    assert terms.mark("ML anywhere") == "ML anywhere"
    # In the next node: first in a link (no focus stop), then in its prose (the focus stop).
    assert str(terms.mark("ML link", "q2", link=True)) == '<abbr title="Machine learning">ML</abbr> link'
    assert terms.mark("ML link", "q2", link=True) == "ML link"
    assert 'tabindex="0">ML</abbr>' in str(terms.mark("ML in its prose", "q2"))
    assert terms.mark("ML once more", "q2") == "ML once more"


def test_the_gloss_filter_passes_text_through_without_a_glossary() -> None:
    env = tree.strict_env(ENV)
    assert env.from_string("{{ 'A <b> & ML' | gloss('q') }}").render(terms=tree.render.Terms()) == "A &lt;b&gt; &amp; ML"
    assert "gloss" not in ENV.filters, "strict_env added its filter to the theme's own environment"


def test_reading_and_rendering_pause_the_collector_and_restore_it() -> None:
    seen = []
    with gc_paused():
        seen.append(gc.isenabled())
        with gc_paused():
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled(), "a collector the caller had turned off was turned on"
    finally:
        gc.enable()
    with pytest.raises(tree.ProblemError):
        load("bad-unknown-next")
    assert gc.isenabled(), "a refused flow left the collector off"


def test_a_flow_read_twice_is_parsed_once_an_edited_one_anew_and_a_refused_one_every_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a build reads twice stays in memory, keyed by the file's bytes: the same bytes are
    parsed once, an edited file anew (`mkdocs serve` never sees a stale flow), and a refused
    file is refused every time, never kept."""
    load_module = sys.modules["guide.flows.load"]
    parse, made = load_module.parse_flow, []

    def counted(text: str, *args, **kwargs) -> tree.Flow:
        made.append(text)
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(load_module, "parse_flow", counted)
    path = tmp_path / "valid.yml"  # a path of this test's own: no other test's reading counts
    text = (DATA / "valid.yml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = tree.load_flow(path)
    assert tree.load_flow(path) is first and len(made) == 1, "the same bytes are parsed once"
    path.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    assert tree.load_flow(path).title == "Edited " + first.title and len(made) == 2, "an edited file is read anew"
    path.write_text("id: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(tree.ProblemError):
            tree.load_flow(path)
    assert len(made) == 4, "a refused file is refused every time, never kept"


def test_an_outcome_link_may_point_at_a_place_on_its_page() -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8")
    assert "      - page: index.md\n" in text
    flow = tree.parse_flow(text.replace("      - page: index.md\n", "      - page: index.md#start-here\n", 1), "f.yml")
    link = next(link for outcome in flow.outcomes for link in outcome.links if link.anchor)
    assert (link.page, link.anchor, link.target) == ("index.md", "start-here", "index.md#start-here")
    html = tree.render_flow(ENV, flow, urls={"index.md": "index.html"}, assets=None)
    assert 'href="index.html#start-here"' in html
    with pytest.raises(tree.ProblemError, match=r"f\.yml:\d+"):
        tree.parse_flow(text.replace("      - page: index.md\n", "      - page: index.md#<script>\n", 1), "f.yml")
