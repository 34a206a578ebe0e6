"""The checker's page part: the manual checklist (duty examples per role, title rules, the
posting questions with their dates and sources) as HTML readable without JavaScript and on
paper, and the rules as JSON for jobad.js, from overrides/partials/job-ad-check.html.

The template is autoescaped; the JSON goes through `|tojson` (which escapes '<', '>', '&' and
quotes) inside `<script type="application/json">`, so no text of the rules can end it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import Any

import jinja2

from guide.kits.model import Checklist, long_date

from .model import Rules

TEMPLATE = "partials/job-ad-check.html"


def question_facts(rules: Rules, checklist: Checklist, sources_url: str, language: str) -> list[dict[str, Any]]:
    """Each posting question with the checklist rules it cites: province, employer size, date,
    source and limits, as the checklist holds them (the one place for each fact)."""
    out = []
    for question in rules.posting.questions:
        cited = []
        for rule_id in question.rules:
            found = checklist.rule(rule_id)
            assert found is not None, rule_id  # the build's checks refuse an unknown rule first
            place, rule = found
            cited.append({"id": rule.id, "province": place.id, "province_name": place.name,
                          "min_employees": place.min_employees, "since": rule.since,
                          "since_text": long_date(rule.since, language), "source": rule.source,
                          "source_label": checklist.label(rule.source), "url": f"{sources_url}#{rule.source}",
                          "limits": dict(rule.limits)})
        out.append({**asdict(question), "cited": cited})
    return out


def browser_data(rules: Rules, checklist: Checklist, *, kit_url: Callable[[str], str], sources_url: str,
                 language: str) -> dict[str, Any]:
    """What jobad.js reads: the rules, each role's kit link, the provinces, and each question's facts."""
    data = asdict(rules)
    data.pop("source")
    data.pop("title_rules")
    for role in data["roles"]:
        role.pop("examples")
        role.pop("line")
        role["kit_url"] = kit_url(role["kit"]) if role["kit"] else None
    for rule in data["duty_rules"]:
        rule.pop("examples")
        rule.pop("line")
    for title in data["titles"]:
        title.pop("examples")
        title.pop("line")
    data["posting"]["questions"] = question_facts(rules, checklist, sources_url, language)
    for question in data["posting"]["questions"]:
        question.pop("line")
    data["provinces"] = [{"id": place.id, "name": place.name, "min_employees": place.min_employees}
                         for place in checklist.jurisdictions]
    data["not_legal_advice"] = checklist.not_legal_advice
    data["checked"] = long_date(checklist.checked, language)
    return data


def render_checker(env: jinja2.Environment, rules: Rules, checklist: Checklist, *, urls: Mapping[str, str],
                   kit_url: Callable[[str], str], assets: Mapping[str, str] | None, language: str = "en",
                   template: str = TEMPLATE) -> str:
    """The checker's HTML: form (shown by jobad.js), results area, and the checklist by hand."""
    data = browser_data(rules, checklist, kit_url=kit_url, sources_url=urls["sources"], language=language)
    sizes = sorted({place.min_employees for place in checklist.jurisdictions if place.min_employees})
    return env.get_template(template).render(
        rules=rules, checklist=checklist, data=data, urls=urls, kit_url=kit_url, assets=assets,
        questions=data["posting"]["questions"], size=sizes[0] if sizes else None,
        long_date=functools.partial(long_date, language=language))
