"""Hiring kits: the YAML and its checks (file:line messages, no traceback), escaping in HTML,
Markdown and plain text, the checklist's sources on the sources page, the kit link on a flow
outcome (no-JS text and flow.js's copied summary), and the kit pages in real Chromium:
every copy button in both formats, the download, axe-core light and dark at 1280 and 390 px."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup

import guide.flows as tree
from conftest import (
    ROOT,
    Project,
    assert_build_failed_cleanly,
    copy_project,
    describe_violations,
    page_url_path,
    run_axe,
    serve_folder,
)
from guide import kits

DATA = ROOT / "tests" / "data"
KITS_DIR = ROOT / "docs" / "kits"
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
SITE_URL = "https://example.org/"
KIT_IDS = ("ml-engineer", "mlops-engineer", "ai-engineer")
PARTS = [key for key, _ in kits.PARTS]


def load() -> tuple[dict[str, kits.Kit], kits.Checklist]:
    return kits.load_kits(KITS_DIR, display_root=ROOT)


def site(found: dict[str, kits.Kit] | None = None) -> kits.KitSite:
    real, checklist = load()
    return kits.KitSite(kits=found or real, checklist=checklist, env=ENV, sources_url=SITE_URL + "sources.html")


def convert(kit_site: kits.KitSite, source: str) -> str:
    return markdown.markdown(source, extensions=["pymdownx.superfences", kits.HiringKitExtension(site=kit_site)])


# ── The data ────────────────────────────────────────────────────────────────


@pytest.mark.unit
def test_every_role_has_a_kit_of_the_agreed_shape() -> None:
    found, checklist = load()
    assert set(found) == set(KIT_IDS)
    for kit in found.values():
        jd = kit.job_description
        assert 5 <= len(jd.responsibilities) <= 8
        assert any("unicorn" in item.lower() for item in jd.do_not_list), kit.id
        assert 3 <= len(kit.interview_loop.stages) <= 5
        assert 4 <= len(kit.scorecard.competencies) <= 6
        assert all(len(c.anchors) == 4 for c in kit.scorecard.competencies)
        assert kit.red_flags
    assert [j.name for j in checklist.jurisdictions] == ["British Columbia", "Prince Edward Island", "Ontario", "Quebec"]
    assert "not legal advice" in checklist.not_legal_advice.lower()


@pytest.mark.unit
def test_checklist_facts_carry_their_dates() -> None:
    _, checklist = load()
    rules = {j.name: [(r.since, r.text) for r in j.rules] for j in checklist.jurisdictions}
    assert tuple({s for s, t in rules["British Columbia"] if "remote" in t}) == ("2023-11-01", )
    assert any(s == "2023-05-11" and "paid by other employers" in t for s, t in rules["British Columbia"])
    assert {s for s, _ in rules["Prince Edward Island"]} == {"2022-06-01"}
    ontario = " ".join(t for _, t in rules["Ontario"])
    assert {s for s, _ in rules["Ontario"]} == {"2026-01-01"}
    for fact in ("$50,000", "$200,000", "artificial intelligence", "vacancy", "Canadian experience", "45 days",
                 "three years"):
        assert fact in ontario, fact
    assert "25 or more employees" in next(j.applies for j in checklist.jurisdictions if j.name == "Ontario")


@pytest.mark.build
def test_every_checklist_source_is_on_the_sources_page(site_dir: Path) -> None:
    """Each rule's source id is an element on the built sources page, and that entry names
    a source published by a government (the law or official guidance)."""
    _, checklist = load()
    page = BeautifulSoup((site_dir / "sources.html").read_text(encoding="utf-8"), "html.parser")
    for rule in (r for j in checklist.jurisdictions for r in j.rules):
        entry = page.find(id=rule.source)
        assert entry is not None, rule.source
        addresses = [a["href"] for a in entry.find_all("a", href=True)]
        assert any(re.match(r"https://[\w.]*(gov\.bc\.ca|princeedwardisland\.ca|ontario\.ca|legisquebec\.gouv\.qc\.ca)/",
                            href) for href in addresses), (rule.source, addresses)
    assert "Not legal advice" in page.get_text()


# ── Bad and hostile kits ────────────────────────────────────────────────────


def kit_problem(name: str) -> str:
    with pytest.raises(tree.ProblemError) as caught:
        kits.load_kit(DATA / "kits" / f"{name}.yml", f"tests/data/kits/{name}.yml")
    return str(caught.value)


def line_of(name: str, text: str) -> int:
    lines = (DATA / "kits" / f"{name}.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.unit
def test_a_misspelt_key_names_file_line_key_and_fix() -> None:
    message = kit_problem("bad-unknown-key")
    line = line_of("bad-unknown-key", "nice_to_hav:")
    assert (f"tests/data/kits/bad-unknown-key.yml:{line} (node 'job_description'): "
            "unknown key 'nice_to_hav' in job_description.") in message, message
    assert "if you meant 'nice_to_have', correct the spelling" in message


@pytest.mark.unit
def test_a_competency_needs_four_anchors() -> None:
    message = kit_problem("bad-anchors")
    assert "(node 'scorecard'): scorecard.competencies[1].anchors has 3 item(s); it needs at least 4." in message


@pytest.mark.unit
def test_checklist_with_a_bad_date_or_an_unlisted_source(tmp_path: Path) -> None:
    text = (KITS_DIR / kits.CHECKLIST_FILE).read_text(encoding="utf-8")
    bad = text.replace('since: "2022-06-01"', 'since: "2022-13-01"', 1).replace(
        "source: on-reg-476-24", "source: on-reg-999", 1)
    (tmp_path / kits.CHECKLIST_FILE).write_text(bad, encoding="utf-8")
    with pytest.raises(tree.ProblemError) as caught:
        kits.load_checklist(tmp_path / kits.CHECKLIST_FILE, "checklist.yml")
    message = str(caught.value)
    date_line = bad.splitlines().index('        since: "2022-13-01"') + 1
    assert f"checklist.yml:{date_line} (node 'Prince Edward Island'): '2022-13-01' is not a date." in message
    assert "the rule cites the source 'on-reg-999', which 'sources:' does not list." in message


@pytest.mark.unit
def test_html_and_markdown_in_kit_text_stay_text() -> None:
    hostile = kits.load_kit(DATA / "kits" / "html-in-text.yml")
    kit_site = site({"html-in-text": hostile})
    html = convert(kit_site, "/// hiring-kit | html-in-text\n///\n")
    page = BeautifulSoup(html, "html.parser")
    # The only scripts: the kit's JSON, guide.js and kit.js (no script element from the data).
    assert [s.get("src") or s.get("type") for s in page.find_all("script")] == [
        "application/json", "assets/javascripts/guide.js", "assets/javascripts/kit.js"]
    assert page.find("img") is None
    assert "<img src=x onerror=alert(2)>" in page.get_text()
    text = kits.kit_markdown(kit_site.texts, hostile, kit_site.checklist, sources_url=SITE_URL + "sources.html")
    assert "Hiring kit: \\<script\\>alert(1)\\</script\\> & \\*engineer\\*" in text
    assert "\\<img src=x onerror=alert(2)\\> \\[link\\](javascript:alert(3)) \\# not a heading \\| not a cell." in text
    data = json.loads(page.select_one("script[data-kit-data]").string)
    assert data["download"] == text  # the file kit.js saves is the one Python writes
    assert "<img src=x onerror=alert(2)> [link](javascript:alert(3))" in data["text"]["job-description"]
    assert "<img" not in page.select_one("script[data-kit-data]").string  # |tojson escapes '<'
    assert data["markdown"]["header"].startswith("# Hiring kit: \\<script\\>")


@pytest.mark.unit
@pytest.mark.parametrize(("value", "escaped"), [
    ("[Company]: https://example.org", "\\[Company\\]: https://example.org"),  # no reference definition
    ("[link](javascript:x) ![image](x.png) [a][b]", "\\[link\\](javascript:x) !\\[image\\](x.png) \\[a\\][b]"),
    ("a [b] c] [d", "a [b] c\\] \\[d"),                                # no bracket left unbalanced
    ("[x] done", "\\[x] done"),                                        # no task box
    ("# one\n## two", "\\# one \\#\\# two"),                        # every line, not only the first: one line
    ("a\n- item\n+ item\n12. item\n3) item", "a \\- item \\+ item 12\\. item 3\\) item"),
    ("a\n===\n---", "a \\=== \\---"),                               # no setext heading, no rule
    ("a\n\n    code", "a code"),                                       # no new paragraph, no code block
    ("<b>x</b> &amp; & > q", "\\<b\\>x\\</b\\> \\&amp; & \\> q"),
    ("`c` *e* _u_ ~s~ a|b \\", "\\`c\\` \\*e\\* \\_u\\_ \\~s\\~ a\\|b \\\\"),
    ("[Company] is hiring in [location].", "[Company] is hiring in [location]."),  # placeholders stay readable
])
def test_one_markdown_escaper_leaves_data_no_structure(value: str, escaped: str) -> None:
    """The escaper behind every copied Markdown (kits and flows): each line of a value stays
    text, and the value is one line (it may land in a heading)."""
    from guide.core.markdown_text import escape

    assert escape(value) == escaped
    assert kits.md_escape(value) == escaped


@pytest.mark.unit
def test_block_problems_name_the_page_line() -> None:
    kit_site = site()
    kit_site.page = tree.PageContext("docs/x.md", lambda path: path)
    convert(kit_site, "Intro.\n\n/// hiring-kit | mlops-enginer\n///\n\n/// hiring-kit\n///\n")
    assert [str(p) for p in kit_site.problems] == [
        "docs/x.md:3: the block names the kit 'mlops-enginer', which does not exist. Fix: name an existing kit "
        "(perhaps 'mlops-engineer'): ai-engineer, ml-engineer, mlops-engineer; or add docs/kits/mlops-enginer.yml.",
        "docs/x.md:6: the hiring-kit block names no kit. Fix: write '/// hiring-kit | <kit id>' with one of: "
        "ai-engineer, ml-engineer, mlops-engineer."]
    fenced = convert(site(), "```\n/// hiring-kit | ml-engineer\n///\n```\n")
    assert "data-kit=" not in fenced
    kit_site = site()
    kit_site.page = tree.PageContext("docs/y.md", lambda path: path, first_line=4)
    convert(kit_site, "/// hiring-kits | ml-engineer\n///\n\nText.\n\n/// hiring-kit | ai-engineer\n\nSwallowed.\n")
    assert [str(p) for p in kit_site.problems] == [
        "docs/y.md:9: the hiring-kit block is never closed, so everything after it would be swallowed. "
        "Fix: put '///' on the line after '/// hiring-kit | ai-engineer'.",
        "docs/y.md:4: '/// hiring-kits | ml-engineer' looks like a kit block but is not one. "
        "Fix: write '/// hiring-kit | <kit id>' on a line of its own, then '///' on the next line."]


@pytest.mark.build
def test_a_broken_kit_stops_the_build_with_file_line_and_key(project: Project) -> None:
    kit = "docs/kits/mlops-engineer.yml"
    line = project.edit(kit, "\n  must_have:", "\n  must_haves:") + 1
    assert_build_failed_cleanly(project.build(), f"{kit}:{line}", "Bad hiring kit",
                                f"{kit}:{line} (node 'job_description'): unknown key 'must_haves'")


@pytest.mark.build
def test_an_outcome_naming_a_missing_kit_stops_the_build(project: Project) -> None:
    flow = (DATA / "kit-flows" / "kitdemo.yml").read_text(encoding="utf-8")
    for path in ("docs/decide/flows/kitdemo.yml", "docs/decide/flows/fr/kitdemo.yml"):  # the French twin: parity holds
        (project / path).write_text(flow, encoding="utf-8")
        line = project.edit(path, "kit: mlops-engineer", "kit: mlops-enginer")
    where = f"docs/decide/flows/kitdemo.yml:{line}"
    assert_build_failed_cleanly(project.build(), where,
                                f"{where} (node 'hire-mlops'): the outcome names the hiring kit 'mlops-enginer', "
                                "which does not exist.", "(perhaps 'mlops-engineer')")


@pytest.mark.unit
def test_kit_and_kit_none_together_is_an_error(tmp_path: Path) -> None:
    flow = (DATA / "kit-flows" / "kitdemo.yml").read_text(encoding="utf-8")
    (tmp_path / "kitdemo.yml").write_text(flow.replace("    kit_none:", "    kit: ml-engineer\n    kit_none:"),
                                          encoding="utf-8")
    with pytest.raises(tree.ProblemError, match="the outcome has both 'kit' and 'kit_none'"):
        tree.load_flow(tmp_path / "kitdemo.yml")


# ── A flow outcome's kit link, in a real build and in Chromium ──────────────


@pytest.fixture(scope="module")
def kit_flow_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with the fixture flow (outcomes with kit, kit_note and kit_none) on a page in the nav."""
    project = copy_project(tmp_path_factory.mktemp("kitflow") / "project")
    # The same flow, page and nav title in French too (the build checks both languages' parity).
    shutil.copy(DATA / "kit-flows" / "kitdemo.yml", project / "docs/decide/flows/kitdemo.yml")
    shutil.copy(DATA / "kit-flows" / "kitdemo.yml", project / "docs/decide/flows/fr/kitdemo.yml")
    page = ("---\ndescription: A fixture page that shows a flow whose outcomes link to the hiring kits, for the tests.\n"
            "---\n\n# Which kit fixture\n\n/// guide-flow | kitdemo\n///\n")
    for name in ("kitdemo.md", "kitdemo.fr.md"):
        (project / "docs/decide" / name).write_text(page, encoding="utf-8")
    project.edit("mkdocs.yml", '      - "Which role do we need?": decide/hiring.md',
                 '      - "Which role do we need?": decide/hiring.md\n      - Kit fixture: decide/kitdemo.md')
    project.edit("mkdocs.yml", "            Hiring: Embauche\n",
                 "            Hiring: Embauche\n            Kit fixture: Trousse test\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.build
def test_outcome_links_to_its_kit_without_javascript(kit_flow_site: Path) -> None:
    page = BeautifulSoup((kit_flow_site / "decide/kitdemo.html").read_text(encoding="utf-8"), "html.parser")
    kit = page.select_one('[data-node="hire-mlops"] [data-flow-kit]')
    link = kit.select_one("a[data-flow-kit-link]")
    assert link["href"] == "../hiring-kits/mlops-engineer.html"
    assert link.get_text() == "Hiring kit: MLOps engineer"
    assert kit.select_one("[data-flow-kit-note]").get_text() == (
        "Weight the interviews toward release and rollback work <b>now</b>.")
    assert page.select_one('[data-node="take-stock"] [data-flow-kit-none]').get_text().startswith("No kit yet")
    french = BeautifulSoup((kit_flow_site / "fr/decide/kitdemo.html").read_text(encoding="utf-8"), "html.parser")
    link = french.select_one('[data-node="hire-mlops"] a[data-flow-kit-link]')
    assert link["href"] == "../hiring-kits/mlops-engineer.html"  # fr/hiring-kits/: the French twin
    assert link.get_text() == "Trousse d'embauche\u00a0: ingénieur ou ingénieure MLOps"


@pytest.mark.browser
def test_copied_summary_carries_the_kit_link(context, page, kit_flow_site: Path) -> None:
    with serve_folder(kit_flow_site) as url:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        page.goto(url + "decide/kitdemo.html#kitdemo/1", wait_until="load")
        page.wait_for_selector("[data-flow-ready]", state="attached")
        page.locator('[data-flow-action="copy-summary"]').click()
        page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent !== ''")
        summary = page.evaluate("navigator.clipboard.readText()")
        kit_url = url + "hiring-kits/mlops-engineer.html"
        assert (f"\n\nHiring kit:\nHiring kit: MLOps engineer: {kit_url}\n"
                "Weight the interviews toward release and rollback work <b>now</b>.\n") in summary
        page.locator('[data-flow-action="copy-markdown"]').click()
        page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent.includes('Markdown')")
        markdown_text = page.evaluate("navigator.clipboard.readText()")
        assert (f"**Hiring kit**\n\n[Hiring kit: MLOps engineer]({kit_url})\n\n"
                "Weight the interviews toward release and rollback work \\<b\\>now\\</b\\>.") in markdown_text
        page.goto(url + "decide/kitdemo.html#kitdemo/2", wait_until="load")
        page.locator('[data-flow-action="copy-summary"]').click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t.includes('No kit yet'))")


