"""The content pages (home, hiring by stage, careers, FAQ, sources) in the real built site:
what each must say and link to, the FAQ's structure, and the FAQ in Chromium (a #id in the
address opens that question; Tab + Enter opens a question)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import describe_violations, page_url_path, run_axe

OWN_PAGES = ["index.md", "hiring-by-stage.md", "careers.md", "faq.md", "sources.md"]

# The six questions of the Syndesus article's FAQ: id on our FAQ page -> its question.
SEED_QUESTIONS = {
    "main-difference": "What is the main difference between an ML engineer and an MLOps engineer?",
    "do-startups-need-both": "Do startups need both roles?",
    "can-one-person-do-both": "Can one person do both ML and MLOps?",
    "why-is-mlops-more-important": "Why is MLOps becoming more important?",
    "mlops-talent-canada": "Where is MLOps talent strongest in Canada?",
    "how-to-hire-the-right-role": "How can companies hire the right role?",
}
# Questions the teams who played through the flows asked (issue 10): id -> question.
LLM_ERA_QUESTIONS = {
    "ai-engineer": "What is an AI engineer, and how is it different from an ML engineer?",
    "only-llm-apis": "We only call LLM APIs: do we need either role?",
    "bought-an-ml-product": "We bought an ML product: who owns it?",
    "how-many-mlops-engineers": "How many MLOps engineers do we need for how many models?",
    "osfi-e-23": "We're a bank or insurer in Canada: what does OSFI E-23 mean for these roles?",
}
MIN_QUESTIONS = 12
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def soup_of(site_dir: Path, source: str) -> BeautifulSoup:
    """The built page of a Markdown source, parsed."""
    html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def article_of(soup: BeautifulSoup) -> Tag:
    """The page's own content (without navigation, header and footer)."""
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "no article.md-content__inner in the page"
    return article


def text_of(element: Tag) -> str:
    """Visible text with whitespace collapsed; a glossary term's <abbr> stays part of its
    sentence ("MLOps: ..." rather than "MLOps : ...")."""
    copy = BeautifulSoup(str(element), "html.parser")
    for abbr in copy.find_all("abbr"):
        abbr.unwrap()
    copy.smooth()
    return " ".join(copy.get_text(" ").split())


def heading_text(heading: Tag) -> str:
    """A heading's text without its permalink mark."""
    text = "".join(t for t in heading.find_all(string=True)
                   if not (t.parent and "headerlink" in t.parent.get("class", [])))
    return " ".join(text.split())  # a glossary term is an <abbr> inside the heading: join, then collapse


def faq_items(site_dir: Path) -> list[Tag]:
    return soup_of(site_dir, "faq.md").select("details.guide-faq")


def answer_text(details: Tag) -> str:
    """The answer: everything in the details except the question and the permalink."""
    parts = []
    for child in details.children:
        if isinstance(child, Tag):
            if child.name == "summary":
                continue
            if child.select_one(".guide-faq__permalink") is not None and len(child.contents) == 1:
                continue
            parts.append(text_of(child))
    return " ".join(p for p in parts if p)


# ── Every page I own ──────────────────────────────────────────────────────────

@pytest.mark.build
@pytest.mark.parametrize("source", OWN_PAGES)
def test_page_has_one_h1_and_a_plain_description(site_dir: Path, source: str) -> None:
    soup = soup_of(site_dir, source)
    h1s = soup.select("article h1")
    assert len(h1s) == 1, f"{source}: expected one h1, found {len(h1s)}"
    assert len(heading_text(h1s[0])) >= 10
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta is not None, f"{source}: no meta description"
    description = meta["content"]
    assert 70 <= len(description) <= 160, f"{source}: description is {len(description)} characters"
    assert "<" not in description and "*" not in description


@pytest.mark.build
@pytest.mark.parametrize("source", ["index.md", "hiring-by-stage.md", "careers.md", "faq.md"])
def test_page_has_no_pitch_and_names_the_sources_only_on_the_sources_page(site_dir: Path,
                                                                          source: str) -> None:
    text = text_of(article_of(soup_of(site_dir, source))).lower()
    for phrase in ["syndesus", "mlops now", "newsletter", "get in contact", "sign up", "vetted"]:
        assert phrase not in text, f"{source} mentions {phrase!r}"


# ── Home ──────────────────────────────────────────────────────────────────────

