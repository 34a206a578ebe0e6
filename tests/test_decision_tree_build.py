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

from conftest import FLOW_PAGES, ROOT, mkdocs_build, nav_pages, page_url_path

sys.path.insert(0, str(ROOT / "scripts"))
import flow_paths  # noqa: E402

import guide.flows as tree  # noqa: E402

FLOWS = ROOT / "docs" / "decide" / "flows"
SKIP = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".tmp", ".cache", "__pycache__",
                              ".pytest_cache", "test-results", "*.pdf")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to break (the tests and the sources, not the tools)."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    return copy


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(project / "site", config=project / "mkdocs.yml")


def assert_clean_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, output


def node_at(path: Path, line: int) -> str:
    """The id of the node whose YAML holds the 1-based line `line` of path."""
    lines = path.read_text(encoding="utf-8").splitlines()[:line]
    return next(m.group(1) for text in reversed(lines) if (m := re.match(r"\s*- id: ([\w-]+)", text)))


def edit(path: Path, old: str, new: str) -> int:
    """Replace old by new once; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:index].count("\n") + 1


def test_bad_tree_stops_the_build_naming_file_line_and_node(project: Path) -> None:
    path = project / "docs/decide/flows/hiring.yml"
    line = edit(path, "      - label: I'm not sure\n        next: release-time\n",
                "      - label: I'm not sure\n        next: release-tme\n") + 1
    assert node_at(path, line) == "deploy-pain"
    assert_clean_failure(build(project), "Bad decision tree",
                         f"docs/decide/flows/hiring.yml:{line} (node 'deploy-pain'): the option 'I'm not sure' "
                         "leads to 'release-tme', which is not a node.",
                         "(perhaps 'release-time')")


def test_yaml_syntax_error_stops_the_build(project: Path) -> None:
    line = edit(project / "docs/decide/flows/career.yml", "    question: Where does most", "   question: Where does most")
    assert_clean_failure(build(project), f"docs/decide/flows/career.yml:{line} (node 'background'): this is not valid YAML",
                         "check the indentation and quoting near this line")


def test_block_naming_a_missing_flow_stops_the_build(project: Path) -> None:
    line = edit(project / "docs/decide/career.md", "/// guide-flow | career", "/// guide-flow | careers")
    assert_clean_failure(build(project),
                         f"docs/decide/career.md:{line}: the block names the flow 'careers', which does not exist.",
                         "(perhaps 'career')")


def test_same_flow_twice_on_a_page_stops_the_build(project: Path) -> None:
    page = project / "docs/decide/hiring.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n\n/// guide-flow | hiring\n///\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index("/// guide-flow | hiring")
    assert_clean_failure(build(project), f"docs/decide/hiring.md:{line}: the flow 'hiring' is already shown higher "
                                         "up on this page")


def test_old_marker_or_misspelt_block_stops_the_build(project: Path) -> None:
    line = edit(project / "docs/decide/career.md", "/// guide-flow | career\n///", "[[guide-flow: career]]")
    assert_clean_failure(build(project), f"docs/decide/career.md:{line}: '[[guide-flow: career]]' looks like a flow "
                                         "block but is not one.")


def test_flow_file_no_page_uses_stops_the_build(project: Path) -> None:
    for folder in ("docs/decide/flows", "docs/decide/flows/fr"):  # the flow and its translation
        shutil.copy(ROOT / "tests/data/flows/valid.yml", project / folder / "spare.yml")
        edit(project / folder / "spare.yml", "id: valid", "id: spare")
    assert_clean_failure(build(project), "docs/decide/flows/spare.yml:1: no page shows the flow 'spare'. "
                                         "Fix: add '/// guide-flow | spare' and a closing '///' to a page, "
                                         "or delete the file.")


def test_yaml_file_in_the_flows_folder_stops_the_build(project: Path) -> None:
    shutil.copy(ROOT / "tests/data/flows/valid.yml", project / "docs/decide/flows/spare.yaml")
    assert_clean_failure(build(project), "docs/decide/flows/spare.yaml:1: this folder holds only flows ending in "
                                         ".yml; 'spare.yaml' would be ignored. Fix: rename it to spare.yml.")


def test_hostile_yaml_stops_the_build_without_a_traceback(project: Path) -> None:
    line = edit(project / "docs/decide/flows/career.yml", "start: ", "bomb: !!python/name:os.system\nstart: ")
    assert_clean_failure(build(project), f"docs/decide/flows/career.yml:{line}: the tag '!!python/name:os.system' "
                                         "is not allowed")


def test_outcome_link_to_an_excluded_page_stops_the_build(project: Path) -> None:
    path = project / "docs/decide/flows/career.yml"
    line = edit(path, "page: careers.md", "page: decide/flows/paths.md")
    assert_clean_failure(build(project), f"docs/decide/flows/career.yml:{line} (node '{node_at(path, line)}'): the link "
                                         "points at 'decide/flows/paths.md', which is not a published page")


def test_outcome_link_to_a_missing_page_stops_the_build(project: Path) -> None:
    path = project / "docs/decide/flows/career.yml"
    line = edit(path, "page: careers.md", "page: career.md")
    assert_clean_failure(build(project), f"docs/decide/flows/career.yml:{line} (node '{node_at(path, line)}'): "
                                         "the link points at 'career.md', which is not a published page of the site.")


# ── The real site ───────────────────────────────────────────────────────────


def test_each_shipped_flow_is_on_a_nav_page() -> None:
    holding = [src for _, src in nav_pages()
               if re.search(r"^/// guide-flow \|", (ROOT / "docs" / src).read_text(encoding="utf-8"), re.MULTILINE)]
    assert sorted(holding) == sorted(FLOW_PAGES) == ["decide/career.md", "decide/hiring.md"]


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


def test_flow_assets_load_only_on_flow_pages(site_dir: Path) -> None:
    flows = set(FLOW_PAGES)
    for _, source in nav_pages():
        html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
        has = html.count("assets/javascripts/flow.js"), html.count("assets/stylesheets/flow.css")
        assert has == ((1, 1) if source in flows else (0, 0)), source


def test_flow_js_and_css_fit_the_budget() -> None:
    size = sum(len(gzip.compress((ROOT / p).read_bytes(), 9)) for p in
               ("docs/assets/javascripts/flow.js", "docs/assets/stylesheets/flow.css"))
    assert size <= 8 * 1024, f"flow.js + flow.css gzipped: {size} bytes"


def test_flow_js_uses_no_eval_and_no_inline_handlers() -> None:
    js = (ROOT / "docs/assets/javascripts/flow.js").read_text(encoding="utf-8")
    assert not re.search(r"\beval\(|new Function|innerHTML|setAttribute\(\"on", js)
    template = (ROOT / "overrides/partials/guide-flow.html").read_text(encoding="utf-8")
    assert not re.search(r"<script>|\son[a-z]+=", template)


# ── The committed review table ──────────────────────────────────────────────


def test_paths_table_is_up_to_date() -> None:
    diff = flow_paths.stale_diff()
    assert diff == "", f"{flow_paths.TABLE.relative_to(ROOT)} is stale. Regenerate it with: {flow_paths.COMMAND}\n{diff}"


def test_paths_table_check_fails_with_a_diff_and_the_command(project: Path) -> None:
    edit(project / "docs/decide/flows/hiring.yml", "so we rarely do it\n        next: deploy-team\n",
         "so we rarely do it\n        next: ml-first\n")
    result = subprocess.run([sys.executable, "scripts/flow_paths.py", "--check"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "-| " in result.stdout and "+| " in result.stdout and "(`ml-first`)" in result.stdout
    assert "Regenerate it with: .venv/bin/python scripts/flow_paths.py" in result.stderr
    subprocess.run([sys.executable, "scripts/flow_paths.py"], cwd=project, check=True, capture_output=True)
    again = subprocess.run([sys.executable, "scripts/flow_paths.py", "--check"], cwd=project,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr


def test_paths_table_covers_every_path() -> None:
    text = flow_paths.TABLE.read_text(encoding="utf-8")
    for path in sorted(FLOWS.glob("*.yml")):
        flow = tree.load_flow(path)
        assert f"{tree.analyse(flow).route_total:,} paths" in text
        for outcome in flow.outcomes:
            assert f"(`{outcome.id}`)" in text


def test_a_link_to_an_id_its_page_lacks_stops_the_build(project: Path) -> None:
    path = project / "docs/decide/flows/hiring.yml"
    line = edit(path, "      - page: faq.md#only-llm-apis\n", "      - page: faq.md#only-llm-api\n")
    edit(project / "docs/decide/flows/fr/hiring.yml", "      - page: faq.md#only-llm-apis\n",
         "      - page: faq.md#only-llm-api\n")  # the translation follows, or its check stops the build first
    assert_clean_failure(build(project), f"docs/decide/flows/hiring.yml:{line} (node 'llmops'): the link points at "
                         "'#only-llm-api' on faq.md, and the page has no element with that id.",
                         "perhaps 'faq.md#only-llm-apis'")
