"""guide.faq (src/guide/faq/): FAQPage JSON-LD from a rendered FAQ page, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, assert_build_failed_cleanly, mkdocs_build
from guide.faq import FaqEntry, FaqMarkupError, extract_faq_entries, faq_page_jsonld, question_line

DATA = Path(__file__).parent / "data" / "faq_jsonld"


@pytest.mark.unit
def test_page_gives_the_expected_faq_page_object() -> None:
    entries = extract_faq_entries((DATA / "page.html").read_text(encoding="utf-8"))
    expected = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    assert faq_page_jsonld(entries) == expected


@pytest.mark.unit
def test_entries_keep_their_anchor_and_page_order() -> None:
    entries = extract_faq_entries((DATA / "page.html").read_text(encoding="utf-8"))
    assert [e.anchor for e in entries] == ["difference", "nested"]


@pytest.mark.unit
def test_a_page_without_guide_faq_questions_has_none() -> None:
    assert extract_faq_entries("<h1>Home</h1><details><summary>Q</summary><p>A</p></details>") == []


@pytest.mark.unit
def test_an_faq_page_needs_a_question() -> None:
    with pytest.raises(ValueError, match="at least one question"):
        faq_page_jsonld([])


@pytest.mark.unit
def test_entry_is_plain_data() -> None:
    entry = FaqEntry(anchor="a", question="Q?", answer="A.")
    assert faq_page_jsonld([entry])["mainEntity"] == [
        {"@type": "Question", "name": "Q?", "acceptedAnswer": {"@type": "Answer", "text": "A."}}]


@pytest.mark.unit
@pytest.mark.parametrize(("html", "message"), [
    ('<details class="guide-faq"><summary>Why?</summary><p>Because.</p></details>',
     r"FAQ question 1 \('Why\?'\): add an id"),
    ('<details class="guide-faq" id="a"><p>Because.</p></details>',
     "needs exactly one <summary> holding the question, found 0"),
    ('<details class="guide-faq" id="a"><summary> </summary><p>Because.</p></details>',
     "its <summary> is empty"),
    ('<details class="guide-faq" id="a"><summary>Why?</summary>'
     '<p><a class="guide-faq__permalink" href="#a">Link</a></p></details>',
     "has no answer"),
    ('<details class="guide-faq" id="a"><summary>Why?</summary><p>One.</p></details>'
     '<details class="guide-faq" id="a"><summary>How?</summary><p>Two.</p></details>',
     r"FAQ question 2 \('How\?'\): id 'a' is used by an earlier question"),
])
def test_bad_markup_is_a_clear_error(html: str, message: str) -> None:
    with pytest.raises(FaqMarkupError, match=message):
        extract_faq_entries(html)


@pytest.mark.build
def test_the_hook_turns_bad_faq_markup_into_a_build_error_naming_the_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '# Questions\n\n<details class="guide-faq" markdown>\n<summary>Why?</summary>\n\n'
        "Because.\n\n</details>\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ndocs_dir: {docs}\nmarkdown_extensions: [md_in_html]\n"
        f"hooks: [{ROOT / 'hooks' / 'faq_jsonld.py'}]\n", encoding="utf-8")
    # The hook reads the built page, and finds the question's line in the page's source.
    assert_build_failed_cleanly(mkdocs_build(tmp_path / "site", config=tmp_path / "mkdocs.yml"), "index.md:3",
                                "index.md:3: FAQ question 1 ('Why?'): add an id")


@pytest.mark.unit
def test_a_questions_line_is_found_in_the_source() -> None:
    source = ('---\ntitle: t\n---\n# Questions\n\n<details class="guide-faq" id="a" markdown>\n'
              "<summary>A?</summary>\n\nYes.\n</details>\n\n<details class='note guide-faq' markdown>\n")
    assert question_line(source, 1) == 6
    assert question_line(source, 2) == 12
    assert question_line(source, 3) is None
