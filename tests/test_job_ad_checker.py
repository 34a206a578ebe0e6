"""The "Check a job ad" tool: the rules as data (schema and checks with file:line and the fix,
one test per duty rule and per title rule, through the browser's own reader run by Node), the
example ads of tests/data/job-ads/ (written for the project), the one Markdown escaper in
Python and JavaScript, the built page, and the page in Chromium: the data contract, hostile
input shown inert, the report, no JavaScript, print, axe light and dark at 1280 and 390 px."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from conftest import Project, assert_build_failed_cleanly, describe_violations, page_url_path, run_axe
from guide import job_ads, kits
from guide.core.markdown_text import escape
from guide.core.problems import ProblemError
from job_ad_reader import ADS, DOCS, EXPECTED, browser_rules, long_ad, rules_of, run_reader

PAGE = "hiring/check-job-ad.md"
# ── The rules ───────────────────────────────────────────────────────────────

DUTY_RULES = [(lang, rule) for lang in (None, "fr") for rule in rules_of(lang).duty_rules]


@pytest.mark.unit
@pytest.mark.parametrize(("language", "rule"), DUTY_RULES,
                         ids=[f"{lang or 'en'}-{rule.id}" for lang, rule in DUTY_RULES])
def test_jobad_each_duty_rule_labels_its_examples(language: str | None, rule: job_ads.DutyRule) -> None:
    """Each rule's examples, pasted under a duties heading, get the rule's label and show words."""
    lang = language or "en"
    heading = "What you will do" if lang == "en" else "Vos responsabilités"
    results = run_reader([{"language": lang, "text": f"{heading}\n- {example}", "title": "x"}
                          for example in rule.examples])
    for example, result in zip(rule.examples, results, strict=True):
        [duty] = result["duties"]
        assert duty["label"] == rule.label, f"{rule.id}: {example!r} -> {duty}"
        assert duty["words"], example


TITLE_RULES = [(lang, title) for lang in (None, "fr") for title in rules_of(lang).titles]


@pytest.mark.unit
@pytest.mark.parametrize(("language", "title"), TITLE_RULES,
                         ids=[f"{lang or 'en'}-{title.id}" for lang, title in TITLE_RULES])
def test_jobad_each_title_rule_reads_its_examples(language: str | None, title: job_ads.TitleRule) -> None:
    results = run_reader([{"language": language or "en", "title_only": example} for example in title.examples])
    for example, reading in zip(title.examples, results, strict=True):
        assert reading["main"] == [title.role], f"{example!r} -> {reading}"


@pytest.mark.unit
def test_jobad_a_parenthesis_is_the_specialism_and_french_endings_are_not() -> None:
    en, fr = run_reader([{"language": "en", "title_only": "ML Engineer (MLOps)"},
                         {"language": "fr", "title_only": "Ingénieur(e) en apprentissage automatique (MLOps)"}])
    assert en["main"] == ["ml-engineer"] and en["qualifier"] == ["mlops-engineer"]
    assert fr["main"] == ["ml-engineer"] and fr["qualifier"] == ["mlops-engineer"]


@pytest.mark.unit
def test_jobad_the_verb_and_its_object_decide() -> None:
    """Running experiments is ML work; letting data scientists run them is platform work; an
    evaluation harness is AI or ML work depending on what it evaluates."""
    lines = ["Run experiments on the pricing model.", "Let data scientists run experiments on their own.",
             "Build an evaluation harness for the chatbot's answers.",
             "Build an evaluation harness that compares churn models."]
    results = run_reader([{"language": "en", "text": "Responsibilities\n" + line, "title": "x"} for line in lines])
    assert [r["duties"][0]["label"] for r in results] == ["ml-engineer", "mlops-engineer", "ai-engineer", "ml-engineer"]


@pytest.mark.unit
def test_jobad_words_match_whole_not_inside_other_words() -> None:
    """A term is a whole word: "rag" is not found in "storage", "etl" not in "settle"."""
    [result] = run_reader([{"language": "en", "title": "x",
                            "text": "Responsibilities\nSettle storage questions with the finance team."}])
    assert [(d["label"], d["words"]) for d in result["duties"]] == [("other", [])]


@pytest.mark.unit
def test_jobad_folding_is_the_same_in_python_and_javascript() -> None:
    samples = ["Déployer l'inférence", "CI/CD", "A/B tests", "C++ and C#", "Œuvre", "ÉTL", "façade", "naïve"]
    assert run_reader([{"fold": s} for s in samples]) == [
        " ".join(x for x in "".join(c if c.strip() else " " for c in folded).split(" ")) for folded in
        [_fold_same_length(s) for s in samples]]


def _fold_same_length(text: str) -> str:
    """Python's fold, keeping one character for one (as the browser does), for the comparison."""
    return "".join(job_ads.fold(c) or " " for c in text)