# ── The kit pages in Chromium ───────────────────────────────────────────────


def open_kit(page, base_url: str, kit_id: str) -> None:
    page.goto(base_url + page_url_path(f"hiring-kits/{kit_id}.md"), wait_until="load")
    page.wait_for_selector("[data-kit-ready]", state="attached")


@pytest.mark.browser
@pytest.mark.parametrize("part", PARTS)
def test_copy_buttons_put_both_formats_on_the_clipboard(context, page, watch, base_url: str, part: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    open_kit(page, base_url, "mlops-engineer")
    found, checklist = load()
    kit_site = site()
    sources = "https://ml-vs-mlops.example.org/sources.html"
    expected_md = kits.part_text(kit_site.texts, found["mlops-engineer"], checklist, part, markdown=True, sources_url=sources)
    expected_text = kits.part_text(kit_site.texts, found["mlops-engineer"], checklist, part, markdown=False,
                                   sources_url=sources)
    section = page.locator(f'[data-kit-part="{part}"]')
    status = section.locator("[data-kit-status]")

    section.locator('[data-kit-copy="html"]').click()
    page.wait_for_function("el => el.textContent.startsWith('Copied')", arg=status.element_handle())
    assert status.get_attribute("role") == "status"
    assert section.locator('[data-kit-copy="html"]').inner_text() == "Copied"
    assert status.inner_text().endswith("as formatted text.")
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return {types: item.types, html: await (await item.getType('text/html')).text(),
                text: await (await item.getType('text/plain')).text()};
    }""")
    assert set(copied["types"]) >= {"text/html", "text/plain"}
    assert copied["text"] == expected_text
    html = BeautifulSoup(copied["html"], "html.parser")
    heading = section.locator("h2").inner_text()
    assert html.find("h2").get_text() == heading
    assert html.find(class_=True) is None and html.find("button") is None
    for link in html.find_all("a"):
        assert link["href"].startswith(base_url), link
    assert len(html.find_all("li")) == section.locator("[data-kit-content] li").count()

    section.locator('[data-kit-copy="markdown"]').click()
    page.wait_for_function("el => el.textContent.endsWith('as Markdown.')", arg=status.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == expected_md
    assert expected_md.startswith("## ")
    assert watch.foreign_requests(base_url) == [] and watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_download_holds_the_whole_kit(page, watch, base_url: str) -> None:
    open_kit(page, base_url, "ai-engineer")
    found, checklist = load()
    kit = found["ai-engineer"]
    with page.expect_download() as info:
        page.locator("[data-kit-download]").click()
    download = info.value
    assert download.suggested_filename == "ai-engineer-hiring-kit.md"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert saved == kits.kit_markdown(site().texts, kit, checklist, sources_url="https://ml-vs-mlops.example.org/sources.html")
    assert saved.startswith("# Hiring kit: AI engineer (LLM applications)\n")
    for heading in ("## Job description starter", "## Interview loop", "## Scorecard and red flags",
                    "## Posting checklist for Canada"):
        assert heading in saved
    for stage in kit.interview_loop.stages:
        assert f": {stage.name}" in saved
    for competency in kit.scorecard.competencies:
        assert f"### {competency.name}" in saved
    assert all(r.text.split()[0] in saved for j in checklist.jurisdictions for r in j.rules)
    page.wait_for_function("() => document.querySelector('[data-kit-status]').textContent"
                           " === 'Downloaded: ai-engineer-hiring-kit.md.'")
    assert watch.page_errors == []


@pytest.mark.browser
def test_french_kit_page_copies_and_downloads_in_french(context, page, watch, base_url: str) -> None:
    """The French twin shows the French kit; its buttons, their messages and the copied and
    downloaded text are in French (the downloaded file keeps the kit's id in its name)."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + "fr/" + page_url_path("hiring-kits/mlops-engineer.md"), wait_until="load")
    page.wait_for_selector("[data-kit-ready]", state="attached")
    assert page.locator("html").get_attribute("lang") == "fr"
    section = page.locator('[data-kit-part="scorecard"]')
    button, status = section.locator('[data-kit-copy="markdown"]'), section.locator("[data-kit-status]")
    assert button.inner_text() == "Copier en Markdown"
    assert button.get_attribute("aria-label") == "Copier en Markdown\u00a0: Grille d'évaluation et signaux d'alarme"
    section.locator('[data-kit-copy="html"]').click()
    page.wait_for_function("el => el.textContent.endsWith('en texte mis en forme.')", arg=status.element_handle())
    assert section.locator('[data-kit-copy="html"]').inner_text() == "Copié"
    assert status.inner_text() == "Copié\u00a0: Grille d'évaluation et signaux d'alarme, en texte mis en forme."
    button.click()
    page.wait_for_function("el => el.textContent.endsWith('en Markdown.')", arg=status.element_handle())
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("## Grille d'évaluation et signaux d'alarme\n")
    assert "Note (1 à 4)\u00a0: ____ Preuves\u00a0: ____" in copied
    with page.expect_download() as info:
        page.locator("[data-kit-download]").click()
    assert info.value.suggested_filename == "mlops-engineer-trousse-embauche.md"
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert saved.startswith("# Trousse d'embauche\u00a0: ingénieur ou ingénieure MLOps\n")
    assert "## Liste de vérification pour l'affichage de postes au Canada" in saved
    assert "**Ceci n'est pas un avis juridique.**" in saved and "Vérifié le 30 novembre 2026." in saved
    assert "/fr/sources.html#qc-charter-french-language" in saved
    page.wait_for_function("() => document.querySelector('[data-kit-status]').textContent"
                           " === 'Téléchargé\u00a0: mlops-engineer-trousse-embauche.md.'")
    assert watch.page_errors == [] and watch.console_errors == []


@pytest.mark.browser
def test_without_javascript_the_kit_is_readable_and_buttons_hidden(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + page_url_path("hiring-kits/ml-engineer.md"))
    assert page.locator("[data-kit-tools]").first.is_hidden()
    assert page.locator(".guide-kit button:visible, [data-kit-download]:visible").count() == 0
    for part in PARTS:
        assert page.locator(f'[data-kit-part="{part}"] [data-kit-content]').is_visible()
    assert "Stage 1: Screening call" in page.locator("body").inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kit_id", KIT_IDS)
def test_axe_finds_no_violations_on_kit_pages_on_a_phone(page, base_url: str, kit_id: str, scheme: str) -> None:
    """At 390 px; at the desktop width every kit page, English and French, is test_site.py's page test."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.emulate_media(color_scheme=scheme)
    open_kit(page, base_url, kit_id)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.browser
def test_kit_page_prints_without_controls(page, base_url: str, tmp_path: Path) -> None:
    open_kit(page, base_url, "mlops-engineer")
    page.emulate_media(media="print")
    assert page.locator("[data-kit-tools]").first.is_hidden()
    assert page.locator('[data-kit-copy]:visible').count() == 0
    assert page.locator('[data-kit-part="checklist"] [data-kit-content]').is_visible()
