"""How a term of the rules is read: the same normalising as the browser's checker
(docs/assets/javascripts/jobad.js, `fold`), so the build can refuse a term that could never
match. A term's words are matched whole; letters lose their accents and case, and every
character that is not a letter, a digit, '+' or '#' separates words ("CI/CD" reads "ci cd")."""

from __future__ import annotations

import re
import unicodedata

_WORD_CHAR = re.compile(r"[a-z0-9+#*]")


def fold(text: str) -> str:
    """Text as the checker compares it: lower case, no accents, one space between words.
    ('*' is kept: in a term it ends a word with any ending.)"""
    out = []
    for char in text:
        plain = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)).lower()
        out.append(plain if len(plain) == 1 and _WORD_CHAR.match(plain) else " ")
    return " ".join("".join(out).split())


def term_problem(term: str) -> str | None:
    """Why a term can never match as written, or None."""
    folded = fold(term)
    if not folded.replace("*", "").strip():
        return f"the term '{term}' holds no letter or digit once folded."
    if any(word == "*" or "*" in word[:-1] for word in folded.split()):
        return f"the term '{term}' has a '*' that does not end a word."
    return None
