"""The glossary file: Markdown abbreviation lines (`*[term]: definition`), read and checked.

The same file is appended to every page by `pymdownx.snippets` (`auto_append`), where
Python-Markdown's `abbr` extension turns each term into `<abbr title>`. This module reads
it once per build to check it (a bad line or a repeated term names its file and line),
to list it on the Glossary page, and to derive the forms `abbr` would otherwise miss
(`Drift` at the start of a sentence, `pipelines`). No MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

LINE = re.compile(r"^\*\[(?P<term>[^\]\\]+)\]:[ ]*(?P<definition>.*)$")
MAX_DEFINITION = 160  # characters: one short sentence, readable in a tooltip at a glance
# Material's tooltip inserts the title as HTML, and abbr shows it as plain text elsewhere:
# neither markup nor entities can mean the same in both.
FORBIDDEN = re.compile(r"[<>&`*_\[\]]")


class GlossaryError(ValueError):
    """One or more bad lines; the message names each file:line and what to change."""


@dataclass(frozen=True)
class Entry:
    """One term, its one-sentence definition, and the line it is on."""

    term: str
    definition: str
    line: int

    @property
    def anchor(self) -> str:
        """The term's id on the Glossary page, e.g. `term-ci-cd`."""
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-") or "x")


@dataclass(frozen=True)
class Glossary:
    """Every entry of one glossary file, in file order."""

    source: str  # as shown in messages, e.g. includes/glossary.md
    entries: tuple[Entry, ...]

    def sorted_entries(self) -> list[Entry]:
        """Entries in reading order for the Glossary page (case ignored)."""
        return sorted(self.entries, key=lambda entry: entry.term.casefold())

    def variants(self) -> dict[str, str]:
        """Other spellings of the terms that `abbr` (exact, case-sensitive) would miss:
        a capitalised first letter and an English plural in -s, unless defined themselves."""
        defined = {entry.term for entry in self.entries}
        extra: dict[str, str] = {}
        for entry in self.entries:
            for form in _forms(entry.term):
                if form not in defined:
                    extra.setdefault(form, entry.definition)
        return extra


def _forms(term: str) -> Iterator[str]:
    plural = term + "s" if term[-1].isalpha() and not term.endswith("s") else None
    for form in (term, plural):
        if form is None:
            continue
        if form is not term:
            yield form
        if form[0].islower():
            yield form[0].upper() + form[1:]


def parse(text: str, source: str) -> Glossary:
    """Read a glossary file; raise GlossaryError naming every bad line."""
    problems: list[str] = []
    entries: list[Entry] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        match = LINE.match(line)
        if not match:
            problems.append(f"{where}: '{line[:60]}' is not a glossary line; write '*[term]: One short sentence.' "
                            "(nothing else goes in this file: it is appended to every page).")
            continue
        term, definition = match.group("term"), match.group("definition").strip()
        if term != term.strip() or not term:
            problems.append(f"{where}: the term '{term}' starts or ends with a space; remove it.")
        elif not definition:
            problems.append(f"{where}: '{term}' has no definition; write one short sentence after the colon.")
        elif term in first_line:
            problems.append(f"{where}: '{term}' is already defined on line {first_line[term]}; keep one definition.")
        elif bad := FORBIDDEN.search(definition):
            problems.append(f"{where}: the definition of '{term}' holds '{bad.group()}'; a tooltip shows plain "
                            "text only, so write it in words.")
        elif len(definition) > MAX_DEFINITION:
            problems.append(f"{where}: the definition of '{term}' is {len(definition)} characters; "
                            f"keep it to one short sentence (at most {MAX_DEFINITION}).")
        else:
            first_line[term] = number
            entries.append(Entry(term, definition, number))
    if problems:
        raise GlossaryError("\n".join(problems))
    if not entries:
        raise GlossaryError(f"{source}: the glossary defines no term; add lines like '*[MLOps]: One short sentence.'")
    return Glossary(source, tuple(entries))
