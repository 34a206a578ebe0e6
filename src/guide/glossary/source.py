"""The glossary file: Markdown abbreviation lines (`*[term]: definition`), read and checked.

The same file is appended to every page by `pymdownx.snippets` (`auto_append`), where
Python-Markdown's `abbr` extension turns each term into `<abbr title>`. This module reads
it once per build to check it (a bad line or a repeated term names its file and line),
to list it on the Glossary page, and to derive the forms `abbr` would otherwise miss
(`Drift` at the start of a sentence, `pipelines`; in French `Mises en production`).
One file per language (includes/glossary.md, includes/glossary.fr.md): the plural rule
and the Glossary page's order follow the file's language. No MkDocs import.

A blank line separates the terms: `abbr` takes one definition from a Markdown block at a
time and hands the rest back, so every block test runs again on what is left; 58 terms in
one block cost each page some 10 ms, about a third of the whole build.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from guide.core.problems import ProblemError
from guide.core.yaml_source import character_problems, decode

LINE = re.compile(r"^\*\[(?P<term>[^\]\\]+)\]:[ ]*(?P<definition>.*)$")
MAX_DEFINITION = 160  # characters: one short sentence, readable in a tooltip at a glance
# Material's tooltip inserts the title as HTML, and abbr shows it as plain text elsewhere:
# neither markup nor entities can mean the same in both.
FORBIDDEN = re.compile(r"[<>&`*_\[\]]")
WORDS = re.compile(r"[^\W_]")  # a letter or a digit: a definition of quotes or dashes alone says nothing


GLOSSARY_FILE = "../includes/glossary.md"  # relative to the docs folder; each language has its twin
DEFAULT_LANGUAGE = "en"  # the language of a file without a language code in its name


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
        """The term's id on the Glossary page as its letters give it, e.g. `term-ci-cd` (terms
        that differ only in other characters, C++ and C#, share it: `Glossary.anchors`)."""
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", _unaccented(self.term).lower()).strip("-") or "x")


@dataclass(frozen=True)
class Glossary:
    """Every entry of one glossary file, in file order."""

    source: str  # as shown in messages, e.g. includes/glossary.md
    entries: tuple[Entry, ...]
    language: str = "en"  # the language of the terms: their plurals (en, fr)

    def sorted_entries(self) -> list[Entry]:
        """Entries in reading order for the Glossary page (case and accents ignored:
        `évaluation` files under e, as in a French dictionary)."""
        return sorted(self.entries, key=lambda entry: (_unaccented(entry.term).casefold(), entry.term.casefold()))

    def anchors(self) -> dict[str, str]:
        """Each term's id on the Glossary page, unique: in reading order, a term whose `anchor`
        an earlier one took gets `-2`, `-3`, ... (C++ `term-c`, C# `term-c-2`)."""
        taken: set[str] = set()
        ids: dict[str, str] = {}
        for entry in self.sorted_entries():
            anchor, number = entry.anchor, 1
            while anchor in taken:
                number += 1
                anchor = f"{entry.anchor}-{number}"
            taken.add(anchor)
            ids[entry.term] = anchor
        return ids

    def variants(self) -> dict[str, str]:
        """Other spellings of the terms that `abbr` (exact, case-sensitive) would miss:
        a capitalised first letter and the plural (English: -s on the last word; French:
        on the words before the first preposition, `mises en production`), unless defined themselves."""
        plural = PLURALS.get(self.language, _plural_en)
        defined = {entry.term for entry in self.entries}
        extra: dict[str, str] = {}
        for entry in self.entries:
            for form in _forms(entry.term, plural):
                if form not in defined:
                    extra.setdefault(form, entry.definition)
        return extra