@pytest.mark.build
def test_home_links_to_every_entry_point(site_dir: Path) -> None:
    article = article_of(soup_of(site_dir, "index.md"))
    targets = {urlsplit(urljoin("https://x/index.html", a["href"])).path.lstrip("/")
               for a in article.select("a[href]")}
    for source in ["decide/hiring.md", "decide/career.md", "comparison.md", "faq.md", "offline.md"]:
        assert page_url_path(source) in targets, f"home has no link to {source}"
        assert (site_dir / page_url_path(source)).is_file()


@pytest.mark.build
def test_home_says_the_difference_and_who_it_is_for(site_dir: Path) -> None:
    text = text_of(article_of(soup_of(site_dir, "index.md")))
    first = text_of(article_of(soup_of(site_dir, "index.md")).find("p"))
    assert "ML engineer" in first and "MLOps engineer" in first
    assert len(re.findall(r"[.!?](\s|$)", first)) == 2, f"not two sentences: {first!r}"
    for reader in ["founders", "CTOs", "hiring managers", "recruiters", "choosing between the two careers"]:
        assert reader in text, f"home does not name {reader!r}"


@pytest.mark.build
def test_home_entry_points_are_grid_cards(site_dir: Path) -> None:
    cards = article_of(soup_of(site_dir, "index.md")).select(".grid.cards > ul > li")
    assert len(cards) >= 5
    assert all(card.select_one("a[href]") is not None for card in cards)


# ── Hiring by stage ───────────────────────────────────────────────────────────

@pytest.mark.build
def test_hiring_by_stage_covers_three_stages_and_the_mistakes(site_dir: Path) -> None:
    article = article_of(soup_of(site_dir, "hiring-by-stage.md"))
    h2s = [heading_text(h) for h in article.select("h2")]
    for stage in ["Early stage", "Growth stage", "Mature stage", "Common mistakes"]:
        assert any(h.startswith(stage) for h in h2s), f"no section for {stage!r}: {h2s}"
    h3s = [heading_text(h).lower() for h in article.select("h3")]
    assert any("one hire" in h for h in h3s)
    assert any("wrong time" in h for h in h3s)
    text = text_of(article)
    assert "Models with no path to production" in text
    assert "Infrastructure before knowing what to build" in text
    assert text.count("How to avoid it") >= 2


@pytest.mark.build
def test_hiring_by_stage_says_whom_to_hire_first_at_each_stage(site_dir: Path) -> None:
    table = article_of(soup_of(site_dir, "hiring-by-stage.md")).find("table")
    rows = {text_of(tr.find("td")): text_of(tr.find_all("td")[-1]) for tr in table.select("tbody tr")}
    assert rows["Early"] == "ML engineer"
    assert rows["Growth"] == "MLOps engineer"
    assert rows["Mature"].startswith("Both")


@pytest.mark.build
def test_hiring_by_stage_cites_both_maturity_models_with_every_level(site_dir: Path) -> None:
    text = text_of(article_of(soup_of(site_dir, "hiring-by-stage.md")))
    assert "MLOps: Continuous delivery and automation pipelines in machine learning" in text
    assert "Machine Learning operations maturity model" in text
    for level in ["0: Manual process", "1: ML pipeline automation", "2: CI/CD pipeline automation",
                  "0: No MLOps", "1: DevOps but no MLOps", "2: Automated training",
                  "3: Automated model deployment", "4: Full MLOps automated operations"]:
        assert level in text, f"maturity level {level!r} missing"


# ── Careers ───────────────────────────────────────────────────────────────────

@pytest.mark.build
def test_careers_matches_interests_and_explains_mlops_literacy(site_dir: Path) -> None:
    article = article_of(soup_of(site_dir, "careers.md"))
    h2s = [heading_text(h) for h in article.select("h2")]
    assert "Why an ML engineer needs MLOps literacy" in h2s
    assert "Typical starting points" in h2s
    table = article.find("table")
    prefers = {text_of(tr.find_all("td")[-1]) for tr in table.select("tbody tr")}
    assert prefers == {"ML engineering", "MLOps"}
    text = text_of(article)
    for start in ["computer science degree", "Software developer", "Data scientist", "maths"]:
        assert start in text, f"careers does not mention {start!r}"
    links = {a["href"] for a in article.select("a[href]")}
    assert page_url_path("decide/career.md") in links


# ── Sources ───────────────────────────────────────────────────────────────────

