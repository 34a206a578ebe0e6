"""The translation parity checks, alone (no MkDocs build): a translated flow must have its
original's structure (hooks/decision_tree/parity.py), the interface text catalogue must
cover the templates (hooks/interface_text.py), every page needs its twin and every nav
title a translation (hooks/languages.py), and the search index splits by language
(hooks/search_per_language.py). Each failure names the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest
import yaml

import decision_tree as tree
import interface_text
import languages
from conftest import ROOT, mkdocs_config

DATA = ROOT / "tests" / "data"
EN, FR = languages.Language("en", "English", True, ""), languages.Language("fr", "Français", False, "fr/")


def translated(tmp_path: Path, old: str = "", new: str = "", count: int = 1) -> tree.Flow:
    """The French fixture, with `old` replaced by `new` (count times), loaded."""
    text = (DATA / "flows-fr" / "valid.yml").read_text(encoding="utf-8")
    if old:
        assert text.count(old) >= count, old
        text = text.replace(old, new, count)
    path = tmp_path / "fr" / "valid.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tree.load_flow(path, "docs/decide/flows/fr/valid.yml")


@pytest.fixture
def original() -> tree.Flow:
    return tree.load_flow(DATA / "flows" / "valid.yml", "docs/decide/flows/valid.yml")


def messages(original: tree.Flow, translation: tree.Flow) -> list[str]:
    return [str(p) for p in tree.structure_problems(original, translation)]


# ── Flows ────────────────────────────────────────────────────────────────────


def test_a_faithful_translation_has_no_problem(original: tree.Flow, tmp_path: Path) -> None:
    assert messages(original, translated(tmp_path)) == []


def test_the_shipped_french_flows_match_their_originals() -> None:
    folder = ROOT / "docs" / "decide" / "flows"
    originals = tree.load_flows(folder)
    assert tree.translation_problems(originals, tree.load_flows(folder / "fr"), "docs/decide/flows/fr") == []


def test_a_missing_node_names_the_file_and_the_node(original: tree.Flow, tmp_path: Path) -> None:
    # The translation drops the outcome 'stay-light' and sends its answers to the other outcome.
    text = (DATA / "flows-fr" / "valid.yml").read_text(encoding="utf-8")
    text = text[:text.index("  - id: stay-light")].replace("next: stay-light", "next: take-umbrella")
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "valid.yml").write_text(text, encoding="utf-8")
    found = messages(original, tree.load_flow(tmp_path / "fr" / "valid.yml", "docs/decide/flows/fr/valid.yml"))
    assert "docs/decide/flows/fr/valid.yml:1 (node 'stay-light'): nodes[stay-light]: is missing (it is on line 37 " \
           "of docs/decide/flows/valid.yml). Fix: translate that node; keep its id." in found
    assert any("nodes[second].options[2].next: is 'take-umbrella', the original's is 'stay-light'" in m
               for m in found), found


def test_a_missing_optional_field_names_its_key(original: tree.Flow, tmp_path: Path) -> None:
    flow = translated(tmp_path, "    hint: Nous le demandons à cause du parapluie.\n", "")
    assert messages(original, flow) == [
        "docs/decide/flows/fr/valid.yml:8 (node 'first'): nodes[first].hint: is missing in the translation but "
        "there in the original. Fix: translate the field, or remove it from both languages."]


def test_an_extra_note_is_a_problem_too(original: tree.Flow, tmp_path: Path) -> None:
    flow = translated(tmp_path, '        next: take-umbrella\n      - label: "Non"',
                      '        next: take-umbrella\n        note: "Il pleut."\n      - label: "Non"')
    found = messages(original, flow)
    assert len(found) == 1 and "nodes[first].options[1].note: is there in the translation but missing" in found[0]


def test_answers_in_another_order_are_caught(original: tree.Flow, tmp_path: Path) -> None:
    flow = translated(tmp_path, '      - label: "Oui"\n        next: take-umbrella\n      - label: "Non"\n        next: second',
                      '      - label: "Non"\n        next: second\n      - label: "Oui"\n        next: take-umbrella')
    found = messages(original, flow)
    assert any("nodes[first].options[1].next: is 'second', the original's is 'take-umbrella'" in m for m in found)
    assert any("nodes[first].options[2].next: is 'take-umbrella', the original's is 'second'" in m for m in found)


def test_a_missing_answer_or_list_item_is_counted(original: tree.Flow, tmp_path: Path) -> None:
    flow = translated(tmp_path, "      - label: Je ne sais pas\n        next: stay-light\n", "")
    assert any("nodes[second].options: has 2 answers, the original 3" in m for m in messages(original, flow))
    flow = translated(tmp_path, "watch_out: [Le vent]", "watch_out: [Le vent, La grêle]")
    assert messages(original, flow) == [
        "docs/decide/flows/fr/valid.yml:27 (node 'take-umbrella'): nodes[take-umbrella].watch_out: has 2 items, "
        "the original 1. Fix: translate each item once."]


def test_a_link_to_another_page_is_caught(original: tree.Flow, tmp_path: Path) -> None:
    flow = translated(tmp_path, "      - page: index.md\n        label: Accueil\n  - id: stay-light",
                      "      - page: faq.md\n        label: Accueil\n  - id: stay-light")
    found = messages(original, flow)
    assert len(found) == 1 and "nodes[take-umbrella].links[1].page: is 'faq.md', the original's is 'index.md'" in found[0]


def test_a_flow_without_translation_or_original_is_named() -> None:
    flow = tree.load_flow(DATA / "flows" / "valid.yml", "docs/decide/flows/valid.yml")
    assert [str(p) for p in tree.translation_problems({"valid": flow}, {}, "docs/decide/flows/fr")] == [
        "docs/decide/flows/fr/valid.yml:1: the flow 'valid' (docs/decide/flows/valid.yml) has no translation "
        "here. Fix: copy the original here and translate its text, keeping ids, order and next."]
    assert "there is no original flow 'valid'" in str(tree.translation_problems({}, {"valid": flow}, "x")[0])


def test_the_flows_folder_leaves_language_folders_to_their_own_load(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "valid.yml").write_text("not: a flow", encoding="utf-8")
    (tmp_path / "valid.yml").write_text((DATA / "flows" / "valid.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert list(tree.load_flows(tmp_path)) == ["valid"]
    (tmp_path / "french").mkdir()
    with pytest.raises(tree.TreeError, match="'french' would be ignored"):
        tree.load_flows(tmp_path)


# ── Interface text ──────────────────────────────────────────────────────────


def catalogue() -> dict[str, str]:
    return interface_text.load_catalogue(ROOT / "i18n" / "fr.yml")


def test_the_french_catalogue_covers_every_template_text() -> None:
    found = interface_text.template_messages(ROOT / "overrides", ROOT)
    assert len({m.text for m in found}) > 40
    assert interface_text.catalogue_problems(found, catalogue(), "i18n/fr.yml") == []


def test_a_missing_or_unused_or_broken_translation_names_file_and_key() -> None:
    found = interface_text.template_messages(ROOT / "overrides", ROOT)
    broken = dict(catalogue())
    del broken["Download PDF"]
    broken["Old text"] = "Ancien texte"
    broken["Question %(number)s"] = "Question"
    broken["Back"] = "<b>Retour</b>"
    problems = interface_text.catalogue_problems(found, broken, "i18n/fr.yml")
    assert len(problems) == 4, problems
    assert problems[0] == ('i18n/fr.yml: no translation of "Download PDF" (used in '
                           'overrides/partials/guide-pdf-link.html:8). Add it as a key with its translation.')
    assert 'i18n/fr.yml: "Old text" is used by no template.' in problems[3]
    assert any('"Question %(number)s": the translation must keep the placeholders' in p for p in problems)
    assert any('"Back": the translation holds < > &' in p for p in problems)


def test_installed_text_prints_escaped_values_in_the_translation() -> None:
    env = jinja2.Environment(autoescape=True)
    interface_text.install(env, {"Outcome: %(title)s": "Résultat : %(title)s"})
    html = env.from_string('{{ _("Outcome: %(title)s", title=t) }}').render(t="<b>x</b>")
    assert html == "Résultat : &lt;b&gt;x&lt;/b&gt;"


# ── Pages and nav titles ────────────────────────────────────────────────────


def test_every_page_needs_its_twin_both_ways() -> None:
    assert languages.missing_pages(["index.md", "index.fr.md", "a/b.md", "a/b.fr.md"], (EN, FR)) == []
    assert languages.missing_pages(["index.md", "index.fr.md", "faq.md", "old.fr.md"], (EN, FR)) == [
        "docs/faq.md has no Français twin: add docs/faq.fr.md (the page translated; README, 'French edition').",
        "docs/old.fr.md translates docs/old.md, which does not exist: rename it after its original or remove it.",
    ]


def test_every_page_of_the_site_has_its_french_twin() -> None:
    docs = ROOT / "docs"
    sources = [str(p.relative_to(docs)) for p in docs.rglob("*.md") if "flows" not in p.parts]
    assert languages.missing_pages(sources, (EN, FR)) == []


def test_every_nav_title_needs_a_translation() -> None:
    nav = [{"Home": "index.md"}, {"Hiring": [{"Hiring by stage": "h.md"}]}]
    assert languages.untranslated_titles(nav, {"Home": "Accueil"}, FR) == [
        "mkdocs.yml: plugins.i18n.languages[fr].nav_translations has no 'Hiring'. Add the title's translation.",
        "mkdocs.yml: plugins.i18n.languages[fr].nav_translations has no 'Hiring by stage'. Add the title's translation.",
    ]
    i18n = next(p["i18n"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "i18n" in p)
    french = next(lang for lang in i18n["languages"] if lang["locale"] == "fr")
    assert languages.untranslated_titles(mkdocs_config()["nav"], french["nav_translations"], FR) == []


# ── Search index per language ───────────────────────────────────────────────


def test_the_search_index_splits_by_language_root() -> None:
    import search_per_language

    index = {"config": {"lang": ["en", "fr"]}, "docs": [
        {"location": "index.html", "title": "Home", "text": ""},
        {"location": "fr/index.html", "title": "Accueil", "text": ""},
        {"location": "fr/faq.html#x", "title": "X", "text": "x"},
        {"location": "france.html", "title": "France", "text": ""},
    ]}
    parts = search_per_language.split_index(index, {"": "en", "fr/": "fr"})
    assert [d["location"] for d in parts[""]["docs"]] == ["index.html", "france.html"]
    assert [d["location"] for d in parts["fr/"]["docs"]] == ["index.html", "faq.html#x"]
    assert parts[""]["config"]["lang"] == ["en"] and parts["fr/"]["config"]["lang"] == ["fr"]
    assert json.dumps(parts)  # plain data


def test_catalogue_file_is_a_plain_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "fr.yml"
    bad.write_text(yaml.safe_dump(["a", "b"]), encoding="utf-8")
    with pytest.raises(ValueError, match="must be a mapping of English text"):
        interface_text.load_catalogue(bad)
