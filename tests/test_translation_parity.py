"""The translation parity checks, alone (no MkDocs build): a translated flow must have its
original's structure (src/guide/flows/parity.py), the interface text catalogue must
cover the templates (src/guide/languages/interface_text.py), every page needs its twin and every nav
title a translation (src/guide/languages/editions.py), and the search index splits by language
(hooks/search_per_language.py). Each failure names the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest
import yaml

import guide.flows as tree
from conftest import ROOT, mkdocs_config
from guide import kits
from guide.languages import interface_text
from guide.mkdocs_build import languages

pytestmark = pytest.mark.unit

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
    with pytest.raises(tree.ProblemError, match="'french' would be ignored"):
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
    config = "nav:\n  - Home: index.md\n  - Hiring:\n      - 'Hiring by stage': h.md\nplugins:\n  - i18n:\n" \
             "      languages:\n        - locale: fr\n          nav_translations:\n            Home: Accueil\n"
    assert languages.untranslated_titles(nav, {"Home": "Accueil"}, FR, config_text=config) == [
        "mkdocs.yml:9: plugins.i18n.languages[fr].nav_translations has no 'Hiring' (the nav title on mkdocs.yml:3). "
        "Add the title's translation.",
        "mkdocs.yml:9: plugins.i18n.languages[fr].nav_translations has no 'Hiring by stage' (the nav title on "
        "mkdocs.yml:4). Add the title's translation.",
    ]
    i18n = next(p["i18n"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "i18n" in p)
    french = next(lang for lang in i18n["languages"] if lang["locale"] == "fr")
    assert languages.untranslated_titles(mkdocs_config()["nav"], french["nav_translations"], FR) == []


# ── Search index per language ───────────────────────────────────────────────


def test_the_search_index_splits_by_language_root() -> None:
    from guide.languages.search_index import split_index

    index = {"config": {"lang": ["en", "fr"]}, "docs": [
        {"location": "index.html", "title": "Home", "text": ""},
        {"location": "fr/index.html", "title": "Accueil", "text": ""},
        {"location": "fr/faq.html#x", "title": "X", "text": "x"},
        {"location": "france.html", "title": "France", "text": ""},
    ]}
    parts = split_index(index, {"": "en", "fr/": "fr"})
    assert [d["location"] for d in parts[""]["docs"]] == ["index.html", "france.html"]
    assert [d["location"] for d in parts["fr/"]["docs"]] == ["index.html", "faq.html#x"]
    assert parts[""]["config"]["lang"] == ["en"] and parts["fr/"]["config"]["lang"] == ["fr"]
    assert json.dumps(parts)  # plain data


def test_catalogue_file_is_a_plain_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "fr.yml"
    bad.write_text(yaml.safe_dump(["a", "b"]), encoding="utf-8")
    with pytest.raises(ValueError, match="must be a mapping of English text"):
        interface_text.load_catalogue(bad)


# ── Hiring kits: a flow outcome's kit, and the translated kits (src/guide/kits/parity.py) ──


KITS = ROOT / "docs" / "kits"


def kit_outcome_problems(tmp_path: Path, old: str, new: str) -> list[str]:
    """The kit fixture flow against its copy with `old` replaced by `new`."""
    text = (DATA / "kit-flows" / "kitdemo.yml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "fr" / "kitdemo.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    ours = tree.load_flow(DATA / "kit-flows" / "kitdemo.yml", "docs/decide/flows/kitdemo.yml")
    return [str(p) for p in tree.structure_problems(ours, tree.load_flow(path, "docs/decide/flows/fr/kitdemo.yml"))]


def test_an_outcome_keeps_its_kit_id_in_translation(tmp_path: Path) -> None:
    assert kit_outcome_problems(tmp_path, "kit: mlops-engineer", "kit: mlops-engineer") == []
    [problem] = kit_outcome_problems(tmp_path, "kit: mlops-engineer", "kit: ml-engineer")
    assert problem.startswith("docs/decide/flows/fr/kitdemo.yml:")
    assert "(node 'hire-mlops'): nodes[hire-mlops].kit: is 'ml-engineer', the original's is 'mlops-engineer'." in problem


def test_an_outcome_keeps_its_kit_note_and_kit_none(tmp_path: Path) -> None:
    text = (DATA / "kit-flows" / "kitdemo.yml").read_text(encoding="utf-8")
    note = next(line for line in text.splitlines() if line.strip().startswith("kit_note:"))
    problems = kit_outcome_problems(tmp_path, note + "\n", "")
    assert any("nodes[hire-mlops].kit_note: is missing in the translation but there in the original." in p
               for p in problems), problems
    none = next(line for line in text.splitlines() if line.strip().startswith("kit_none:"))
    problems = kit_outcome_problems(tmp_path, none, none.replace("kit_none:", "kit: ml-engineer\n    kit_note:"))
    assert any("nodes[take-stock].kit: is 'ml-engineer', the original names no hiring kit." in p for p in problems)
    assert any("nodes[take-stock].kit_none: is missing in the translation" in p for p in problems), problems


def kit_copy(tmp_path: Path, name: str = "mlops-engineer.yml", old: str = "", new: str = "") -> Path:
    """docs/kits copied to tmp_path/kits (English) and tmp_path/kits/fr (the French files), with
    `old` replaced by `new` in the French `name`."""
    folder = tmp_path / "kits"
    (folder / "fr").mkdir(parents=True)
    for path in KITS.glob("*.yml"):
        (folder / path.name).write_bytes(path.read_bytes())
    for path in (KITS / "fr").glob("*.yml"):
        (folder / "fr" / path.name).write_bytes(path.read_bytes())
    if old:
        target = folder / "fr" / name
        text = target.read_text(encoding="utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def kit_problems(folder: Path) -> list[str]:
    return [str(p) for p in kits.translation_problems(folder, folder / "fr", display_root=folder.parent)]


def line_in(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_shipped_french_kits_match_their_originals() -> None:
    assert [str(p) for p in kits.translation_problems(KITS, KITS / "fr", display_root=ROOT)] == []
    found, checklist = kits.load_kits(KITS / "fr", display_root=ROOT)
    assert set(found) == set(kits.load_kits(KITS, display_root=ROOT)[0])
    assert checklist.source == "docs/kits/fr/canada-posting-checklist.yml"
    assert [j.name for j in checklist.jurisdictions] == [
        "Colombie-Britannique", "Île-du-Prince-Édouard", "Ontario", "Québec"]


def test_the_english_kits_leave_the_language_folder_to_its_own_load(tmp_path: Path) -> None:
    folder = kit_copy(tmp_path)
    found, checklist = kits.load_kits(folder, display_root=tmp_path)
    assert all(not kit.source.startswith("kits/fr/") for kit in found.values())
    assert checklist.source == "kits/canada-posting-checklist.yml"


def test_a_missing_kit_key_names_file_line_and_key(tmp_path: Path) -> None:
    folder = kit_copy(tmp_path)
    french = folder / "fr" / "mlops-engineer.yml"
    text = french.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  nice_to_have:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    french.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    [problem] = kit_problems(folder)
    assert problem.startswith(f"kits/fr/mlops-engineer.yml:{line_in(french, 'job_description:')} "
                              "(node 'job_description'): job_description.nice_to_have: is missing in the "
                              "translation but there in the original (line "), problem


def test_an_extra_key_and_a_shorter_list_are_named(tmp_path: Path) -> None:
    folder = kit_copy(tmp_path, old="\nred_flags:\n", new="\nextra: oops\nred_flags:\n")
    problems = kit_problems(folder)
    french = folder / "fr" / "mlops-engineer.yml"
    assert problems == [f"kits/fr/mlops-engineer.yml:{line_in(french, 'extra: oops')} (node 'extra'): extra: is there in the "
                        "translation but not in the original kits/mlops-engineer.yml. Fix: remove it, or add "
                        "it to the original first."]
    text = french.read_text(encoding="utf-8")
    anchors = text.index("      anchors:")
    first = text.index("        - ", anchors)
    second = text.index("        - ", first + 1)
    french.write_text(text[:first] + text[second:], encoding="utf-8")
    assert any("scorecard.competencies[1].anchors: has 3 items, the original 4" in p for p in kit_problems(folder))


def test_ids_dates_and_source_ids_stay_the_same(tmp_path: Path) -> None:
    name = "canada-posting-checklist.yml"
    folder = kit_copy(tmp_path, name, 'since: "2023-11-01"', 'since: "2023-11-02"')
    french = folder / "fr" / name
    [problem] = kit_problems(folder)
    assert problem == (f"kits/fr/{name}:{line_in(french, '2023-11-02')} (node 'jurisdictions'): "
                       "jurisdictions[1].rules[1].since: is '2023-11-02', the original's is '2023-11-01'. "
                       "Fix: set 'since: 2023-11-01': ids, dates and source ids stay the same in every language.")
    folder = kit_copy(tmp_path / "b", name, "source: bc-job-posting-guidance", "source: bc-pay-transparency-act")
    assert any("jurisdictions[1].rules[2].source: is 'bc-pay-transparency-act'" in p for p in kit_problems(folder))
    folder = kit_copy(tmp_path / "c", name, 'checked: "2026-11-30"', 'checked: "2026-12-01"')
    assert any("checked: is '2026-12-01'" in p for p in kit_problems(folder))
    folder = kit_copy(tmp_path / "d", old="id: mlops-engineer", new="id: ml-engineer")
    assert any("(node 'id'): id: is 'ml-engineer', the original's is 'mlops-engineer'." in p for p in kit_problems(folder))


def test_a_missing_basis_is_named(tmp_path: Path) -> None:
    name = "canada-posting-checklist.yml"
    folder = kit_copy(tmp_path, name)
    french = folder / "fr" / name
    text = french.read_text(encoding="utf-8")
    start = text.index("        basis:")
    end = text.index("      - id:", start)
    french.write_text(text[:start] + text[end:], encoding="utf-8")
    assert any("jurisdictions[1].rules[2].basis: is missing in the translation" in p for p in kit_problems(folder))


def test_a_kit_without_translation_or_original_is_named(tmp_path: Path) -> None:
    folder = kit_copy(tmp_path)
    (folder / "fr" / "ai-engineer.yml").rename(folder / "fr" / "data-engineer.yml")
    assert kit_problems(folder) == [
        "kits/fr/ai-engineer.yml:1: kits/ai-engineer.yml has no translation here. Fix: copy the original here and "
        "translate its text, keeping its keys, ids, dates and the length of every list.",
        "kits/fr/data-engineer.yml:1: there is no original kits/data-engineer.yml to translate. Fix: remove the file "
        "or add the original."]


def test_french_dates_and_the_role_after_a_colon() -> None:
    assert kits.model.long_date("2023-11-01", "fr") == "1er novembre 2023"
    assert kits.model.long_date("2023-05-11", "fr") == "11 mai 2023"
    assert kits.model.long_date("2023-05-11") == "11 May 2023"
    found, _ = kits.load_kits(KITS / "fr", display_root=ROOT)
    assert found["ml-engineer"].role_in_text == "ingénieur ou ingénieure ML"
    english, _ = kits.load_kits(KITS, display_root=ROOT)
    assert [english[k].role_in_text for k in ("ml-engineer", "ai-engineer")] == ["ML engineer", "AI engineer (LLM applications)"]