@pytest.mark.build
def test_sources_credits_both_articles_and_both_maturity_models(site_dir: Path) -> None:
    text = text_of(article_of(soup_of(site_dir, "sources.md")))
    assert "Syndesus" in text
    assert "difference between ML engineers and MLOps engineers" in text
    assert "MLOps Now" in text
    assert "\"MLOps Engineer vs ML Engineer: What's the difference?\"" in text
    assert "Google Cloud" in text
    assert "\"MLOps: Continuous delivery and automation pipelines in machine learning\"" in text
    assert "Microsoft" in text
    assert "\"Machine Learning operations maturity model\"" in text
    assert "Azure Architecture Center" in text


OSFI_PAGES = {
    "https://www.osfi-bsif.gc.ca/en/guidance/guidance-library/guideline-e-23-model-risk-management-2027",
    "https://www.osfi-bsif.gc.ca/en/guidance/guidance-library/guideline-e-23-model-risk-management-2027-letter",
    "https://www.osfi-bsif.gc.ca/en/news/backgrounder-guideline-e-23-model-risk-management",
}


def _section(article: Tag, heading: str) -> list[Tag]:
    """The elements from the h2 with this text up to the next h2."""
    h2 = next((h for h in article.select("h2") if heading_text(h) == heading), None)
    assert h2 is not None, f"no h2 {heading!r}: {[heading_text(h) for h in article.select('h2')]}"
    parts = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return parts


@pytest.mark.build
def test_sources_names_the_llm_and_model_risk_sources_with_dates(site_dir: Path) -> None:
    """Every new fact has its source: the AI engineer title, LLMOps, and OSFI E-23 (the
    guideline, its letter and its backgrounder) with its publication and effective dates."""
    article = article_of(soup_of(site_dir, "sources.md"))
    section = _section(article, "AI engineers, LLMOps and model risk")
    text = " ".join(text_of(part) for part in section)
    links = {a["href"] for part in section for a in part.select("a[href]")}
    assert "\"The Rise of the AI Engineer\"" in text and "Latent Space" in text and "2023" in text
    assert "swyx" in text
    assert "https://www.latent.space/p/ai-engineer" in links
    assert "LLMOps" in text and "Microsoft" in text
    assert "https://learn.microsoft.com/azure/machine-learning/prompt-flow/concept-llmops-maturity" in links
    assert "Guideline E-23" in text and "Model Risk Management" in text
    assert "11 September 2025" in text and "1 May 2027" in text
    assert "Backgrounder" in text and "Letter" in text
    assert links >= OSFI_PAGES, OSFI_PAGES - links
    assert "rule of thumb" in text, "the page should say which claims are our own judgement"


@pytest.mark.build
def test_sources_says_what_the_site_is_not_and_how_to_change_it(site_dir: Path) -> None:
    text = text_of(article_of(soup_of(site_dir, "sources.md")))
    assert "legal, HR or employment advice" in text
    assert "recruiting service" in text
    for step in ["docs/", "scripts/test.sh", "pull request"]:
        assert step in text


@pytest.mark.build
def test_external_links_on_my_pages_are_plain_links(site_dir: Path) -> None:
    """Links to other hosts are fine; nothing on these pages loads from them."""
    for source in OWN_PAGES:
        article = article_of(soup_of(site_dir, source))
        for element in article.select("[src]"):
            assert not element["src"].startswith(("http:", "https:", "//")), (source, element["src"])


# ── FAQ structure ─────────────────────────────────────────────────────────────

@pytest.mark.build
def test_faq_has_enough_questions_including_the_seed_six(site_dir: Path) -> None:
    items = faq_items(site_dir)
    assert len(items) >= MIN_QUESTIONS
    questions = {d["id"]: text_of(d.find("summary")) for d in items}
    for anchor, question in SEED_QUESTIONS.items():
        assert questions.get(anchor) == question, f"#{anchor}: {questions.get(anchor)!r}"


@pytest.mark.build
def test_faq_has_the_questions_llm_vendor_and_regulated_teams_ask(site_dir: Path) -> None:
    questions = {d["id"]: text_of(d.find("summary")) for d in faq_items(site_dir)}
    for anchor, question in LLM_ERA_QUESTIONS.items():
        assert questions.get(anchor) == question, f"#{anchor}: {questions.get(anchor)!r}"


@pytest.mark.build
def test_faq_json_ld_carries_the_new_questions_and_their_answers(site_dir: Path) -> None:
    soup = soup_of(site_dir, "faq.md")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    entries = {q["name"]: q["acceptedAnswer"]["text"] for q in json.loads(scripts[0].string)["mainEntity"]}
    for question in LLM_ERA_QUESTIONS.values():
        assert question in entries, f"{question!r} is not in the FAQPage JSON-LD"
    assert "1 May 2027" in entries[LLM_ERA_QUESTIONS["osfi-e-23"]]
    assert "AI engineer" in entries[LLM_ERA_QUESTIONS["only-llm-apis"]]