@pytest.mark.unit
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_jobad_example_ads(name: str) -> None:
    expected = EXPECTED[name]
    [result] = run_reader([{"language": expected["language"], "text": (ADS / name).read_text(encoding="utf-8"),
                            "where": expected.get("where", {"province": "", "size": "", "date": "2026-03-02"})}])
    got = {"role": result["verdict"]["role"], "title": result["title_match"]["match"],
           "unicorn": "yes" if result["verdict"]["unicorn"] else "no"}
    assert got == {k: expected[k] for k in ("role", "title", "unicorn")}, result["duties"]
    statuses = {q["id"]: q["status"] for q in result["questions"]}
    for check, status in expected.get("checks", {}).items():
        assert statuses[check] == status, (check, result["questions"])
    notes = {q["id"]: q["note"]["key"] for q in result["questions"]}
    for check, key in expected.get("notes", {}).items():
        assert notes[check] == key, (check, result["questions"])
    if "reason" in expected:
        assert result["verdict"]["reason"] == expected["reason"]
    if "deep" in expected:
        assert sorted(result["verdict"]["deep"]) == expected["deep"]
    if "named" in expected:
        assert sorted(result["title_match"]["named"]) == expected["named"]
    if "duties" in expected:
        assert len(result["duties"]) == expected["duties"], result["lines"]


@pytest.mark.unit
def test_jobad_headings_blurb_requirements_and_benefits_are_not_duties() -> None:
    [result] = run_reader([{"language": "en", "text": (ADS / "ml-engineer.txt").read_text(encoding="utf-8")}])
    kinds = [line["kind"] for line in result["lines"]]
    # The pay line after the "What you bring" list is read on its own: pay, not a requirement.
    assert kinds.count("duty") == 5 and "blurb" in kinds and kinds.count("requirement") == 2
    assert kinds[-1] == "benefit" and result["lines"][-1]["text"].startswith("Pay:")
    assert result["title"]["text"] == "Machine Learning Engineer"


@pytest.mark.unit
def test_jobad_posting_questions_follow_province_size_and_date() -> None:
    text = "MLOps Engineer\nResponsibilities\n- Deploy models.\n- Watch live models for drift."
    cases = [{"language": "en", "text": text, "where": where} for where in (
        {"province": "on", "size": "large", "date": "2026-03-02"},
        {"province": "on", "size": "small", "date": "2026-03-02"},
        {"province": "on", "size": "large", "date": "2025-06-01"},
        {"province": "", "size": "", "date": "2026-03-02"},
        {"province": "bc", "size": "", "date": "2026-03-02"},
        {"province": "qc", "size": "", "date": "2026-03-02"})]
    statuses = [{q["id"]: q["status"] for q in r["questions"]} for r in run_reader(cases)]
    assert statuses[0]["pay-range"] == "flag" and statuses[0]["ontario-vacancy"] == "flag"
    assert statuses[1]["pay-range"] == "ok" and statuses[1]["ontario-vacancy"] == "ok"  # under 25 employees
    assert statuses[2]["ontario-vacancy"] == "ok"  # before 1 January 2026
    assert statuses[3]["pay-range"] == "ask" and statuses[3]["quebec-french"] == "ask"
    assert statuses[4]["pay-range"] == "flag" and statuses[4]["ontario-vacancy"] == "ok"
    assert statuses[5]["quebec-french"] == "ask" and statuses[5]["pay-range"] == "ok"