def _unaccented(text: str) -> str:
    """`dérive` -> `derive`: for sorting and anchors."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _plural_en(term: str) -> str | None:
    return term + "s" if term[-1].isalpha() and not term.endswith("s") else None


# French: the noun and its adjectives take the plural, up to the first preposition or
# article (`modèle de référence` -> `modèles de référence`, `modèle fantôme` ->
# `modèles fantômes`); acronyms and names (`LLM`, `A/B`, `Kubernetes`) stay as they are.
_FR_STOP = frozenset({"de", "des", "du", "d", "à", "au", "aux", "en", "pour", "par", "sur", "avec", "et", "ou",
                      "la", "le", "les", "l"})


def _plural_fr_word(word: str) -> str:
    head, dash, last = word.rpartition("-")  # garde-fou -> garde-fous
    if not last.isalpha() or not last.islower() or last[-1] in "sxz":
        return word
    if last.endswith(("eau", "eu")):
        last += "x"
    elif last.endswith("al"):
        last = last[:-1] + "ux"
    else:
        last += "s"
    return head + dash + last


def _plural_fr(term: str) -> str | None:
    if term[0].isupper():
        return None  # an acronym or a product name (LLM, Docker)
    words = term.split(" ")
    for at, word in enumerate(words):
        if word.lower() in _FR_STOP or re.match(r"^[dl]['’]", word):
            break
        words[at] = _plural_fr_word(word)
    plural = " ".join(words)
    return plural if plural != term else None


PLURALS: dict[str, Callable[[str], str | None]] = {"en": _plural_en, "fr": _plural_fr}


def _forms(term: str, plural_of: Callable[[str], str | None] = _plural_en) -> Iterator[str]:
    plural = plural_of(term)
    for form in (term, plural):
        if form is None:
            continue
        if form is not term:
            yield form
        if form[0].islower():
            yield form[0].upper() + form[1:]


def parse(text: str, source: str, language: str = "en") -> Glossary:
    """Read a glossary file (its terms in `language`); raise GlossaryError naming every bad line.
    A control character (Python-Markdown's own placeholders STX and ETX among them) or a
    bidirectional control anywhere in the file is refused first, at its line."""
    characters = character_problems(text, source)
    if characters:
        raise GlossaryError(str(ProblemError(characters[:20])))
    problems: list[str] = []
    entries: list[Entry] = []
    first_line: dict[str, int] = {}
    after_text = False  # the line before holds text: this one is in the same Markdown block
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            after_text = False
            continue
        where = f"{source}:{number}"
        if after_text:
            problems.append(f"{where}: put a blank line before this line. Each term is its own Markdown block: "
                            "in one block, every page would read the rest of the block again after each "
                            "term, a cost that grows with the square of the glossary's length.")
        after_text = True
        match = LINE.match(line)
        if not match:
            problems.append(f"{where}: '{line[:60]}' is not a glossary line; write '*[term]: One short sentence.' "
                            "(nothing else goes in this file: every page reads it).")
            continue
        term, definition = match.group("term"), match.group("definition").strip()
        if term != term.strip() or not term:
            problems.append(f"{where}: the term '{term}' starts or ends with a space; remove it.")
        elif not definition:
            problems.append(f"{where}: '{term}' has no definition; write one short sentence after the colon.")
        elif not WORDS.search(definition):
            problems.append(f"{where}: the definition of '{term}' is {definition!r}, which has no words (Python-Markdown "
                            "reads '' or \"\" as 'forget this term'); write one short sentence after the colon.")
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
    return Glossary(source, tuple(entries), language)


def twin(path: Path, language: str | None) -> Path:
    """The glossary file of a language: glossary.md -> glossary.fr.md (None: the file itself)."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}") if language else path


def load_glossary(path: Path, shown: str, language: str = DEFAULT_LANGUAGE) -> Glossary:
    """Read and check a glossary file, cached by its bytes (every page asks for it); raise
    GlossaryError naming the file (and every bad line)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"{shown}: cannot be read ({error.strerror}); every page of its language needs it "
                            "(README, 'Glossary').") from None
    return _parse_bytes(raw, shown, language)


@functools.lru_cache(maxsize=8)
def _parse_bytes(raw: bytes, shown: str, language: str) -> Glossary:
    try:
        text = decode(raw, shown)  # the data files' one reader: UTF-8, or the line of the first bad byte
    except ProblemError as error:
        raise GlossaryError(str(error)) from None
    return parse(text, shown, language)
