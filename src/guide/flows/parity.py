"""Translations of a flow: the same structure as the original, text aside.

A translated flow (docs/decide/flows/fr/hiring.yml beside the English hiring.yml) must
have the same node ids in the same order, the same kinds and start, each question's
answers in the same order leading to the same nodes, the same optional fields present
(hint, note, assumes, check) and lists of the same length (check, look_for, watch_out,
next_steps, links, each link to the same page), and each outcome names the same hiring kit
(`kit`) with its `kit_note`, or has `kit_none`, in both. Facts and conditions too: the same
facts with the same values, each answer recording the same facts, and each part of an
outcome (paragraph, item, link) shown under the same `when`. Then a result link such as
`#hiring/2.5.3` means the same route in both languages, and a page of either edition can
hand its state to the other. Only the text may differ. Every problem names the
translated file, the line and the key (`nodes[stage].options[2].note`) to fix.
"""

from __future__ import annotations

from collections.abc import Mapping

from guide.core.problems import Problem

from .model import Flow, Outcome, Question

# Optional text of a question / an answer: present in one language means present in both.
_QUESTION_OPTIONAL = ("hint",)
_OPTION_OPTIONAL = ("note", "assumes")
_OUTCOME_LISTS = ("summary", "reasoning", "check", "look_for", "watch_out", "next_steps", "kit_note")
# Optional text of an outcome about its hiring kit.
_OUTCOME_OPTIONAL = ("kit_none",)


def structure_problems(original: Flow, translated: Flow) -> list[Problem]:
    """Every way the translated flow's structure differs from the original's (empty: the same)."""
    file = translated.source
    problems: list[Problem] = []

    def add(line: int, node: str, key: str, problem: str, fix: str) -> None:
        problems.append(Problem(file, line, node, f"{key}: {problem}", fix))

    if translated.id != original.id:
        add(1, "", "id", f"is '{translated.id}', the original ({original.source}) has '{original.id}'.",
            f"set 'id: {original.id}': a translation keeps the ids.")
    if translated.start != original.start:
        add(1, "", "start", f"is '{translated.start}', the original has '{original.start}'.",
            f"set 'start: {original.start}'.")
    for key in original.headings.keys() ^ translated.headings.keys():
        add(1, "", f"headings.{key}", "is in one language only.", "give both languages the same headings.")
    ours_facts = {f.name: f.values for f in original.facts.values()}
    theirs_facts = {f.name: f.values for f in translated.facts.values()}
    if ours_facts != theirs_facts:
        line = next(iter(translated.facts.values())).line if translated.facts else 1
        wanted = "; ".join(f"{name}: [{', '.join(values)}]" for name, values in ours_facts.items()) or "none"
        add(line, "", "facts", "differ from the original's.", f"declare the original's facts and values ({wanted}).")

    for node_id in original.nodes.keys() - translated.nodes.keys():
        add(1, node_id, f"nodes[{node_id}]", f"is missing (it is on line {original.nodes[node_id].line} "
            f"of {original.source}).", "translate that node; keep its id.")
    for node_id in translated.nodes.keys() - original.nodes.keys():
        add(translated.nodes[node_id].line, node_id, f"nodes[{node_id}]",
            f"is not in the original {original.source}.", "use the original's node ids only.")
    shared = [n for n in original.nodes if n in translated.nodes]
    if shared != [n for n in translated.nodes if n in original.nodes]:
        add(1, "", "nodes", "are in another order than in the original.",
            f"list them in the original's order: {', '.join(shared)}.")

    for node_id in shared:
        ours, theirs = original.nodes[node_id], translated.nodes[node_id]
        key = f"nodes[{node_id}]"
        if ours.kind != theirs.kind:
            add(theirs.line, node_id, f"{key}.kind", f"is '{theirs.kind}', the original's is '{ours.kind}'.",
                f"set 'kind: {ours.kind}'.")
        elif isinstance(ours, Question) and isinstance(theirs, Question):
            problems.extend(_question_problems(ours, theirs, file, key))
        elif isinstance(ours, Outcome) and isinstance(theirs, Outcome):
            problems.extend(_outcome_problems(ours, theirs, file, key))
    return problems


def _presence(key: str, original: object, translated: object) -> str | None:
    """A problem when a field is in one language only."""
    if (original is None) == (translated is None):
        return None
    return f"{key}: is {'missing' if translated is None else 'there'} in the translation but " \
           f"{'there' if translated is None else 'missing'} in the original."


