"""Problems in a flow file or a page's flow block, each with its place and a fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a flow file (or a page): where it is and what to change."""

    file: str
    line: int
    node: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        about = f" (node '{self.node}')" if self.node else ""
        return f"{where}{about}: {self.problem} Fix: {self.fix}"


class ProblemError(Exception):
    """A flow file (or a page's flow block) is wrong; the message lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=lambda p: (p.file, p.line)))
        super().__init__("\n".join(str(p) for p in self.problems))


def close_matches(word: str, possibilities: list[str], n: int = 1) -> list[str]:
    """The likeliest intended words, for a "perhaps ...?" in a message. difflib is imported
    here, when a problem needs it, not by every build."""
    import difflib
    return difflib.get_close_matches(word, possibilities, n=n)