ONTARIO = {"province": "on", "size": "large", "date": "2026-03-02"}
DUTIES = "MLOps Engineer\nResponsibilities\n- Deploy models.\n- Watch live models for drift.\n"


def _questions(language: str, lines: list[str], where: dict[str, str] = ONTARIO) -> list[dict[str, dict]]:
    """Each line added to a plain MLOps ad, read with `where`: the posting questions by id."""
    results = run_reader([{"language": language, "text": DUTIES + line, "where": where} for line in lines])
    return [{q["id"]: q for q in r["questions"]} for r in results]


@pytest.mark.unit
@pytest.mark.parametrize(("statement", "status"), [
    ("We use an AI tool to screen applications.", "ok"),
    ("AI-assisted screening is used to rank résumés.", "ok"),
    ("We do not use AI to screen, assess or select applicants.", "ok"),
    ("We build artificial intelligence tools for hospitals.", "flag"),  # the product's AI, not hiring
    ("Our AI platform helps hospitals.", "flag"),
])
def test_jobad_ai_screening_needs_an_ai_word_and_a_hiring_word_in_one_sentence(statement: str, status: str) -> None:
    [questions] = _questions("en", [statement])
    assert questions["ontario-ai-screening"]["status"] == status, questions["ontario-ai-screening"]


@pytest.mark.unit
def test_jobad_ai_in_the_duties_is_not_a_screening_disclosure() -> None:
    [questions] = _questions("en", ["- Build AI models that rank job candidates for our customers."])
    assert questions["ontario-ai-screening"]["status"] == "flag"


@pytest.mark.unit
@pytest.mark.parametrize(("statement", "status"), [
    ("Canadian experience is required.", "flag"),
    ("Canadian experience is an asset.", "flag"),
    ("Experience working in the Canadian market is required.", "flag"),
    ("Canadian experience is not required.", "ok"),
    ("We do not require Canadian experience.", "ok"),
    ("Experience with Canadian privacy law is an asset.", "ok"),  # a skill, not Canadian experience
])
def test_jobad_canadian_experience_reads_negation_and_skills(statement: str, status: str) -> None:
    [questions] = _questions("en", [statement])
    assert questions["ontario-canadian-experience"]["status"] == status, questions["ontario-canadian-experience"]


@pytest.mark.unit
@pytest.mark.parametrize("statement", ["This posting is for a current opening.", "We are hiring to fill a vacant position.",
                                       "This is a new role.", "This posting is for future opportunities."])
def test_jobad_a_vacancy_statement_in_other_words(statement: str) -> None:
    [questions] = _questions("en", [statement])
    assert questions["ontario-vacancy"]["status"] == "ok", statement


@pytest.mark.unit
@pytest.mark.parametrize(("statement", "pay", "width"), [
    ("Salary: starting at $125,000.", ("flag", "pay_open"), "range_none"),
    ("Pay: up to $145,000 a year.", ("flag", "pay_open"), "range_none"),
    ("Base salary: $125,000+", ("flag", "pay_open"), "range_none"),
    ("Learning budget of $1,500 and a $500 home-office stipend.", ("flag", "not_found"), "range_none"),
    ("Salary: $150-$175K.", ("ok", "pay_found"), "range_ok"),
    ("Salary: 120,000 - 170,000 CAD", ("ok", "pay_found"), "range_ok"),
    ("Salary: CAD 120,000–150,000", ("ok", "pay_found"), "range_ok"),
    ("Salary: 120,000 - 180,000", ("ok", "pay_found"), "range_wide"),
    ("Signing bonus of $5,000 to $40,000. Salary: $110,000 to $200,000.", ("ok", "pay_found"), "range_wide"),
    ("Pay: $120,000 a year.", ("ok", "pay_found"), "range_none"),
])
def test_jobad_pay_figures_ranges_and_open_ends(statement: str, pay: tuple[str, str], width: str) -> None:
    [questions] = _questions("en", [statement])
    assert (questions["pay-range"]["status"], questions["pay-range"]["note"]["key"]) == pay, questions["pay-range"]
    assert questions["ontario-range-width"]["note"]["key"] == width, questions["ontario-range-width"]