def _question_problems(ours: Question, theirs: Question, file: str, key: str) -> list[Problem]:
    problems: list[Problem] = []
    fix_optional = "translate the field, or remove it from both languages."
    for name in _QUESTION_OPTIONAL:
        if message := _presence(f"{key}.{name}", getattr(ours, name), getattr(theirs, name)):
            problems.append(Problem(file, theirs.line, ours.id, message, fix_optional))
    if len(ours.check) != len(theirs.check):
        problems.append(Problem(file, theirs.line, ours.id, f"{key}.check: has {len(theirs.check)} items, "
                                    f"the original {len(ours.check)}.", "translate each item once."))
    if len(ours.options) != len(theirs.options):
        problems.append(Problem(file, theirs.line, ours.id, f"{key}.options: has {len(theirs.options)} "
                                    f"answers, the original {len(ours.options)}.",
                                    "translate each answer once, in the original's order."))
    for number, (a, b) in enumerate(zip(ours.options, theirs.options), start=1):
        where = f"{key}.options[{number}]"
        if a.next != b.next:
            problems.append(Problem(file, b.next_line, ours.id, f"{where}.next: is '{b.next}', the original's "
                                        f"is '{a.next}'.", f"set 'next: {a.next}' (answers keep their order)."))
        for name in _OPTION_OPTIONAL:
            if message := _presence(f"{where}.{name}", getattr(a, name), getattr(b, name)):
                problems.append(Problem(file, b.line, ours.id, message, fix_optional))
        if dict(a.records) != dict(b.records):
            wanted = ", ".join(f"{k}: {v}" for k, v in a.records.items())
            problems.append(Problem(file, b.records_line or b.line, ours.id, f"{where}.records: differ from the "
                                    "original's.", f"record what the original records ({{{wanted}}})." if wanted
                                    else "remove 'records:', as in the original."))
    return problems


def _outcome_problems(ours: Outcome, theirs: Outcome, file: str, key: str) -> list[Problem]:
    problems: list[Problem] = []
    if ours.kit != theirs.kit:
        line = theirs.kit_line or theirs.line
        if ours.kit is None:
            problems.append(Problem(file, line, ours.id, f"{key}.kit: is '{theirs.kit}', the original names no "
                                        "hiring kit.", "remove 'kit:' (and 'kit_note:'), as in the original."))
        else:
            shown = f"'{theirs.kit}'" if theirs.kit else "missing"
            problems.append(Problem(file, line, ours.id, f"{key}.kit: is {shown}, the original's is "
                                        f"'{ours.kit}'.", f"set 'kit: {ours.kit}': a kit keeps its id in every "
                                        "language (the build shows the kit's translation)."))
    for name in _OUTCOME_OPTIONAL:
        if message := _presence(f"{key}.{name}", getattr(ours, name), getattr(theirs, name)):
            problems.append(Problem(file, theirs.kit_line or theirs.line, ours.id, message,
                                        "translate the field, or remove it from both languages."))
    for name in _OUTCOME_LISTS:
        a, b = getattr(ours, name), getattr(theirs, name)
        if name == "kit_note" and (message := _presence(f"{key}.{name}", a or None, b or None)):
            problems.append(Problem(file, theirs.kit_line or theirs.line, ours.id, message,
                                    "translate the field, or remove it from both languages."))
            continue
        if len(a) != len(b):
            problems.append(Problem(file, theirs.line, ours.id, f"{key}.{name}: has {len(b)} items, the "
                                        f"original {len(a)}.", "translate each item once."))
            continue
        problems.extend(_when_problems(a, b, file, ours.id, f"{key}.{name}"))
    problems.extend(_when_problems(ours.links, theirs.links, file, ours.id, f"{key}.links"))
    if len(ours.links) != len(theirs.links):
        problems.append(Problem(file, theirs.line, ours.id, f"{key}.links: has {len(theirs.links)} links, "
                                    f"the original {len(ours.links)}.", "translate each link's label once."))
    for number, (a, b) in enumerate(zip(ours.links, theirs.links), start=1):
        if a.target != b.target:
            problems.append(Problem(file, b.line, ours.id, f"{key}.links[{number}].page: is '{b.target}', the "
                                        f"original's is '{a.target}'.", f"set 'page: {a.target}': the build links "
                                        "it to that page's twin in the reader's language."))
    return problems


def _when_problems(ours: tuple, theirs: tuple, file: str, node: str, key: str) -> list[Problem]:
    """Each part shown under the same condition as the original's."""
    problems = []
    for number, (a, b) in enumerate(zip(ours, theirs), start=1):
        if (a.when and a.when.as_data()) != (b.when and b.when.as_data()):
            problems.append(Problem(file, b.line, node, f"{key}[{number}].when: differs from the original's.",
                                    "show the translated part under the original's condition ('when')."))
    return problems


def translation_problems(originals: Mapping[str, Flow], translations: Mapping[str, Flow],
                         folder: str) -> list[Problem]:
    """Every flow translated, nothing but translations, and each with the original's structure."""
    problems = [Problem(f"{folder}/{flow_id}.yml", 1, "", f"the flow '{flow_id}' ({flow.source}) has no "
                            "translation here.", "copy the original here and translate its text, keeping "
                            "ids, order and next.")
                for flow_id, flow in sorted(originals.items()) if flow_id not in translations]
    problems += [Problem(flow.source, 1, "", f"there is no original flow '{flow_id}' to translate.",
                             "remove the file or add the original.")
                 for flow_id, flow in sorted(translations.items()) if flow_id not in originals]
    for flow_id in sorted(originals.keys() & translations.keys()):
        problems += structure_problems(originals[flow_id], translations[flow_id])
    return problems
