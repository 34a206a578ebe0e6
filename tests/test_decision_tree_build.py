"""The flows inside the real build: the real `mkdocs build` CLI stops on bad trees and bad
flow blocks with a clear message and no traceback; the built pages carry the whole tree and the
assets only where a flow is shown; the committed paths table is up to date."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flow_paths
import guide.flows as tree
from conftest import FLOW_PAGES, ROOT, Project, assert_build_failed_cleanly, nav_pages, page_url_path, twin

FLOWS = ROOT / "docs" / "decide" / "flows"


def node_at(path: Path, line: int) -> str:
    """The id of the node whose YAML holds the 1-based line `line` of path."""
    lines = path.read_text(encoding="utf-8").splitlines()[:line]
    return next(m.group(1) for text in reversed(lines) if (m := re.match(r"\s*- id: ([\w-]+)", text)))


HIRING, CAREER = "docs/decide/flows/hiring.yml", "docs/decide/flows/career.yml"


@pytest.mark.build
def test_bad_tree_stops_the_build_naming_file_line_and_node(project: Project) -> None:
    line = project.edit(HIRING, "      - label: I'm not sure\n        next: release-time\n",
                        "      - label: I'm not sure\n        next: release-tme\n") + 1
    assert node_at(project / HIRING, line) == "deploy-pain"
    assert_build_failed_cleanly(project.build(), f"{HIRING}:{line}", "Bad decision tree",
                                f"{HIRING}:{line} (node 'deploy-pain'): the option 'I'm not sure' "
                                "leads to 'release-tme', which is not a node.",
                                "(perhaps 'release-time')")


@pytest.mark.build
def test_yaml_syntax_error_stops_the_build(project: Project) -> None:
    line = project.edit(CAREER, "    question: Where does most", "   question: Where does most")
    assert_build_failed_cleanly(project.build(), f"{CAREER}:{line}",
                                f"{CAREER}:{line} (node 'background'): this is not valid YAML",
                                "check the indentation and quoting near this line")


@pytest.mark.build
def test_block_naming_a_missing_flow_stops_the_build(project: Project) -> None:
    line = project.edit("docs/decide/career.md", "/// guide-flow | career", "/// guide-flow | careers")
    assert_build_failed_cleanly(project.build(), f"docs/decide/career.md:{line}",
                                f"docs/decide/career.md:{line}: the block names the flow 'careers', which does not "
                                "exist.", "(perhaps 'career')")


@pytest.mark.build
def test_same_flow_twice_on_a_page_stops_the_build(project: Project) -> None:
    line = project.append("docs/decide/hiring.md", "\nMore.\n\n/// guide-flow | hiring\n///\n") + 3
    assert (project / "docs/decide/hiring.md").read_text(encoding="utf-8").splitlines()[line - 1] == \
        "/// guide-flow | hiring"
    assert_build_failed_cleanly(project.build(), f"docs/decide/hiring.md:{line}",
                                f"docs/decide/hiring.md:{line}: the flow 'hiring' is already shown higher up on "
                                "this page")


@pytest.mark.build
def test_old_marker_or_misspelt_block_stops_the_build(project: Project) -> None:
    line = project.edit("docs/decide/career.md", "/// guide-flow | career\n///", "[[guide-flow: career]]")
    assert_build_failed_cleanly(project.build(), f"docs/decide/career.md:{line}",
                                f"docs/decide/career.md:{line}: '[[guide-flow: career]]' looks like a flow block but "
                                "is not one.")


@pytest.mark.build
def test_flow_file_no_page_uses_stops_the_build(project: Project) -> None:
    for folder in ("docs/decide/flows", "docs/decide/flows/fr"):  # the flow and its translation
        shutil.copy(ROOT / "tests/data/flows/valid.yml", project / folder / "spare.yml")
        project.edit(f"{folder}/spare.yml", "id: valid", "id: spare")
    assert_build_failed_cleanly(project.build(), "docs/decide/flows/spare.yml:1",
                                "docs/decide/flows/spare.yml:1: no page shows the flow 'spare'. "
                                "Fix: add '/// guide-flow | spare' and a closing '///' to a page, or delete the file.")


@pytest.mark.build
def test_yaml_file_in_the_flows_folder_stops_the_build(project: Project) -> None:
    shutil.copy(ROOT / "tests/data/flows/valid.yml", project / "docs/decide/flows/spare.yaml")
    assert_build_failed_cleanly(project.build(), "docs/decide/flows/spare.yaml:1",
                                "docs/decide/flows/spare.yaml:1: this folder holds only flows ending in .yml; "
                                "'spare.yaml' would be ignored. Fix: rename it to spare.yml.")


@pytest.mark.build
def test_hostile_yaml_stops_the_build_without_a_traceback(project: Project) -> None:
    line = project.edit(CAREER, "start: ", "bomb: !!python/name:os.system\nstart: ")
    assert_build_failed_cleanly(project.build(), f"{CAREER}:{line}",
                                f"{CAREER}:{line}: the tag '!!python/name:os.system' is not allowed")


@pytest.mark.build
def test_outcome_link_to_an_excluded_page_stops_the_build(project: Project) -> None:
    line = project.edit(CAREER, "page: careers.md", "page: decide/flows/paths.md")
    assert_build_failed_cleanly(project.build(), f"{CAREER}:{line}",
                                f"{CAREER}:{line} (node '{node_at(project / CAREER, line)}'): the link points at "
                                "'decide/flows/paths.md', which is not a published page")


@pytest.mark.build
def test_outcome_link_to_a_missing_page_stops_the_build(project: Project) -> None:
    line = project.edit(CAREER, "page: careers.md", "page: career.md")
    assert_build_failed_cleanly(project.build(), f"{CAREER}:{line}",
                                f"{CAREER}:{line} (node '{node_at(project / CAREER, line)}'): the link points at "
                                "'career.md', which is not a published page of the site.")


# ── The real site ───────────────────────────────────────────────────────────


@pytest.mark.unit
def test_each_shipped_flow_is_on_a_nav_page() -> None:
    holding = [src for _, src in nav_pages()
               if re.search(r"^/// guide-flow \|", (ROOT / "docs" / src).read_text(encoding="utf-8"), re.MULTILINE)]
    assert sorted(holding) == sorted(FLOW_PAGES) == ["decide/career.md", "decide/hiring.md"]


@pytest.mark.build
@pytest.mark.parametrize(("source", "flow_id"), [("decide/hiring.md", "hiring"), ("decide/career.md", "career")])
def test_built_page_holds_the_whole_tree(site_dir: Path, source: str, flow_id: str) -> None:
    html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
    flow = tree.load_flow(FLOWS / f"{flow_id}.yml")
    assert html.count(f'data-flow="{flow_id}"') == 1
    assert "guide-flow |" not in html and "[[guide-flow" not in html
    for node in flow.nodes.values():
        assert re.search(rf'id="flow-{flow_id}-{node.id}"\s+data-node="{node.id}" data-kind="{node.kind}"', html)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target
    assert html.count("<svg") >= 1 and 'role="region"' in html


@pytest.mark.build
def test_flow_pages_are_the_built_pages_that_hold_a_flow(site_dir: Path) -> None:
    """conftest's FLOW_PAGES (the nav's pages under decide/, which the browser tests open) and
    their French twins against the built HTML."""
    holding = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                     if re.search(r'<\w+[^<>]*\sdata-flow="', p.read_text(encoding="utf-8")))
    assert sorted(FLOW_PAGES) == ["decide/career.md", "decide/hiring.md"]
    assert holding == sorted(page_url_path(source) for page in FLOW_PAGES for source in (page, twin(page)))


@pytest.mark.build
def test_flow_assets_load_only_on_flow_pages(site_dir: Path) -> None:
    flows = set(FLOW_PAGES)
    for _, source in nav_pages():
        html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
        has = html.count("assets/javascripts/flow.js"), html.count("assets/stylesheets/flow.css")
        assert has == ((1, 1) if source in flows else (0, 0)), source


@pytest.mark.unit
def test_flow_js_and_css_fit_the_budget() -> None:
    size = sum(len(gzip.compress((ROOT / p).read_bytes(), 9)) for p in
               ("docs/assets/javascripts/guide.js", "docs/assets/javascripts/flow.js", "docs/assets/stylesheets/flow.css"))
    assert size <= 8 * 1024, f"guide.js + flow.js + flow.css gzipped: {size} bytes"


@pytest.mark.unit
def test_flow_js_uses_no_eval_and_no_inline_handlers() -> None:
    for script in ("guide.js", "flow.js", "kit.js"):
        js = (ROOT / "docs/assets/javascripts" / script).read_text(encoding="utf-8")
        # Reading innerHTML (kit.js copies a part's HTML) is safe; writing it is not.
        assert not re.search(r"\beval\(|new Function|innerHTML\s*\+?=(?!=)|setAttribute\(\"on", js), script
    for template in ("guide-flow.html", "hiring-kit.html"):
        html = (ROOT / "overrides/partials" / template).read_text(encoding="utf-8")
        assert not re.search(r"<script>|\son[a-z]+=", html), template


# ── The committed review table ──────────────────────────────────────────────


@pytest.mark.unit
def test_paths_table_is_up_to_date() -> None:
    diff = flow_paths.stale_diff()
    assert diff == "", f"{flow_paths.TABLE.relative_to(ROOT)} is stale. Regenerate it with: {flow_paths.COMMAND}\n{diff}"


@pytest.mark.unit
def test_paths_table_check_fails_with_a_diff_and_the_command(project: Project) -> None:
    project.edit(HIRING, "so we rarely do it\n        next: deploy-team\n", "so we rarely do it\n        next: ml-first\n")
    result = subprocess.run([sys.executable, "scripts/flow_paths.py", "--check"], cwd=project.root,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "-| " in result.stdout and "+| " in result.stdout and "(`ml-first`)" in result.stdout
    assert "Regenerate it with: .venv/bin/python scripts/flow_paths.py" in result.stderr
    subprocess.run([sys.executable, "scripts/flow_paths.py"], cwd=project.root, check=True, capture_output=True)
    again = subprocess.run([sys.executable, "scripts/flow_paths.py", "--check"], cwd=project.root,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.unit
def test_paths_table_covers_every_path() -> None:
    text = flow_paths.TABLE.read_text(encoding="utf-8")
    for path in sorted(FLOWS.glob("*.yml")):
        flow = tree.load_flow(path)
        assert f"{tree.analyse(flow).route_total:,} paths" in text
        for outcome in flow.outcomes:
            assert f"(`{outcome.id}`)" in text


@pytest.mark.build
def test_a_link_to_an_id_its_page_lacks_stops_the_build(project: Project) -> None:
    line = project.edit(HIRING, "      - page: faq.md#only-llm-apis\n", "      - page: faq.md#only-llm-api\n")
    project.edit("docs/decide/flows/fr/hiring.yml", "      - page: faq.md#only-llm-apis\n",
                 "      - page: faq.md#only-llm-api\n")  # the translation follows, or its check stops the build first
    assert_build_failed_cleanly(project.build(), f"{HIRING}:{line}",
                                f"{HIRING}:{line} (node 'llmops'): the link points at '#only-llm-api' on faq.md, "
                                "and the page has no element with that id.", "perhaps 'faq.md#only-llm-apis'")
