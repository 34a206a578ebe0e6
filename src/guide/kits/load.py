"""Read hiring kits and the posting checklist: YAML with lines, the schema, then the rules
a schema cannot express (the file name is the id; dates are real dates; cited sources are listed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from pathlib import Path
from typing import Any

from guide.core.folders import YAML_SUFFIX, load_folder, read_bytes, shown_path
from guide.core.memory import gc_paused
from guide.core.problems import Problem, ProblemError
from guide.core.schema import checked_data
from guide.core.yaml_source import decode, read_yaml

from .model import Checklist, Jurisdiction, Kit, Rule, Source

HERE = Path(__file__).resolve().parent
KIT_SCHEMA = HERE / "kit.schema.json"
CHECKLIST_SCHEMA = HERE / "posting_checklist.schema.json"
KITS_DIR = "kits"  # in the docs folder
CHECKLIST_FILE = "canada-posting-checklist.yml"
KIT_SUFFIX = YAML_SUFFIX
KIT_PAGES = "hiring-kits"  # a kit's page is hiring-kits/<kit id>.md


def page_of(kit_id: str) -> str:
    """The page (relative to docs/) that shows a kit."""
    return f"{KIT_PAGES}/{kit_id}.md"


def _place(data: Any, path: tuple[Any, ...]) -> str:
    """The top-level key a schema path points into: the part of the kit a problem is in."""
    return str(path[0]) if path and isinstance(path[0], str) else ""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's field types (typing resolves them from text each time: slow)."""
    return typing.get_type_hints(cls)


def _make(cls: type, raw: Any) -> Any:
    """Build a (nested) frozen dataclass from schema-valid data; text is stripped."""
    hints = _hints(cls)
    values = {}
    for field in dataclasses.fields(cls):
        if field.name not in raw:
            continue
        values[field.name] = _value(hints[field.name], raw[field.name])
    return cls(**values)


def _value(hint: Any, raw: Any) -> Any:
    if dataclasses.is_dataclass(hint):
        return _make(hint, raw)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_value(item, x) for x in raw)
    return raw.strip() if isinstance(raw, str) else raw


def _read(path: Path, display: str, schema: Path) -> Any:
    return _checked(read_yaml(decode(read_bytes(path, display), display), display), display, schema)


def _checked(data: Any, display: str, schema: Path) -> Any:
    """Schema-checked data, or a ProblemError listing every problem."""
    return checked_data(data, display, schema, _place, expected="a block of keys",
                        start=f"start from an existing file; the format is {schema.name}.")


def load_kit(path: Path, display: str | None = None) -> Kit:
    """Read and check one kit file; its id must match the file name."""
    file = display or str(path)
    return _parse_kit(read_bytes(path, file), file, path.name.removesuffix(KIT_SUFFIX), KIT_SCHEMA.read_bytes())


@functools.lru_cache(maxsize=32)
def _parse_kit(raw: bytes, file: str, expected: str, schema: bytes) -> Kit:
    """A kit from its bytes. Cached by the bytes themselves (and the schema's), never by
    path: the checks and every kit page read the same kits again in the same build, and an
    edited file is a new key, so `mkdocs serve` never sees a stale kit. A ProblemError is
    not cached."""
    return _make_kit(raw, file, expected)


@gc_paused()
def _make_kit(raw: bytes, file: str, expected: str) -> Kit:
    data = _checked(read_yaml(decode(raw, file), file), file, KIT_SCHEMA)
    if data["id"] != expected:
        raise ProblemError([Problem(file, data.lines["id"], "id", f"the kit id '{data['id']}' does not match the file name.",
                                     f"set 'id: {expected}' or rename the file to {data['id']}{KIT_SUFFIX}.")])
    return dataclasses.replace(_make(Kit, data), source=file)


@functools.lru_cache(maxsize=32)
def raw_data(raw: bytes, file: str) -> Any:
    """A kit or checklist file as YAML data with lines (Map and Seq with `.lines`), cached by its
    bytes: the translation check compares two files key by key and needs every key's line."""
    return read_yaml(decode(raw, file), file)


