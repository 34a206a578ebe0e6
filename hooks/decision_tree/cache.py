"""A private folder for what a build may keep for the next one (compiled schema, drawings).

In the temporary folder, one per user, readable by that user only: anything loaded from it
is trusted, so a folder another user could write to is not used (nothing is cached then).
GUIDE_FLOW_NO_CACHE=1 turns it off (the engine benchmark measures the work, not the cache)."""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from pathlib import Path


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