@pytest.mark.unit
def test_jobad_remote_anywhere_in_canada_brings_every_provinces_questions() -> None:
    bc = {"province": "bc", "size": "large", "date": "2026-03-02"}
    [remote, office] = _questions("en", ["This role is remote, open to people anywhere in Canada.", "Office in Vancouver."], bc)
    assert remote["ontario-vacancy"]["status"] == "ask" and remote["ontario-vacancy"]["remote"]
    assert remote["quebec-french"]["status"] == "ask"
    assert office["ontario-vacancy"]["status"] == "ok" and not office["ontario-vacancy"]["applies"]


@pytest.mark.unit
def test_jobad_french_posting_questions_read_negation_and_open_pay() -> None:
    [negated, required, opened, screened] = _questions("fr", [
        "L'expérience canadienne n'est pas requise.", "Une expérience canadienne est exigée.",
        "Salaire : à partir de 110 000 $ par année.", "Nous utilisons un outil d'IA pour trier les candidatures."])
    assert negated["ontario-canadian-experience"]["status"] == "ok"
    assert required["ontario-canadian-experience"]["status"] == "flag"
    assert opened["pay-range"]["note"]["key"] == "pay_open"
    assert screened["ontario-ai-screening"]["status"] == "ok"


@pytest.mark.unit
def test_jobad_ontario_ranges() -> None:
    where = {"province": "on", "size": "large", "date": "2026-03-02"}
    texts = ["Pay: $100,000 to $160,000 a year.", "Pay: $120,000 - $150,000.", "Pay: $210,000 to $290,000.",
             "Salaire : de 120 000 $ à 180 000 $ par année."]
    results = run_reader([{"language": "en", "title": "x", "text": t, "where": where} for t in texts])
    width = [next(q for q in r["questions"] if q["id"] == "ontario-range-width") for r in results]
    assert [(q["status"], q["note"]["key"]) for q in width] == [
        ("flag", "range_wide"), ("ok", "range_ok"), ("ok", "range_exempt"), ("flag", "range_wide")]


@pytest.mark.unit
def test_jobad_control_characters_and_a_megabyte_are_read_safely() -> None:
    big = ("Deploy models to production and watch them for drift.\n" * 20000)[:1_048_576]
    hostile = "ML\u202eEngineer\x00\nResponsibilities\n- Train\x07 models\u2066 that predict churn.\x1b[31m"
    started = time.perf_counter()
    big_result, hostile_result = run_reader([{"language": "en", "text": big}, {"language": "en", "text": hostile}])
    assert time.perf_counter() - started < 20
    assert big_result["cut"] is True
    assert hostile_result["duties"][0]["label"] == "ml-engineer"
    assert all(ord(c) >= 32 and c not in "\u202e\u2066" for line in hostile_result["lines"] for c in line["text"])


@pytest.mark.unit
def test_jobad_every_role_example_gets_its_role() -> None:
    for language in (None, "fr"):
        rules = rules_of(language)
        heading = "Responsibilities" if language is None else "Responsabilités"
        for role in rules.roles:
            results = run_reader([{"language": language or "en", "title": "x", "text": f"{heading}\n- {example}"}
                                  for example in role.examples])
            assert [r["duties"][0]["label"] for r in results] == [role.id] * len(role.examples), role.id


# ── The one Markdown escaper, in Python and in the browser ─────────────────

ESCAPE_CASES = ["plain words", "*bold* _it_ `code`", "<script>alert(1)</script>", "# heading", "- item", "+ item",
                "1. first", "12) twelve", "[x] done", "[link](https://x)", "![img](x)", "[ref]: https://x",
                "a | b | c", "~~gone~~", "&amp; &#60; &x; & alone", "  indented\n\n    code", "line\r\nline\rline",
                "back\\slash", "]( ][ ]:", "= setext", "C# and F#", "$5 to $10", "Über résumé", "#42", ""]