def _answer(site_dir: Path, anchor: str) -> str:
    details = next((d for d in faq_items(site_dir) if d["id"] == anchor), None)
    assert details is not None, f"no FAQ question #{anchor}"
    return answer_text(details)


@pytest.mark.build
def test_faq_llm_api_answer_names_the_profile_and_when_mlops_starts(site_dir: Path) -> None:
    answer = _answer(site_dir, "only-llm-apis")
    for words in ["AI engineer", "evaluation", "guardrails", "cost", "LLMOps", "monitor", "versions"]:
        assert words in answer, f"#only-llm-apis does not mention {words!r}"


@pytest.mark.build
def test_faq_vendor_answer_names_owners_not_an_ml_hire(site_dir: Path) -> None:
    answer = _answer(site_dir, "bought-an-ml-product")
    for words in ["product owner", "data owner", "SLAs", "Hire for ML when"]:
        assert words in answer, f"#bought-an-ml-product does not mention {words!r}"


@pytest.mark.build
def test_faq_headcount_answer_is_hedged(site_dir: Path) -> None:
    answer = _answer(site_dir, "how-many-mlops-engineers")
    assert "no standard ratio" in answer and "rule of thumb" in answer
    assert "ours rather than a source's" in answer
    for factor in ["automated", "shared", "how many teams"]:
        assert factor in answer, f"#how-many-mlops-engineers does not name the factor {factor!r}"


@pytest.mark.build
def test_faq_osfi_answer_is_dated_sourced_and_splits_the_duties(site_dir: Path) -> None:
    details = next(d for d in faq_items(site_dir) if d["id"] == "osfi-e-23")
    answer = answer_text(details)
    for fact in ["Guideline E-23", "11 September 2025", "1 May 2027", "federally regulated financial",
                 "AI and machine learning", "inventory", "risk rating", "independent", "monitoring",
                 "not legal advice"]:
        assert fact in answer, f"#osfi-e-23 does not say {fact!r}"
    duties = {text_of(li.find("strong")): text_of(li) for li in details.select("li") if li.find("strong")}
    assert set(duties) == {"ML engineers", "MLOps engineers", "Neither alone"}, duties
    assert "validation" in duties["ML engineers"] and "document" in duties["ML engineers"]
    for part in ["inventory", "lineage", "versioning", "monitoring", "releases"]:
        assert part in duties["MLOps engineers"], f"MLOps duties miss {part!r}"
    assert "independent validation" in duties["Neither alone"] and "governance" in duties["Neither alone"]
    assert details.select_one('a[href="sources.html#ai-engineers-llmops-and-model-risk"]') is not None


@pytest.mark.build
def test_hiring_by_stage_covers_llm_vendor_and_regulated_companies(site_dir: Path) -> None:
    article = article_of(soup_of(site_dir, "hiring-by-stage.md"))
    section = _section(article, "Three cases the stages do not fit")
    links = {a["href"] for part in section for a in part.select("a[href]")}
    faq_ids = {d["id"] for d in faq_items(site_dir)}
    for anchor in ["only-llm-apis", "bought-an-ml-product", "osfi-e-23"]:
        assert f"faq.html#{anchor}" in links, f"the section does not link to #{anchor}"
        assert anchor in faq_ids


@pytest.mark.build
def test_every_faq_question_has_a_stable_id_and_a_permalink(site_dir: Path) -> None:
    for details in faq_items(site_dir):
        anchor = details.get("id", "")
        assert SLUG.match(anchor), f"FAQ id {anchor!r} is not a slug"
        summary = details.find("summary", recursive=False)
        assert summary is not None and text_of(summary).endswith("?"), anchor
        assert details.find_all("summary") == [summary], f"#{anchor}: more than one summary"
        assert summary.select("a, button, input, select, textarea, [tabindex]") == [], (
            f"#{anchor}: interactive content inside <summary>")
        permalinks = details.select(f'a.guide-faq__permalink[href="#{anchor}"]')
        assert len(permalinks) == 1, f"#{anchor}: expected one permalink, found {len(permalinks)}"
        assert text_of(permalinks[0]), f"#{anchor}: permalink has no visible text"


