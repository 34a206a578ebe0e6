"""The data model of a hiring kit and of the shared posting checklist. Frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AvoidTitle:
    """A job title that would draw the wrong candidates, and why."""

    title: str
    why: str


@dataclass(frozen=True)
class JobDescription:
    """The job-description starter."""

    titles: tuple[str, ...]
    avoid_titles: tuple[AvoidTitle, ...]
    summary: str
    responsibilities: tuple[str, ...]
    must_have: tuple[str, ...]
    nice_to_have: tuple[str, ...]
    do_not_list: tuple[str, ...]


@dataclass(frozen=True)
class InterviewQuestion:
    """A sample question, what a strong answer shows and what a red flag sounds like."""

    ask: str
    strong: str
    red_flag: str


@dataclass(frozen=True)
class Stage:
    """One stage of the interview loop."""

    name: str
    length: str
    who: str
    goal: str
    questions: tuple[InterviewQuestion, ...]


@dataclass(frozen=True)
class WorkSample:
    """The take-home or paired exercise that fits the role."""

    title: str
    brief: str
    materials: tuple[str, ...]
    deliverables: tuple[str, ...]
    time: str
    assess: tuple[str, ...]


@dataclass(frozen=True)
class InterviewLoop:
    """The stages, in order, and the work sample."""

    intro: str
    stages: tuple[Stage, ...]
    work_sample: WorkSample


@dataclass(frozen=True)
class Competency:
    """A scorecard line: what it covers and what a 1, 2, 3 and 4 look like."""

    name: str
    looks_at: str
    anchors: tuple[str, ...]  # exactly four, for scores 1 to 4


@dataclass(frozen=True)
class Scorecard:
    """How interviewers score a candidate."""

    intro: str
    competencies: tuple[Competency, ...]


@dataclass(frozen=True)
class Kit:
    """A whole, validated hiring kit for one role."""

    id: str
    role: str
    intro: str
    job_description: JobDescription
    interview_loop: InterviewLoop
    scorecard: Scorecard
    red_flags: tuple[str, ...]
    source: str = ""  # the file, as named in messages

    @property
    def role_in_text(self) -> str:
        """The role as it reads after "Hiring kit: ": a capital that only starts the phrase is
        lowered ("Ingénieur ou ingénieure ML" -> "ingénieur ou ingénieure ML"; French puts no
        capital after a colon), an acronym keeps its capitals ("ML engineer", "AI engineer")."""
        first = self.role.split(" ", 1)[0]
        if len(first) > 1 and first[0].isupper() and first[1:].islower():
            return self.role[0].lower() + self.role[1:]
        return self.role


_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}


def long_date(iso: str, language: str = "en") -> str:
    """'2023-11-01' -> '1 November 2023' (en), '1er novembre 2023' (fr). Not the locale's:
    the build's output must not depend on the machine it runs on."""
    day = dt.date.fromisoformat(iso)
    if language in _MONTHS:
        number = "1er" if day.day == 1 and language == "fr" else str(day.day)
        return f"{number} {_MONTHS[language][day.month - 1]} {day.year}"
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Rule:
    """One rule of the checklist: what to do, since when, and where it comes from."""

    text: str
    since: str   # ISO date the rule applies from
    source: str  # id of an entry on the sources page
    basis: str | None = None  # e.g. "From the Province's guidance, not the Act's text."
    line: int = 0
    id: str = ""  # the same in every language (the job-ad checker cites rules by it)
    limits: tuple[tuple[str, int], ...] = ()  # (name, dollars): a pay range's limits, as the text says them

    @property
    def since_text(self) -> str:
        return long_date(self.since)


@dataclass(frozen=True)
class Jurisdiction:
    """A province and the rules it sets for job postings."""

    name: str
    applies: str
    rules: tuple[Rule, ...]
    id: str = ""  # a short code for the province, the same in every language (bc, on)
    min_employees: int | None = None  # the rules cover only employers at least this large


@dataclass(frozen=True)
class Source:
    """A source the checklist cites; its full entry is on the sources page (anchor = id)."""

    id: str
    label: str
    line: int = 0


@dataclass(frozen=True)
class Checklist:
    """The Canadian posting checklist, shared by every kit."""

    title: str
    checked: str  # ISO date the rules were last checked
    intro: str
    not_legal_advice: str
    jurisdictions: tuple[Jurisdiction, ...]
    sources: tuple[Source, ...]
    source: str = ""

    @property
    def checked_text(self) -> str:
        return long_date(self.checked)

    def rule(self, rule_id: str) -> tuple[Jurisdiction, Rule] | None:
        """The rule with this id and its province, or None."""
        return next(((place, rule) for place in self.jurisdictions for rule in place.rules if rule.id == rule_id), None)

    def label(self, source_id: str) -> str:
        """The short name of a cited source."""
        return next(s.label for s in self.sources if s.id == source_id)