def load_checklist(path: Path, display: str | None = None) -> Checklist:
    """Read and check the posting checklist: real dates, and every cited source listed once."""
    file = display or str(path)
    return _parse_checklist(read_bytes(path, file), file, CHECKLIST_SCHEMA.read_bytes())


@functools.lru_cache(maxsize=8)
def _parse_checklist(raw: bytes, file: str, schema: bytes) -> Checklist:
    """The checklist from its bytes, cached by them as `_parse_kit` is."""
    return _make_checklist(raw, file)


@gc_paused()
def _make_checklist(raw: bytes, file: str) -> Checklist:
    data = _checked(read_yaml(decode(raw, file), file), file, CHECKLIST_SCHEMA)
    problems: list[Problem] = []

    def date(value: str, line: int, place: str) -> None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            problems.append(Problem(file, line, place, f"'{value}' is not a date.",
                                        "write the date as YYYY-MM-DD, for example 2023-11-01."))

    sources = tuple(Source(s["id"], s["label"].strip(), data["sources"].lines[i]) for i, s in enumerate(data["sources"]))
    known: dict[str, int] = {}
    for source in sources:
        if source.id in known:
            problems.append(Problem(file, source.line, "sources", f"the source '{source.id}' is listed twice "
                                    f"(first on line {known[source.id]}).", "keep one entry for each source."))
        known.setdefault(source.id, source.line)
    date(data["checked"], data.lines["checked"], "checked")
    jurisdictions = []
    seen: set[str] = set()  # province codes and rule ids: each names one thing

    def unique(value: str, line: int, place: str) -> None:
        if value in seen:
            problems.append(Problem(file, line, place, f"the id '{value}' is used twice in the checklist.",
                                    "give each province and each rule its own id."))
        seen.add(value)

    for place in data["jurisdictions"]:
        unique(place["id"], place.lines["id"], place["name"])
        rules = []
        for i, rule in enumerate(place["rules"]):
            line = place["rules"].lines[i]
            unique(rule["id"], rule.lines["id"], place["name"])
            date(rule["since"], rule.lines["since"], place["name"])
            if rule["source"] not in known:
                problems.append(Problem(file, rule.lines["source"], place["name"],
                                            f"the rule cites the source '{rule['source']}', which 'sources:' does not list.",
                                            f"cite one of: {', '.join(sorted(known))}; or add the source to 'sources:' "
                                            "and to docs/sources.md."))
            rules.append(Rule(rule["text"].strip(), rule["since"], rule["source"],
                              rule["basis"].strip() if "basis" in rule else None, line, rule["id"],
                              tuple(sorted(rule.get("limits", {}).items()))))
        jurisdictions.append(Jurisdiction(place["name"].strip(), place["applies"].strip(), tuple(rules), place["id"],
                                          place.get("min_employees")))
    if problems:
        raise ProblemError(problems)
    return Checklist(data["title"].strip(), data["checked"], data["intro"].strip(), data["not_legal_advice"].strip(),
                     tuple(jurisdictions), sources, file)


def load_kits(folder: Path, display_root: Path | None = None) -> tuple[dict[str, Kit], Checklist]:
    """Every kit in the folder and the checklist beside them; one ProblemError with every file's problems.

    Any other file there (a kit saved as .yaml, say) is refused rather than ignored, except a
    subfolder named like a language code (`fr`: the French kits, read by their own call)."""
    checklist_path = folder / CHECKLIST_FILE
    problems: list[Problem] = []
    if not checklist_path.is_file():
        problems.append(Problem(shown_path(checklist_path, display_root or Path.cwd()), 1, "",
                                "the posting checklist is missing.",
                                "restore the file from version control: every kit shows it."))

    def load(path: Path, shown: str) -> Kit | Checklist:
        return load_checklist(path, shown) if path.name == CHECKLIST_FILE else load_kit(path, shown)

    try:
        loaded = load_folder(folder, load, what="kits", display_root=display_root or Path.cwd())
    except ProblemError as error:
        raise ProblemError([*problems, *error.problems]) from None
    if problems:
        raise ProblemError(problems)
    checklist = next(item for item in loaded if isinstance(item, Checklist))
    return {kit.id: kit for kit in loaded if isinstance(kit, Kit)}, checklist
