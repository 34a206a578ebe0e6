"""The role pages, the comparison table and the responsibility matrix, read from
the real built site, and the two tables measured in Chromium on a phone-sized
screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import page_url_path

COMPARISON = "comparison.md"
RESPONSIBILITIES = "responsibilities.md"
ML_ENGINEER = "roles/ml-engineer.md"
MLOPS_ENGINEER = "roles/mlops-engineer.md"
MY_PAGES = [ML_ENGINEER, MLOPS_ENGINEER, COMPARISON, RESPONSIBILITIES]

COMPARISON_TABLE = ".guide-compare table"
MATRIX_TABLE = ".guide-matrix table"
LEGEND_TERMS = ".guide-legend dl > dt"

ROLE_COLUMNS = ["ML engineer", "MLOps engineer"]
# The comparison adds the AI engineer (an ML engineer who builds on LLMs) as a third column.
COMPARISON_COLUMNS = [*ROLE_COLUMNS, "AI engineer"]
COMPARISON_ROWS = [
    "Focus", "Core question", "Responsibilities", "Collaborators", "Tooling", "Mindset",
    "What success looks like", "Where in the lifecycle", "Typical background",
]
LIFECYCLE_STAGES = [
    "Problem framing", "Data preparation", "Feature engineering", "Training", "Evaluation",
    "Packaging", "CI/CD", "Deployment", "Serving", "Monitoring", "Retraining", "Scaling",
    "Incident response",
]

# Heading -> words its section must mention (case-insensitive).
ROLE_SECTIONS: dict[str, dict[str, list[str]]] = {
    ML_ENGINEER: {
        "Framing the problem and choosing an approach": ["supervised", "unsupervised", "deep learning"],
        "Preparing the data": ["clean", "feature", "quality"],
        "Experimenting against metrics": ["metrics"],
        "Turning research into working products": ["research", "product"],
        "Designing with serving in mind": ["recommendation", "latency", "users", "change over time"],
        "Building on LLMs without training them": ["evaluation", "retrieving", "guardrails", "cost",
                                                   "AI engineer"],
        "Who they work with": ["data scientists", "MLOps engineers"],
        "Tools": ["Python", "PyTorch"],
        "Signs you need one": [],
        "Where the talent is in Canada": ["Montreal", "Mila", "Toronto", "Vancouver",
                                          "University of Toronto", "University of British Columbia"],
    },
    MLOPS_ENGINEER: {
        "CI/CD and DevOps practice for ML": ["CI/CD", "DevOps"],
        "Versioning code, data and models": ["code", "data", "model"],
        "Data workflows": ["pipelines"],
        "Updating models without disrupting services": ["downtime"],
        "Monitoring for degradation": ["drifts", "users", "world"],
        "Retraining": ["retrain"],
        "Scaling and reliability": ["more users", "available"],
        "Cloud, containers and distributed computing": ["cloud", "containers", "many machines"],
        "Secure deployment": ["access", "secrets"],
        "Operating LLM features (LLMOps)": ["Microsoft", "evaluation", "monitoring", "versioning",
                                            "cost", "shared platform"],
        "Who they work with": ["ML engineers", "software engineers"],
        "Tools": ["Docker", "Kubernetes"],
        "Signs you need one": [],
        "Where the talent is in Canada": ["Toronto", "Vancouver", "banks", "technology companies",
                                          "enterprises"],
    },
    COMPARISON: {
        "Key differences": ["Focus", "Collaboration", "Tooling"],
        "Where the roles overlap": [],
        "Who productionises models? The sources disagree": ["team size", "maturity"],
        "How maturity models describe the shift": ["Google Cloud", "Microsoft", "Level 4"],
        "The AI engineer and LLM products": ["API", "evaluation", "retrieval", "guardrails", "cost",
                                             "latency", "LLMOps", "versioning", "MLOps work"],
        "Related roles": ["Data scientist", "Data engineer", "AI engineer", "Platform or DevOps engineer",
                          "MLOps engineer", "ML engineer"],
    },
}

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 568}


def _soup(site_dir: Path, source: str) -> BeautifulSoup:
    html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _text(tag: Tag) -> str:
    """Visible text of a tag without Material's permalink sign, whitespace collapsed."""
    parts = [s for s in tag.find_all(string=True) if not s.find_parent("a", class_="headerlink")]
    return " ".join("".join(parts).split())


