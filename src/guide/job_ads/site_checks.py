"""Checks of the rules against the rest of the site: every posting question cites rules of
the posting checklist (so its dates, provinces and sources stay in one place), every role's
kit exists, and a translation has its original's ids, labels, weights and questions."""

from __future__ import annotations

from collections.abc import Collection

from guide.core.problems import Problem
from guide.kits.model import Checklist

from .model import Rules


def reference_problems(rules: Rules, checklist: Checklist, kit_ids: Collection[str]) -> list[Problem]:
    """A question citing a checklist rule that does not exist, or a role naming a missing kit."""
    problems = []
    for question in rules.posting.questions:
        for rule_id in question.rules:
            if checklist.rule(rule_id) is None:
                known = ", ".join(rule.id for place in checklist.jurisdictions for rule in place.rules)
                problems.append(Problem(rules.source, question.line, question.id,
                                        f"the question cites the checklist rule '{rule_id}', which {checklist.source} "
                                        "does not hold.", f"cite one of: {known}."))
    for role in rules.roles:
        if role.kit and role.kit not in kit_ids:
            problems.append(Problem(rules.source, role.line, role.id, f"the role names the hiring kit '{role.kit}', "
                                    "which does not exist.", f"name one of: {', '.join(sorted(kit_ids))}; or remove 'kit:'."))
    return problems


def translation_problems(original: Rules, translated: Rules) -> list[Problem]:
    """Where a translated rules file differs from its original in anything but text and words."""
    problems = []

    def compare(what: str, ours: list[tuple], theirs: list[tuple], lines: list[int]) -> None:
        for i, (mine, yours) in enumerate(zip(ours, theirs, strict=False)):
            if mine != yours:
                problems.append(Problem(translated.source, lines[i], str(yours[0]),
                                        f"{what} {i + 1} is {yours}, but {mine} in {original.source}.",
                                        "keep ids, labels, weights, checks and cited rules as in the original; "
                                        "translate only text and words."))
        if len(ours) != len(theirs):
            problems.append(Problem(translated.source, 1, what, f"the translation has {len(theirs)} {what}s, "
                                    f"the original {len(ours)}.", f"translate every {what} of {original.source}, in order."))

    compare("role", [(r.id, r.kit) for r in original.roles], [(r.id, r.kit) for r in translated.roles],
            [r.line for r in translated.roles])
    compare("duty rule", [(r.id, r.label, r.weight) for r in original.duty_rules],
            [(r.id, r.label, r.weight) for r in translated.duty_rules], [r.line for r in translated.duty_rules])
    compare("title rule", [(t.id, t.role) for t in original.titles], [(t.id, t.role) for t in translated.titles],
            [t.line for t in translated.titles])
    compare("question", [(q.id, q.check, q.rules) for q in original.posting.questions],
            [(q.id, q.check, q.rules) for q in translated.posting.questions],
            [q.line for q in translated.posting.questions])
    if original.verdicts != translated.verdicts:
        problems.append(Problem(translated.source, 1, "verdicts", "the thresholds differ from the original's.",
                                f"copy 'verdicts:' from {original.source}."))
    return problems
