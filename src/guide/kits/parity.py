"""Translations of the hiring kits: the same structure as the originals, text aside. No MkDocs import.

A translated kit (docs/kits/fr/mlops-engineer.yml beside the English mlops-engineer.yml)
and the translated posting checklist (docs/kits/fr/canada-posting-checklist.yml) must
have every key of the original and no other, lists of the same length (the same number of
titles, responsibilities, stages, questions, anchors, red flags, provinces, rules,
sources), and the same data: the kit `id`, each rule's `since` date and `source` id, the
checklist's `checked` date and each source's `id`, and any number or yes/no value. Only
the text may differ. The comparison runs on the YAML itself, so every problem names the
translated file, the line and the key to fix (`interview_loop.stages[2].questions[1].red_flag`),
as `decision_tree.parity` does for the flows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guide.core.problems import Problem

from .load import KIT_SUFFIX, raw_data

# Keys whose value is data, not text: the same in every language.
SAME_VALUE = frozenset({"id", "since", "source", "checked"})


def _line(container: Any, key: Any, default: int) -> int:
    """The line of a key of a Map (or an item of a Seq), else `default`."""
    lines = getattr(container, "lines", None)
    try:
        return int(lines[key]) if lines is not None else default
    except (KeyError, IndexError, TypeError):
        return default


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else f"the value {value!r}"


def structure_problems(original: Any, translated: Any, file: str, original_file: str) -> list[Problem]:
    """Every way the translated file's data differs from the original's in structure or data
    (empty: the same). `file` is the translation as named in messages, `original_file` the original."""
    problems: list[Problem] = []

    def add(line: int, key: str, problem: str, fix: str) -> None:
        top = key.split(".", 1)[0].split("[", 1)[0]
        problems.append(Problem(file, line, top, f"{key}: {problem}", fix))

    def walk(ours: Any, theirs: Any, key: str, name: str, line: int, our_line: int) -> None:
        if isinstance(ours, dict) and isinstance(theirs, dict):
            where = line if key else getattr(theirs, "line", 1)  # the line of its key, the file's start
            for k in ours:
                if k not in theirs:
                    add(where, _join(key, k), f"is missing in the translation but there in the original "
                        f"(line {_line(ours, k, our_line)} of {original_file}).",
                        "translate it here, under the same key.")
            for k in theirs:
                if k not in ours:
                    add(_line(theirs, k, where), _join(key, k), f"is there in the translation but not in the "
                        f"original {original_file}.", "remove it, or add it to the original first.")
            for k in ours:
                if k in theirs:
                    walk(ours[k], theirs[k], _join(key, k), str(k), _line(theirs, k, where), _line(ours, k, our_line))
        elif isinstance(ours, list) and isinstance(theirs, list):
            if len(ours) != len(theirs):
                add(line, key, f"has {len(theirs)} items, the original {len(ours)} (line {our_line} of "
                    f"{original_file}).", "translate each item once, in the original's order.")
            for number, (a, b) in enumerate(zip(ours, theirs), start=1):
                walk(a, b, f"{key}[{number}]", name, _line(theirs, number - 1, line), _line(ours, number - 1, our_line))
        elif isinstance(ours, (dict, list)) or isinstance(theirs, (dict, list)):
            add(line, key, f"is {_kind(theirs)}, the original's is {_kind(ours)}.",
                "give it the original's shape; translate only the text.")
        elif isinstance(ours, str) and isinstance(theirs, str):
            if name in SAME_VALUE and ours.strip() != theirs.strip():
                add(line, key, f"is '{theirs.strip()}', the original's is '{ours.strip()}'.",
                    f"set '{name}: {ours.strip()}': ids, dates and source ids stay the same in every language.")
        elif ours != theirs or type(ours) is not type(theirs):
            add(line, key, f"is {_kind(theirs)}, the original's is {_kind(ours)}.",
                f"set '{name}: {ours}': only text is translated.")

    walk(original, translated, "", "", 1, 1)
    return problems


def _join(key: str, child: Any) -> str:
    return f"{key}.{child}" if key else str(child)


def _files(folder: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix == KIT_SUFFIX
            and not p.name.startswith(".")} if folder.is_dir() else {}


def translation_problems(original_folder: Path, translated_folder: Path, display_root: Path | None = None) -> list[Problem]:
    """Every kit and the checklist translated, nothing but translations, each with its
    original's structure and data. Call it once both folders load cleanly (`load_kits`)."""
    root = (display_root or Path.cwd()).resolve()

    def shown(path: Path) -> str:
        resolved = path.resolve()
        return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)

    originals, translations = _files(original_folder), _files(translated_folder)
    problems = [Problem(shown(translated_folder / name), 1, "", f"{shown(path)} has no translation here.",
                            "copy the original here and translate its text, keeping its keys, ids, dates "
                            "and the length of every list.")
                for name, path in originals.items() if name not in translations]
    problems += [Problem(shown(path), 1, "", f"there is no original {shown(original_folder / name)} to translate.",
                             "remove the file or add the original.")
                 for name, path in translations.items() if name not in originals]
    for name in sorted(originals.keys() & translations.keys()):
        ours, theirs = originals[name], translations[name]
        problems += structure_problems(raw_data(ours.read_bytes(), shown(ours)),
                                       raw_data(theirs.read_bytes(), shown(theirs)), shown(theirs), shown(ours))
    return problems