@pytest.mark.unit
def test_jobad_the_javascript_escaper_is_the_python_one() -> None:
    import random
    rng = random.Random(20)
    alphabet = "ab *_`<>|~#[]()!:&;\\-+=.)0123456789xX \t\n\r"
    fuzz = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(400)]
    cases = ESCAPE_CASES + fuzz
    assert run_reader([{"escape": c} for c in cases]) == [escape(c) for c in cases]


# ── Build-time checks: file, line and the fix ──────────────────────────────


def copy_rules(tmp_path: Path, old: str, new: str, language: str | None = None) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "job-ads", docs / "job-ads")
    shutil.copytree(DOCS / "kits", docs / "kits")
    path = job_ads.rules_path(docs, language)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return docs


def problems_of(docs: Path, language: str | None = None) -> str:
    with pytest.raises(ProblemError) as info:
        job_ads.load_edition(docs, language, display_root=docs.parent)
    return str(info.value)


@pytest.mark.unit
def test_jobad_a_misspelt_key_names_file_line_and_fix(tmp_path: Path) -> None:
    docs = copy_rules(tmp_path, "    reason: Building and training", "    reasons: Building and training")
    message = problems_of(docs)
    line = (docs / "job-ads/rules.yml").read_text(encoding="utf-8").split("\n").index(
        "    reasons: Building and training the models themselves is the core of ML engineering.") + 1
    assert f"docs/job-ads/rules.yml:{line} (node 'ml-train-models'): unknown key 'reasons'" in message
    assert "Fix: if you meant 'reason'" in message


@pytest.mark.unit
def test_jobad_an_unknown_label_a_bad_term_and_a_repeated_id(tmp_path: Path) -> None:
    docs = copy_rules(tmp_path, "    label: data-engineer\n", "    label: data-scientist\n")
    assert "is 'data-scientist', which is not allowed" in problems_of(docs)
    docs = copy_rules(tmp_path / "b", 'phrases: ["feature engineering",', 'phrases: ["fea*ture",')
    assert "has a '*' that does not end a word" in problems_of(docs)
    docs = copy_rules(tmp_path / "c", "  - id: ml-features-and-architecture", "  - id: ml-train-models")
    assert "two duty rules have the id 'ml-train-models'. Fix: give each duty rule its own id." in problems_of(docs)
    docs = copy_rules(tmp_path / "d", "language: fr", "language: en", "fr")
    assert "docs/job-ads/fr/rules.yml:6 (node 'language')" in problems_of(docs, "fr")


@pytest.mark.unit
def test_jobad_a_question_must_cite_checklist_rules_and_a_role_a_kit(tmp_path: Path) -> None:
    docs = copy_rules(tmp_path, "rules: [on-vacancy]", "rules: [on-vacancies]")
    rules, checklist = job_ads.load_edition(docs, None, display_root=tmp_path)
    found, _ = kits.load_kits(docs / "kits")
    problems = [str(p) for p in job_ads.reference_problems(rules, checklist, {k: v for k, v in found.items()
                                                                               if k != "ai-engineer"})]
    assert any("(node 'ontario-vacancy'): the question cites the checklist rule 'on-vacancies'" in p for p in problems)
    assert any("(node 'ai-engineer'): the role names the hiring kit 'ai-engineer', which does not exist." in p
               for p in problems)


@pytest.mark.unit
def test_jobad_the_french_rules_keep_the_originals_ids_and_labels(tmp_path: Path) -> None:
    assert job_ads.translation_problems(rules_of(None), rules_of("fr")) == []
    docs = copy_rules(tmp_path, "    label: ai-engineer\n    reason: Les invites", "    label: ml-engineer\n    reason: Les invites",
                      "fr")
    problems = job_ads.translation_problems(rules_of(None), job_ads.load_edition(docs, "fr", tmp_path)[0])
    assert len(problems) == 1 and "ai-prompts-and-tools" in str(problems[0])


