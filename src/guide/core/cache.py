"""A private folder for what a build may keep for the next one (compiled schema, parsed flows
and kits, drawings).

In the temporary folder, one per user, readable by that user only: anything loaded from it
is trusted, so a folder another user could write to is not used (nothing is cached then).
GUIDE_FLOW_NO_CACHE=1 turns it off (the engine benchmark measures the work, not the cache)."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# The code that makes what is kept: an edit to any of it makes everything anew.
_CODE_FOLDERS = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "hiring_kit")


@functools.cache
def cache_dir() -> Path | None:
    """The user's private cache folder, made on first use; None if it is not safe to use."""
    if os.environ.get("GUIDE_FLOW_NO_CACHE"):
        return None
    folder = Path(tempfile.gettempdir()) / f"guide-flow-cache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file so that a reader never sees half of it (best effort)."""
    try:
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        pass


@functools.cache
def _code_digest() -> bytes:
    digest = hashlib.sha256()
    for folder in _CODE_FOLDERS:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def remembered(kind: str, inputs: Callable[[], Iterable[bytes]], make: Callable[[], T], expected: type) -> T:
    """`make()`, or what it made for the same `inputs()` (and the same engine code) in an
    earlier build. Kept only when it returns; an exception (a ProblemError) is raised every
    time. Anything unreadable, or not of the `expected` type, is made anew. `inputs` is
    called only when there is a cache folder (the engine benchmark has none)."""
    folder = cache_dir()
    if folder is None:
        return make()
    digest = hashlib.sha256(_code_digest())
    for part in inputs():
        digest.update(len(part).to_bytes(8, "big") + part)
    path = folder / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    try:
        value = pickle.loads(path.read_bytes())  # noqa: S301 (our own file, in a folder only we can write)
        if isinstance(value, expected):
            return value  # type: ignore[return-value]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError, IndexError):
        pass
    value = make()
    write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
