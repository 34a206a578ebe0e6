"""Hostile, malformed, huge and convergent input to the flow engine: every one is refused
with file, line, node and a fix, or handled, and never a traceback, a hang or a huge page.

Fixtures: tests/data/flows/hostile/ (one file per class). The Markdown block is tested with
Python-Markdown alone (no MkDocs), as any host would run it."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import jinja2
import markdown
import pytest

import guide.flows as tree
from conftest import ROOT
from guide.flows import site_checks

pytestmark = pytest.mark.unit

HOSTILE = ROOT / "tests" / "data" / "flows" / "hostile"
DATA = ROOT / "tests" / "data" / "flows"
FLOWS = ROOT / "docs" / "decide" / "flows"
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))

# fixture, line, node ('' when none), phrase of the problem
REFUSED = [
    ("include-tag", 10, "first", "the tag '!include' is not allowed"),
    ("python-tag", 10, "first", "the tag '!!python/name:os.system' is not allowed"),
    ("binary-tag", 10, "first", "the tag '!!binary' is not allowed"),
    ("huge-number", 10, "first", "hint must be text, not a number"),
    ("merge-key", 27, "second", "the merge key '<<' is not supported"),
    ("alias-bomb", 11, "", "aliases repeat more than 10,000 values"),
    ("recursive-alias", 10, "first", "the alias '*loop' is inside the block it repeats"),
    ("deep-nesting", 10, "first", "nested more than 40 deep"),
    ("nul-byte", 18, "second", "a control character (U+0000)"),
    ("bidi-control", 18, "second", "a bidirectional control character (U+202E)"),
    ("escaped-bidi", 18, "second", "a bidirectional control character (U+202E) written as an escape ('\\u202e')"),
    ("escaped-control", 18, "second", "a control character (U+0007) written as an escape ('\\x07')"),
    ("not-utf8", 18, "", "byte 0xff on this line is not UTF-8"),
    ("unclosed-quote", 18, "second", "the quote that opens on this line is not closed"),
    ("two-documents", 48, "stay-light", "more than one YAML document"),
]


@pytest.mark.parametrize(("fixture", "line", "node", "problem"), REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_file_is_refused_with_file_line_node_and_fix(fixture: str, line: int, node: str, problem: str) -> None:
    with pytest.raises(tree.ProblemError) as caught:
        tree.load_flow(HOSTILE / f"{fixture}.yml", f"{fixture}.yml")
    message = str(caught.value)
    where = f"{fixture}.yml:{line}" + (f" (node '{node}')" if node else "") + ": "
    assert message.startswith(where), message
    assert problem in message and " Fix: " in message, message
    assert len(caught.value.problems) == 1


def test_every_hostile_fixture_is_tested() -> None:
    tested = {r[0] for r in REFUSED} | {"date-label"}
    assert {p.stem for p in HOSTILE.glob("*.yml")} == tested


def test_a_date_like_label_is_text_not_a_date() -> None:
    flow = tree.load_flow(HOSTILE / "date-label.yml")
    assert flow.nodes["first"].options[0].label == "2024-13-45"


def test_yes_and_no_unquoted_are_text_under_yaml_1_2() -> None:
    text = (DATA / "valid.yml").read_text(encoding="utf-8").replace('label: "Yes"', "label: yes", 1)
    assert tree.parse_flow(text, "valid.yml").nodes["first"].options[0].label == "yes"


def test_a_yaml_file_in_the_flows_folder_is_refused_not_ignored(tmp_path: Path) -> None:
    shutil.copy(DATA / "valid.yml", tmp_path / "valid.yml")
    shutil.copy(DATA / "valid.yml", tmp_path / "third.yaml")
    with pytest.raises(tree.ProblemError) as caught:
        tree.load_flows(tmp_path, display_root=tmp_path)
    assert str(caught.value) == ("third.yaml:1: this folder holds only flows ending in .yml; 'third.yaml' would be "
                                 "ignored. Fix: rename it to third.yml.")


# ── Cost: linear in nodes + answers, never in routes ─────────────────────────


def chain(questions: int, *, both_to_next: bool = True) -> str:
    """questions in a row; both answers of each lead to the next (2**questions routes)."""
    out = ["id: chain", "title: Chain", "intro: A long chain.", "start: q0", "nodes:"]
    for i in range(questions):
        nxt = f"q{i + 1}" if i + 1 < questions else "end"
        out += [f"  - id: q{i}", "    kind: question", f"    question: Question number {i}?", "    options:",
                "      - label: 'Yes'", f"        next: {nxt}",
                "      - label: 'No'", f"        next: {nxt if both_to_next else 'end'}"]
    out += ["  - id: end", "    kind: outcome", "    title: The end", "    summary: Done.", "    reasoning: Because.",
            "    look_for: [a]", "    watch_out: [b]", "    next_steps: [c]", "    links: [{page: index.md, label: Home}]"]
    return "\n".join(out) + "\n"


def render_size(questions: int) -> int:
    flow = tree.parse_flow(chain(questions), "chain.yml")
    return len(tree.render_flow(ENV, flow, urls={"index.md": "index.html"}, assets=None))


def test_convergent_chain_page_grows_linearly_not_with_routes() -> None:
    small, large = render_size(16), render_size(160)  # 65,536 and 2**160 routes
    assert large < 12 * small, (small, large)
    flow = tree.parse_flow(chain(60), "chain.yml")
    analysis = tree.analyse(flow)
    assert analysis.route_total == 2**60
    assert tree.routes(flow) is None
    table = tree.paths_markdown([flow])
    assert "about 10^18 paths" in table and len(table) < 5000


def test_long_edges_past_the_dummy_budget_use_side_channels() -> None:
    # Each question's "No" jumps to the end: 200 long edges, 20,000 layer crossings in all.
    flow = tree.parse_flow(chain(200, both_to_next=False), "chain.yml")
    diagram = tree.layout(flow)
    assert len(diagram.edges) == 399  # the last question's two answers share one arrow
    channelled = [e for e in diagram.edges if e.d.count(" L") == 5]
    assert 0 < len(channelled) < 200
    assert all(box.x >= 0 and box.x + box.width <= diagram.width for box in diagram.boxes)


# ── The Markdown block ───────────────────────────────────────────────────────


def convert(source: str) -> tuple[str, tree.FlowSite]:
    valid = tree.load_flow(DATA / "valid.yml")
    flows = {"valid": valid, "other": dataclasses.replace(valid, id="other")}
    site = tree.FlowSite(flows=flows, env=ENV)
    site.page = tree.PageContext("docs/p.md", lambda path: "../" + path.replace(".md", ".html"))
    html = markdown.markdown(source, extensions=["admonition", "md_in_html", "pymdownx.superfences",
                                                 tree.GuideFlowExtension(site=site)])
    return html, site


def flows_in(html: str) -> list[str]:
    return re.findall(r'data-flow="([a-z0-9-]+)"', html)


def test_block_renders_the_flow_with_page_relative_links_and_assets_once() -> None:
    html, site = convert("# P\n\n/// guide-flow | valid\n///\n\n/// guide-flow | other\n///\n")
    assert flows_in(html) == ["valid", "other"] and not site.problems
    assert html.count("flow.js") == 1 and '<link rel="stylesheet" href="../assets/stylesheets/flow.css">' in html
    assert 'href="../index.html"' in html
    assert site.shown_on == {"valid": ["docs/p.md"], "other": ["docs/p.md"]}


def test_block_inside_code_or_a_comment_is_left_alone() -> None:
    source = ("Write `/// guide-flow | valid` on its own line.\n\n```\n/// guide-flow | valid\n///\n```\n\n"
              "<!--\n/// guide-flow | valid\n///\n-->\n\n/// guide-flow | valid\n///\n")
    html, site = convert(source)
    assert flows_in(html) == ["valid"] and not site.problems
    assert "guide-flow | valid" in html  # the code samples stay as code
    assert html.count("flow.css") == 1


def test_block_inside_an_admonition_stays_inside_it() -> None:
    html, site = convert("!!! note\n    Intro.\n\n    /// guide-flow | valid\n    ///\n\n    After.\n\nOutside.\n")
    assert not site.problems
    admonition = html[html.index('<div class="admonition note">'):html.index("<p>Outside.</p>")]
    assert 'data-flow="valid"' in admonition and "<p>After.</p>" in admonition
    assert "<pre>" not in html


@pytest.mark.parametrize(("source", "line", "problem"), [
    ("x\n\n/// guide-flow | valid\n///\n\ny\n\n/// guide-flow | valid\n///\n", 8,
     "the flow 'valid' is already shown higher up on this page"),
    ("x\n\n/// guide-flow | vaild\n///\n", 3, "the block names the flow 'vaild', which does not exist"),
    ("x\n\n/// guide-flow\n///\n", 3, "the guide-flow block names no flow"),
    ("x\n\n/// guide-flows | valid\n///\n", 3, "'/// guide-flows | valid' looks like a flow block but is not one"),
    ("x\n\n[[guide-flow: valid]]\n", 3, "'[[guide-flow: valid]]' looks like a flow block but is not one"),
    ("/// guide-flow | valid\n\nEverything else.\n", 1, "the guide-flow block is never closed"),
    ("/// guide-flow | valid\n\nText inside.\n///\n", 1, "the guide-flow block holds content"),
])
def test_bad_block_is_reported_with_page_and_line(source: str, line: int, problem: str) -> None:
    html, site = convert(source)
    assert [str(p).split(" Fix: ")[0] for p in site.problems] == [f"docs/p.md:{line}: {problem}" +
                                                                 str(site.problems[0]).split(problem, 1)[1].split(" Fix: ")[0]]
    assert len(flows_in(html)) <= 1


def test_unknown_block_name_suggests_the_closest_flow() -> None:
    _, site = convert("/// guide-flow | vaild\n///\n")
    assert "(perhaps 'valid')" in str(site.problems[0])


def test_flow_no_page_shows_is_reported() -> None:
    _, site = convert("/// guide-flow | valid\n///\n")
    assert [str(p) for p in site_checks.unshown_problems(site.flows, site.shown_on)] == [
        "tests/data/flows/valid.yml:1: no page shows the flow 'other'. Fix: add '/// guide-flow | other' and a "
        "closing '///' to a page, or delete the file."
        .replace("tests/data/flows/valid.yml", str(DATA / "valid.yml"))]


# ── Facts and conditions (composed results) ─────────────────────────────────


def conditional(condition: str) -> str:
    """A two-question flow whose outcome shows a part only under `condition` (flow-style YAML)."""
    return "\n".join([
        "id: cond", "title: Cond", "intro: Conditions.", "start: q0", "facts:", "  f: [a, b]", "nodes:",
        "  - id: q0", "    kind: question", "    question: Which?", "    options:",
        "      - label: A", "        next: end", "        records: {f: a}",
        "      - label: B", "        next: end", "        records: {f: b}",
        "  - id: end", "    kind: outcome", "    title: The end", "    summary: Done.", "    reasoning: Because.",
        "    look_for: [a]", "    watch_out: [b]", "    next_steps: [c]", "    links: [{page: index.md, label: Home}]",
        f"    check: [{{text: Ask., when: {condition}}}]", ""])


@pytest.mark.parametrize(("condition", "problem"), [
    ("{not: " * 20 + "{f: a}" + "}" * 20, "the condition is nested more than 4 levels deep"),
    ("{any: [" + ", ".join(["{f: a}"] * 5000) + "]}", "the condition has 5000 fact terms; at most 12 are allowed"),
    ("{all: [{f: a}]}", "'all' takes a list of two or more conditions"),
    ("{f: {g: a}}", "the fact 'f' is compared with something that is not a value or a list of values"),
    ("{f: a, g: b}", "check[1].when has 2 keys; a condition is one key"),
    ("{'__import__(\"os\")': a}", "the condition names the fact '__import__(\"os\")', which the flow does not declare"),
])
def test_a_hostile_condition_is_refused_with_file_line_and_fix(condition: str, problem: str) -> None:
    with pytest.raises(tree.ProblemError) as caught:
        tree.parse_flow(conditional(condition), "cond.yml")
    message = str(caught.value)
    assert message.startswith("cond.yml:27 (node 'end'): ") and problem in message and " Fix: " in message, message


def test_facts_on_a_convergent_chain_stay_linear() -> None:
    """60 questions in a row, each answer recording a fact (2**60 routes): the fact pass and the
    page stay linear, and a part shown for the last answer is found and described."""
    lines = chain(60).replace("start: q0", "start: q0\nfacts:\n  last: ['yes', 'no']").splitlines()
    out = []
    for line in lines:
        out.append(line)
        if line.strip().startswith("- label: 'Yes'"):
            out.append("        records: {last: 'yes'}")
        if line.strip().startswith("- label: 'No'"):
            out.append("        records: {last: 'no'}")
    text = "\n".join(out).replace("    next_steps: [c]", "    next_steps: [c, {text: Go, when: {last: 'yes'}}]") + "\n"
    flow = tree.parse_flow(text, "chain.yml")
    html = tree.render_flow(ENV, flow, urls={"index.md": "index.html"}, assets=None)
    assert "If you answered “Yes” to Question 60:" in html