@pytest.mark.build
def test_jobad_a_broken_rules_file_stops_the_build(project: Project) -> None:
    line = project.edit("docs/job-ads/rules.yml", "    weight: 3\n", "    weight: 9\n")
    assert_build_failed_cleanly(project.build(), f"docs/job-ads/rules.yml:{line}", "weight", "Bad job-ad checker rules")


# ── The built page ─────────────────────────────────────────────────────────


@pytest.mark.build
def test_jobad_page_without_javascript_is_a_checklist(site_dir: Path) -> None:
    from bs4 import BeautifulSoup
    for prefix, language in (("", None), ("fr/", "fr")):
        html = (site_dir / prefix / page_url_path(PAGE)).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        root = soup.select_one("[data-jobad]")
        assert root.select_one("[data-jobad-tool]").has_attr("hidden")
        manual = root.select_one(".guide-jobad__manual")
        rules = rules_of(language)
        for role in rules.roles:
            assert role.name in manual.get_text() and all(e in manual.get_text() for e in role.examples)
        assert all(rule in manual.get_text(" ") for rule in rules.title_rules)
        sources = {a["href"].split("#")[1] for a in manual.select("a[href*='sources.html#']")}
        assert sources == {c["source"] for q in browser_rules()[language or "en"]["posting"]["questions"]
                           for c in q["cited"]}
        data = json.loads(root.select_one("script[data-jobad-rules]").string)
        assert data["language"] == (language or "en")
        assert "<" not in root.select_one("script[data-jobad-rules]").string


@pytest.mark.build
def test_jobad_search_finds_the_page(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]
             if all(word in (doc["title"] + " " + doc["text"]).lower() for word in ("job", "ad"))}
    assert page_url_path(PAGE) in pages
    for words in ("job description", "title"):
        assert any(words in (doc["title"] + " " + doc["text"]).lower() for doc in index["docs"]
                   if doc["location"].startswith(page_url_path(PAGE))), words


# ── In Chromium ────────────────────────────────────────────────────────────


def open_checker(page, base_url: str, prefix: str = "") -> None:
    page.goto(base_url + prefix + page_url_path(PAGE), wait_until="load")
    page.wait_for_selector("[data-jobad-ready]", state="attached")


def check(page, text: str, title: str = "") -> None:
    page.fill("[data-jobad-input]", text)
    page.fill("[data-jobad-title]", title)
    page.click('[data-jobad-action="check"]')
    page.wait_for_selector("[data-jobad-result]:not([hidden])")


