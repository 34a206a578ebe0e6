"""Read the job-ad checker's rules: YAML with lines (`guide.core.yaml_source`), the schema
(`rules.schema.json`), then what a schema cannot say: the language is the folder's, every
label is a role once, ids are unique, and every term can match as written."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from guide.core.folders import read_bytes
from guide.core.memory import gc_paused
from guide.core.problems import Problem, ProblemError
from guide.core.schema import checked_data
from guide.core.yaml_source import decode, read_yaml

from .model import LABELS, Cues, DutyRule, Posting, Question, Role, Rules, Section, TitleRule, Verdicts
from .terms import term_problem

HERE = Path(__file__).resolve().parent
RULES_SCHEMA = HERE / "rules.schema.json"
RULES_DIR = "job-ads"  # in the docs folder; translations in <language>/
RULES_FILE = "rules.yml"
TERM_LISTS = ("phrases", "verbs", "objects", "unless", "terms", "specialisms")


def rules_path(docs_dir: Path, language: str | None) -> Path:
    """The rules file of a language (None or the default: the one at the folder's top)."""
    folder = docs_dir / RULES_DIR
    return folder / language / RULES_FILE if language else folder / RULES_FILE


def _place(data: Any, path: tuple[Any, ...]) -> str:
    """The rule (or part of the file) a schema path points into."""
    if len(path) >= 2 and isinstance(path[1], int):
        try:
            return str(data[path[0]][path[1]].get("id", path[0]))
        except (KeyError, IndexError, TypeError, AttributeError):
            return str(path[0])
    return str(path[0]) if path else ""


def load_rules(path: Path, display: str | None = None, language: str = "en") -> Rules:
    """Read and check a rules file whose ads are in `language`."""
    file = display or str(path)
    return _parse(read_bytes(path, file), file, language, RULES_SCHEMA.read_bytes())


@functools.lru_cache(maxsize=8)
def _parse(raw: bytes, file: str, language: str, schema: bytes) -> Rules:
    """The rules from their bytes, cached by them (as the kits are): the checks and both pages
    read the same file, and an edited file is a new key."""
    return _make(raw, file, language)


def _tuple(raw: Any, key: str) -> tuple[str, ...]:
    return tuple(str(x).strip() for x in raw.get(key, ()))


@gc_paused()
def _make(raw: bytes, file: str, language: str) -> Rules:
    data = checked_data(read_yaml(decode(raw, file), file), file, RULES_SCHEMA, _place, expected="a block of keys",
                        start=f"start from docs/{RULES_DIR}/{RULES_FILE}; the format is {RULES_SCHEMA.name}.")
    problems: list[Problem] = []

    def add(line: int, place: str, problem: str, fix: str) -> None:
        problems.append(Problem(file, line, place, problem, fix))

    if data["language"] != language:
        add(data.lines["language"], "language", f"the file says its ads are in '{data['language']}', but it is the "
            f"'{language}' rules file.", f"set 'language: {language}'.")

    def terms_ok(item: Any, place: str, keys: tuple[str, ...] = TERM_LISTS) -> None:
        for key in keys:
            seen: set[str] = set()
            for i, term in enumerate(item.get(key, ())):
                line = item[key].lines[i]
                problem = term_problem(term)
                if problem:
                    add(line, place, problem, "write whole words; put '*' only at the end of a word.")
                elif term.lower() in seen:
                    add(line, place, f"'{term}' is listed twice in {key}.", "remove one.")
                seen.add(term.lower())

    def unique(items: Any, what: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                add(items.lines[i], str(item["id"]), f"two {what}s have the id '{item['id']}'.",
                    f"give each {what} its own id.")
            seen.add(item["id"])

    unique(data["roles"], "role")
    unique(data["duty_rules"], "duty rule")
    unique(data["titles"], "title rule")
    unique(data["posting"]["questions"], "question")
    missing = [label for label in LABELS if label not in {role["id"] for role in data["roles"]}]
    if missing:
        add(data.lines["roles"], "roles", f"no role has the id '{missing[0]}'.", f"list each of {', '.join(LABELS)} once.")
    for section in data["sections"]:
        terms_ok(section, section["kind"])
    terms_ok(data["cues"], "cues", tuple(data["cues"]))
    for group in ("duty_rules", "titles"):
        for item in data[group]:
            terms_ok(item, item["id"])
    for question in data["posting"]["questions"]:
        terms_ok(question, question["id"])
        needs_words = question["check"] in ("present", "absent", "ask-if-found", "remote")
        if needs_words and "phrases" not in question:
            add(question.lines["check"], question["id"], f"a '{question['check']}' question needs the words it "
                "looks for.", "add 'phrases:' (and 'verbs:' with 'objects:' if a verb and its object must both be there).")
    if problems:
        raise ProblemError(problems)
    return _model(data, file)


def _model(data: Any, file: str) -> Rules:
    roles = tuple(Role(r["id"], r["title"].strip(), r["name"].strip(), _tuple(r, "examples"), r.get("kit"), data["roles"].lines[i])
                  for i, r in enumerate(data["roles"]))
    duty_rules = tuple(DutyRule(r["id"], r["label"], r["reason"].strip(), r["weight"], _tuple(r, "examples"),
                                _tuple(r, "phrases"), _tuple(r, "verbs"), _tuple(r, "objects"), _tuple(r, "unless"),
                                data["duty_rules"].lines[i]) for i, r in enumerate(data["duty_rules"]))
    titles = tuple(TitleRule(t["id"], t["role"], _tuple(t, "terms"), _tuple(t, "examples"), data["titles"].lines[i],
                             _tuple(t, "specialisms")) for i, t in enumerate(data["titles"]))
    questions = data["posting"]["questions"]
    posting = Posting(data["posting"]["title"].strip(), data["posting"]["intro"].strip(), tuple(
        Question(q["id"], q["check"], _tuple(q, "rules"), q["ask"].strip(), q["fix"].strip(), _tuple(q, "phrases"),
                 _tuple(q, "verbs"), _tuple(q, "objects"), questions.lines[i], _tuple(q, "unless"))
        for i, q in enumerate(questions)))
    cues = data["cues"]
    return Rules(data["language"], roles, tuple(Section(s["kind"], _tuple(s, "terms")) for s in data["sections"]),
                 Cues(*(_tuple(cues, kind) for kind in ("requirement", "benefit", "blurb", "duty", "pay", "not_pay",
                                                        "open_pay", "remote_anywhere"))), duty_rules, titles,
                 _tuple(data, "title_rules"), Verdicts(**data["verdicts"]), posting, file)