@pytest.mark.build
def test_every_faq_answer_is_in_the_html_inside_its_collapsible(site_dir: Path) -> None:
    for details in faq_items(site_dir):
        assert not details.has_attr("open"), f"#{details['id']} is open by default"
        answer = answer_text(details)
        assert len(answer) >= 80, f"#{details['id']}: answer too short: {answer!r}"


@pytest.mark.build
def test_ids_on_the_faq_page_are_unique(site_dir: Path) -> None:
    ids = [element["id"] for element in soup_of(site_dir, "faq.md").select("[id]")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


# ── FAQ in Chromium ───────────────────────────────────────────────────────────

OPEN_IDS = "() => [...document.querySelectorAll('details.guide-faq[open]')].map(d => d.id)"


@pytest.mark.browser
def test_opening_the_faq_with_an_id_opens_exactly_that_question(page, watch, base_url: str,
                                                                 site_dir: Path) -> None:
    url = base_url + page_url_path("faq.md")
    anchors = [d["id"] for d in faq_items(site_dir)]
    # Every id: on a fresh load for the first, a middle and the last question (the page reads
    # the address as it loads), and for the others by changing the address of the loaded page
    # with every question closed again (the same reading, on hashchange): a fresh load of all
    # 26 took half a minute.
    fresh = {anchors[0], anchors[len(anchors) // 2], anchors[-1]}
    for anchor in anchors:
        if anchor in fresh:
            page.goto("about:blank")
            page.goto(f"{url}#{anchor}", wait_until="load")
        else:  # every question closed again, as on a fresh load, then the address changed
            page.evaluate("""id => {
                document.querySelectorAll('details[open]').forEach(d => { d.open = false; });
                location.hash = '#' + id;
            }""", anchor)
        page.wait_for_function(
            "id => document.getElementById(id).open", arg=anchor, timeout=5000)
        assert page.evaluate(OPEN_IDS) == [anchor]
        answer = page.locator(f"#{anchor} .guide-faq__permalink")
        assert answer.is_visible(), f"#{anchor}: answer not visible"
        top = page.locator(f"#{anchor} > summary").bounding_box()["y"]
        assert 0 <= top < page.viewport_size["height"], f"#{anchor}: question scrolled out of view"
    assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_following_a_link_to_another_question_opens_it(page, base_url: str) -> None:
    page.goto(base_url + page_url_path("faq.md"), wait_until="load")
    assert page.evaluate(OPEN_IDS) == []
    page.evaluate("() => { location.hash = '#managed-ml-platform'; }")
    page.wait_for_function("() => document.getElementById('managed-ml-platform').open", timeout=5000)
    assert page.locator("#managed-ml-platform .guide-faq__permalink").is_visible()


@pytest.mark.browser
def test_a_keyboard_user_opens_a_question_with_tab_and_enter(page, base_url: str) -> None:
    page.goto(base_url + page_url_path("faq.md"), wait_until="load")
    first = page.locator("details.guide-faq").first
    anchor = first.get_attribute("id")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("id => document.activeElement === document.querySelector(`#${id} > summary`)",
                         anchor):
            break
    else:
        pytest.fail("Tab never reached the first question")
    assert first.get_attribute("open") is None
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.getElementById(id).open", arg=anchor, timeout=5000)
    assert page.locator(f"#{anchor} .guide-faq__permalink").is_visible()
    # The permalink is the next stop, so it can be reached and copied from the keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.guide-faq__permalink')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("id => !document.getElementById(id).open", arg=anchor, timeout=5000)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_faq_answers_have_no_axe_violations_when_open(page, base_url: str, scheme: str) -> None:
    """axe skips closed details, so open every answer first."""
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + page_url_path("faq.md"), wait_until="load")
    page.evaluate("() => document.querySelectorAll('details.guide-faq').forEach(d => { d.open = true; })")
    assert len(page.evaluate(OPEN_IDS)) >= MIN_QUESTIONS
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.browser
def test_a_question_link_works_from_the_site_opened_from_disk(page, site_dir: Path) -> None:
    """The built site is also read from file://; a #id still opens its question there."""
    page.goto((site_dir / page_url_path("faq.md")).as_uri() + "#ml-engineers-canada", wait_until="load")
    page.wait_for_function("() => document.getElementById('ml-engineers-canada').open", timeout=5000)
    assert page.evaluate(OPEN_IDS) == ["ml-engineers-canada"]
    assert page.locator("#ml-engineers-canada .guide-faq__permalink").is_visible()