@pytest.mark.browser
def test_jobad_contract_on_a_platform_ad_titled_ml_engineer(page, watch, base_url: str) -> None:
    open_checker(page, base_url)
    check(page, (ADS / "platform-as-ml.txt").read_text(encoding="utf-8"))
    result = page.locator("[data-jobad-result]")
    assert result.get_attribute("data-jobad-role") == "mlops-engineer"
    assert result.get_attribute("data-jobad-title-match") == "no"
    assert result.get_attribute("data-jobad-unicorn") == "no"
    assert page.locator('[data-jobad-line="mlops-engineer"]').count() == 5
    assert page.locator("[data-jobad] [data-jobad-check]").count() == len(rules_of(None).posting.questions)
    assert set(page.locator("[data-jobad-check]").evaluate_all("els => els.map(e => e.dataset.jobadStatus)")) <= {
        "ok", "ask", "flag"}
    todo = page.locator("[data-jobad-todo]").inner_text()
    assert "Retitle the ad: MLOps engineer." in todo
    assert page.locator("[data-jobad-todo] a").get_attribute("href") == "../hiring-kits/mlops-engineer.html"
    page.wait_for_function("() => document.querySelector('[data-jobad-announce]').textContent.startsWith('Checked.')")
    # The title field wins over the first line; the check runs as the text changes.
    page.fill("[data-jobad-title]", "MLOps Engineer")
    page.wait_for_function("() => document.querySelector('[data-jobad-result]').dataset.jobadTitleMatch === 'yes'")
    assert watch.foreign_requests(base_url) == [] and watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_jobad_advice_for_other_work_and_for_a_unicorn_of_three(page, watch, base_url: str) -> None:
    """Two model duties among eight is not an ML engineer's job, whatever the title; a unicorn of
    three roles is told to split into three postings, not the first two the rules list."""
    open_checker(page, base_url)
    check(page, (ADS / "mostly-other-work.txt").read_text(encoding="utf-8"))
    result = page.locator("[data-jobad-result]")
    assert result.get_attribute("data-jobad-role") == "unclear"
    assert result.get_attribute("data-jobad-title-match") == "partly"
    verdicts = result.inner_text()
    assert "Most of the duties are other work" in verdicts and "ML engineering 33%, other work 67%" in verdicts
    todo = page.locator("[data-jobad-todo]").inner_text()
    assert "Decide what the job is." in todo and "Keep the title" not in todo and "Say what the person" not in todo
    check(page, (ADS / "unicorn-tie.txt").read_text(encoding="utf-8"))
    todo = page.locator("[data-jobad-todo]").inner_text()
    assert "Split it into one posting per role: " in todo
    for title in ("ML engineer", "MLOps engineer", "AI engineer"):
        assert title in todo
    assert page.locator("[data-jobad-todo] a").count() == 3
    # A software job with one duty each of three roles: one posting, its title sentence whole.
    check(page, (ADS / "review-03-swe-ml-mixed.txt").read_text(encoding="utf-8"))
    todo = page.locator("[data-jobad-todo]").inner_text()
    assert "Keep one posting for the main work" in todo and "Split" not in todo
    assert "names only some of the roles the duties mix" in page.locator("[data-jobad-result]").inner_text()
    check(page, (ADS / "review-03-swe-ml-mixed.txt").read_text(encoding="utf-8"), title="Research Scientist")
    verdicts = page.locator("[data-jobad-result]").inner_text()
    assert "; the duties mix ML engineering, MLOps and Data engineering." in verdicts
    assert "describe The duties" not in verdicts
    assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_jobad_a_question_that_does_not_apply_reads_na_and_a_flag_stands_out(page, base_url: str) -> None:
    open_checker(page, base_url)
    page.select_option("[data-jobad-province]", "on")
    page.select_option("[data-jobad-size]", "large")
    check(page, (ADS / "platform-as-ml.txt").read_text(encoding="utf-8"))
    quebec = page.locator('[data-jobad-check="quebec-french"]')
    assert quebec.get_attribute("data-jobad-status") == "ok"
    assert quebec.locator(".guide-jobad__status").inner_text() == "N/A"
    flags = page.locator('[data-jobad-check][data-jobad-status="flag"] .guide-jobad__status')
    assert flags.count() >= 1 and flags.first.inner_text() == "Flag"
    colours = flags.first.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours == ["rgb(183, 28, 28)", "rgb(255, 255, 255)"]


@pytest.mark.browser
def test_jobad_hostile_input_is_shown_inert(page, watch, base_url: str) -> None:
    open_checker(page, base_url)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = ("<img src=x onerror=alert(1)> ML Engineer\nResponsibilities\n"
               "- Train models <script>alert(2)</script> that predict churn.\n"
               "- Deploy models \u202e<b>bold</b>\x00 and watch them for drift.\n"
               "- [link](javascript:alert(3)) Run experiments on the churn model.\n")
    check(page, hostile)
    result = page.locator("[data-jobad-result]")
    assert result.locator("img, script, b, a[href^='javascript']").count() == 0
    assert "<script>alert(2)</script>" in page.locator("[data-jobad-lines]").inner_text()
    big = "Deploy models to production and watch them for drift. " * 18000  # about 1 MB
    page.evaluate("text => { const box = document.querySelector('[data-jobad-input]'); box.value = text; }", big)
    page.click('[data-jobad-action="check"]')
    page.wait_for_function("() => document.querySelector('[data-jobad-verdicts]').textContent.includes('Only the first')")
    assert dialogs == [] and watch.page_errors == [] and watch.foreign_requests(base_url) == []