def _content(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "no article in the page"
    return article


def _sections(soup: BeautifulSoup) -> dict[str, str]:
    """Heading text -> text of everything up to the next heading of the same or a higher level."""
    sections: dict[str, str] = {}
    for heading in _content(soup).find_all(["h2", "h3"]):
        level = int(heading.name[1])
        texts = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h1", "h2", "h3"} and int(sibling.name[1]) <= level:
                break
            texts.append(_text(sibling))
        sections[_text(heading)] = " ".join(texts)
    return sections


def _table(soup: BeautifulSoup, selector: str) -> tuple[list[str], dict[str, list[str]]]:
    """(column headers, first-cell label -> the other cells' texts) of the one table at selector."""
    tables = soup.select(selector)
    assert len(tables) == 1, f"expected exactly one table at {selector!r}, found {len(tables)}"
    headers = [_text(th) for th in tables[0].select("thead th")]
    rows: dict[str, list[str]] = {}
    for tr in tables[0].select("tbody tr"):
        cells = [_text(td) for td in tr.find_all(["td", "th"])]
        assert cells[0] not in rows, f"row {cells[0]!r} appears twice"
        rows[cells[0]] = cells[1:]
    return headers, rows


# ── Front matter and titles ──────────────────────────────────────────────────

@pytest.mark.build
@pytest.mark.parametrize("source", MY_PAGES)
def test_page_has_a_plain_description_and_one_h1(site_dir: Path, source: str) -> None:
    soup = _soup(site_dir, source)
    meta = soup.select_one('meta[name="description"]')
    assert meta is not None
    description = meta["content"]
    assert 70 <= len(description) <= 160, f"{len(description)} characters: {description!r}"
    assert "placeholder" not in description.lower()
    assert len(_content(soup).find_all("h1")) == 1


# ── Role pages ───────────────────────────────────────────────────────────────

@pytest.mark.build
@pytest.mark.parametrize("source", list(ROLE_SECTIONS))
def test_page_has_its_required_sections(site_dir: Path, source: str) -> None:
    sections = _sections(_soup(site_dir, source))
    missing = [heading for heading in ROLE_SECTIONS[source] if heading not in sections]
    assert missing == [], f"{source} lacks sections {missing}; it has {list(sections)}"
    for heading, words in ROLE_SECTIONS[source].items():
        body = sections[heading]
        assert len(body) > 40, f"{source}: section {heading!r} is (nearly) empty"
        absent = [w for w in words if w.lower() not in body.lower()]
        assert absent == [], f"{source}: section {heading!r} does not mention {absent}"


@pytest.mark.build
def test_role_pages_share_one_structure(site_dir: Path) -> None:
    """Both role pages end with the same reader-facing sections, in the same order."""
    shared = ["Who they work with", "Tools", "Signs you need one", "Where the talent is in Canada"]
    for source in (ML_ENGINEER, MLOPS_ENGINEER):
        headings = [h for h in _sections(_soup(site_dir, source)) if h in shared]
        assert headings == shared, f"{source}: {headings}"


# ── Comparison table ─────────────────────────────────────────────────────────

@pytest.mark.build
def test_comparison_page_has_one_side_by_side_table(site_dir: Path) -> None:
    soup = _soup(site_dir, COMPARISON)
    assert len(_content(soup).find_all("table")) == 1
    headers, _ = _table(soup, COMPARISON_TABLE)
    assert headers[1:] == COMPARISON_COLUMNS


@pytest.mark.build
def test_comparison_table_has_every_row_filled(site_dir: Path) -> None:
    _, rows = _table(_soup(site_dir, COMPARISON), COMPARISON_TABLE)
    missing = [label for label in COMPARISON_ROWS if label not in rows]
    assert missing == [], f"comparison table lacks rows {missing}; it has {list(rows)}"
    for label, cells in rows.items():
        assert len(cells) == len(COMPARISON_COLUMNS), f"row {label!r} has {len(cells)} role cells"
        assert all(len(cell) >= 10 for cell in cells), f"row {label!r} has an empty cell: {cells}"
        assert len(set(cells)) == len(cells), f"row {label!r} says the same for two roles: {cells}"


@pytest.mark.build
def test_comparison_says_what_an_ai_engineer_is_and_that_titles_have_specialised(site_dir: Path) -> None:
    """The AI-engineer column is explained next to the table, and the page opens with the
    Syndesus article's point that once-interchangeable titles now mean distinct jobs."""
    article = _content(_soup(site_dir, COMPARISON))
    intro = _text(article.find("p"))
    for title in ["ML engineer", "data scientist", "AI engineer"]:
        assert title in intro, f"the opening paragraph does not name {title!r}"
    assert "interchangeabl" in intro and "distinct" in intro, intro
    note = _text(article.select_one(".guide-compare").find_next_sibling("p"))
    assert "AI engineer is an ML engineer" in note and "LLM" in note, note
    assert article.select_one('a[href="#the-ai-engineer-and-llm-products"]') is not None


@pytest.mark.build
def test_mlops_page_says_operationalisation_is_the_barrier_to_scaling_ai(site_dir: Path) -> None:
    """The Syndesus article's point: operationalisation, more than building models,
    is what holds AI back; the MLOps page says so before it lists the work."""
    article = _content(_soup(site_dir, MLOPS_ENGINEER))
    before = " ".join(_text(p) for p in article.find("h2").find_all_previous("p"))
    assert "operationalising" in before and "scaling AI" in before, before
    assert "not building models" in before, before


@pytest.mark.build
@pytest.mark.parametrize("source", [ML_ENGINEER, MLOPS_ENGINEER])
def test_role_pages_link_to_the_related_roles(site_dir: Path, source: str) -> None:
    links = [a["href"] for a in _content(_soup(site_dir, source)).select("a[href]")]
    assert "../comparison.html#related-roles" in links, links


# ── Responsibility matrix ────────────────────────────────────────────────────

def _legend(soup: BeautifulSoup) -> set[str]:
    terms = {_text(dt) for dt in soup.select(LEGEND_TERMS)}
    for dt in soup.select(LEGEND_TERMS):
        definition = dt.find_next_sibling("dd")
        assert definition is not None and _text(definition), f"legend term {_text(dt)!r} is not explained"
    return terms


@pytest.mark.build
def test_matrix_has_a_legend_with_at_least_three_terms(site_dir: Path) -> None:
    terms = _legend(_soup(site_dir, RESPONSIBILITIES))
    assert {"Leads", "Contributes", "Consulted"} <= terms, terms


@pytest.mark.build
def test_matrix_has_every_lifecycle_stage_and_both_roles(site_dir: Path) -> None:
    headers, rows = _table(_soup(site_dir, RESPONSIBILITIES), MATRIX_TABLE)
    assert headers[1:3] == ROLE_COLUMNS, headers
    missing = [stage for stage in LIFECYCLE_STAGES if stage not in rows]
    assert missing == [], f"matrix lacks stages {missing}; it has {list(rows)}"


@pytest.mark.build
def test_every_matrix_cell_is_a_legend_term_in_words(site_dir: Path) -> None:
    soup = _soup(site_dir, RESPONSIBILITIES)
    terms = _legend(soup)
    headers, rows = _table(soup, MATRIX_TABLE)
    for stage, cells in rows.items():
        assert len(cells) == len(headers) - 1, f"{stage}: {cells}"
        wrong = [cell for cell in cells if cell not in terms]
        assert wrong == [], f"{stage}: cells {wrong} are not legend terms {sorted(terms)}"


@pytest.mark.build
def test_every_stage_has_exactly_one_lead(site_dir: Path) -> None:
    _, rows = _table(_soup(site_dir, RESPONSIBILITIES), MATRIX_TABLE)
    for stage, cells in rows.items():
        assert cells.count("Leads") == 1, f"{stage}: {cells}"


# ── Phone layout, measured in Chromium ───────────────────────────────────────

# For the table, its scroll wrappers and every cell: how far content reaches past
# the box (scrollWidth - clientWidth), and how far the box reaches past the screen.
MEASURE_JS = """(selector) => {
  const table = document.querySelector(selector);
  if (!table) return null;
  const boxes = [table, ...table.querySelectorAll('th, td')];
  for (let node = table.parentElement; node && node.tagName !== 'ARTICLE'; node = node.parentElement) {
    // Wrappers that let content spill out visibly clip nothing (Material's
    // scroll wrapper uses negative margins); the "past the screen" check covers them.
    if (getComputedStyle(node).overflowX !== 'visible') boxes.push(node);
  }
  const screen = document.documentElement.clientWidth;
  return {
    width: table.getBoundingClientRect().width,
    page: document.documentElement.scrollWidth - screen,
    overflow: boxes.map(b => ({what: b.tagName + (b.className ? '.' + b.className : '') + ': '
                                     + b.textContent.trim().slice(0, 30),
                               by: b.scrollWidth - b.clientWidth,
                               past: Math.round(b.getBoundingClientRect().right - screen)}))
                  .filter(o => o.by > 1 || o.past > 0),
  };
}"""

# Material's own cell sizes, which the site's phone CSS overrides.
MATERIAL_CELL_SIZES = """
.md-typeset .guide-matrix table:not([class]) th,
.md-typeset .guide-matrix table:not([class]) td {
  min-width: 5rem !important; padding: .9375em 1.25em !important;
}"""

PHONE_TABLES = [(COMPARISON, COMPARISON_TABLE), (RESPONSIBILITIES, MATRIX_TABLE)]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390px", "320px"])
@pytest.mark.parametrize(("source", "selector"), PHONE_TABLES)
def test_table_fits_a_phone_without_clipping(page, base_url: str, source: str, selector: str,
                                             viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(base_url + page_url_path(source), wait_until="load")
    result = page.evaluate(MEASURE_JS, selector)
    assert result is not None, f"no {selector} on {source}"
    assert result["width"] > viewport["width"] / 2, f"the table is only {result['width']} px wide"
    assert result["page"] <= 0, f"the page scrolls sideways by {result['page']} px"
    assert result["overflow"] == [], result["overflow"]


@pytest.mark.browser
def test_phone_measurement_catches_an_overflowing_matrix(page, base_url: str) -> None:
    """With Material's default cell sizes the matrix is too wide for 390 px: the
    measurement above must see that, or it proves nothing."""
    page.set_viewport_size(PHONE)
    page.goto(base_url + page_url_path(RESPONSIBILITIES), wait_until="load")
    page.add_style_tag(content=MATERIAL_CELL_SIZES)
    result = page.evaluate(MEASURE_JS, MATRIX_TABLE)
    assert result["overflow"] != []
