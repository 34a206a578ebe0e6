"""Reading a folder of YAML data files (the flows, the hiring kits): each file through its
loader, every problem of every file reported at once, and nothing silently left out.

A file in the folder that is not `<name>.yml` (a flow saved as `.yaml`, a stray note) is a
problem rather than ignored; a subfolder named like a language code (`fr`, `pt-BR`) holds
that language's translations and is read by its own call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .problems import Problem, ProblemError

T = TypeVar("T")
YAML_SUFFIX = ".yml"
TRANSLATION_FOLDER = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")


def shown_path(path: Path, display_root: Path | None) -> str:
    """A path as written in messages: relative to `display_root` when it is inside it."""
    if display_root is not None:
        resolved, root = path.resolve(), display_root.resolve()
        if resolved.is_relative_to(root):
            return str(resolved.relative_to(root))
    return str(path)


def read_bytes(path: Path, display: str) -> bytes:
    """A file's bytes, or a ProblemError saying it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ProblemError([Problem(display, 1, "", f"the file cannot be read ({error.strerror}).",
                                    "check that it exists and is readable.")]) from None


def load_folder(folder: Path, load: Callable[[Path, str], T], *, what: str, display_root: Path | None = None,
                companions: Iterable[str] = ()) -> list[T]:
    """`load(path, shown)` for every `*.yml` file in `folder`, in name order; one ProblemError
    with the problems of every file, and one for each file that is neither YAML data nor a
    known companion (`what` names the data in that message: "flows", "kits")."""
    loaded: list[T] = []
    problems: list[Problem] = []
    skipped = set(companions)
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.name in skipped or path.name.startswith(".") or (TRANSLATION_FOLDER.match(path.name) and path.is_dir()):
            continue
        shown = shown_path(path, display_root)
        if path.suffix != YAML_SUFFIX or not path.is_file():
            fix = (f"rename it to {path.stem}{YAML_SUFFIX}" if path.suffix.lower() in (".yaml", ".yml")
                   else "move it out of this folder")
            problems.append(Problem(shown, 1, "", f"this folder holds only {what} ending in {YAML_SUFFIX}; "
                                    f"'{path.name}' would be ignored.", f"{fix}."))
            continue
        try:
            loaded.append(load(path, shown))
        except ProblemError as error:
            problems.extend(error.problems)
    if problems:
        raise ProblemError(problems)
    return loaded