@pytest.mark.browser
def test_jobad_report_copies_as_text_and_escaped_markdown(context, page, base_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    open_checker(page, base_url)
    check(page, "ML Engineer\nResponsibilities\n- Train *models* that <b>predict</b> churn.\n- Run experiments.\n")
    page.click('[data-jobad-copy="markdown"]')
    page.wait_for_function("() => document.querySelector('[data-jobad-copy-status]').textContent.endsWith('Markdown.')")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("# Job ad check\n")
    assert "- Train \\*models\\* that \\<b\\>predict\\</b\\> churn. — ML engineering" in markdown
    assert "[ML engineer](" + base_url + "hiring-kits/ml-engineer.html)" in markdown
    page.click('[data-jobad-copy="text"]')
    page.wait_for_function("() => document.querySelector('[data-jobad-copy-status]').textContent.endsWith('text.')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "- Train *models* that <b>predict</b> churn. — ML engineering" in text
    assert "Not legal advice." in text


@pytest.mark.browser
def test_jobad_french_page_reads_a_french_ad(page, watch, base_url: str) -> None:
    open_checker(page, base_url, "fr/")
    check(page, (ADS / "french-mlops.txt").read_text(encoding="utf-8"))
    result = page.locator("[data-jobad-result]")
    assert result.get_attribute("data-jobad-role") == "mlops-engineer"
    assert result.get_attribute("data-jobad-title-match") == "yes"
    assert "Les tâches décrivent" in page.locator("[data-jobad-verdicts]").inner_text()
    assert watch.page_errors == [] and watch.console_errors == []


@pytest.mark.browser
def test_jobad_without_javascript_shows_the_checklist_only(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + page_url_path(PAGE))
    assert page.locator("[data-jobad-tool]").is_hidden()
    assert page.locator(".guide-jobad__manual").is_visible()
    assert "Check an ad by hand" in page.locator("body").inner_text()
    context.close()


@pytest.mark.browser
def test_jobad_prints_the_results_and_checklist_without_controls(page, base_url: str) -> None:
    open_checker(page, base_url)
    check(page, (ADS / "unicorn.txt").read_text(encoding="utf-8"))
    assert page.locator("[data-jobad-result]").get_attribute("data-jobad-unicorn") == "yes"
    page.emulate_media(media="print")
    assert page.locator("[data-jobad-form]").is_hidden() and page.locator("[data-jobad-copy]:visible").count() == 0
    assert page.locator("[data-jobad-lines]").is_visible() and page.locator(".guide-jobad__manual").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_jobad_axe_finds_no_violations_with_results_shown(page, base_url: str, width: int, scheme: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    open_checker(page, base_url)
    check(page, (ADS / "unicorn.txt").read_text(encoding="utf-8"))
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
def test_jobad_keyboard_only(page, base_url: str) -> None:
    open_checker(page, base_url)
    page.focus("[data-jobad-input]")
    page.keyboard.insert_text((ADS / "ai-engineer.txt").read_text(encoding="utf-8"))
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.jobadAction") == "check":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-jobad-result]:not([hidden])")
    assert page.locator("[data-jobad-result]").get_attribute("data-jobad-role") == "ai-engineer"


@pytest.mark.browser
def test_jobad_reads_a_2000_word_ad_whole(page, base_url: str) -> None:
    """A 2,000-word ad is read to its end (scripts/bench.py times the same check: BENCHMARKS.md)."""
    open_checker(page, base_url)
    body, times = long_ad()
    assert len(body.split()) >= 2000
    check(page, body)
    assert page.locator("[data-jobad-result]").get_attribute("data-jobad-role") == "mlops-engineer"
    per_copy = run_reader([{"language": "en", "text": (ADS / "mlops-engineer.txt").read_text(encoding="utf-8")}])[0]
    assert page.locator("[data-jobad-line]").count() == times * len(per_copy["duties"])
