"""Rendered text kept between builds: a flow or a kit is rendered again, and the templates'
texts to translate listed again, only when something that made them changed.

Each entry is a text file named by a digest of everything the rendering read: the data
(the flow or kit, as its repr), the page's links, abbreviations and interface text, every
template the environment can load, and the code of the `guide` package. Nothing but text is
read back (no pickle, no marshal, no code): a damaged or foreign entry is at worst HTML that
no key names. A folder of None keeps nothing, so `markdown.markdown()` in a test renders
every time. BENCHMARKS.md ("Caching") has what this saves on each build.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2

FOLDER = ".cache/guide-rendered"  # in the project; mkdocs.yml's cache_dir options name it from docs/
MAX_ENTRIES = 200  # past this many, the oldest entries go when a new one is written
_PACKAGE = Path(__file__).resolve().parent.parent  # src/guide


@functools.cache
def code_digest() -> str:
    """A digest of the running code: every module and schema of the `guide` package. Per
    process: `mkdocs serve` does not reload a changed module either."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def templates_digest(env: jinja2.Environment) -> str:
    """A digest of every template `env` can load, read now: an edited template is a new key."""
    digest = hashlib.sha256()
    loader = env.loader
    if loader is None:
        return ""
    for name in sorted(loader.list_templates()):
        source, _filename, _uptodate = loader.get_source(env, name)
        digest.update(name.encode() + b"\0" + source.encode() + b"\0")
    return digest.hexdigest()


def remembered(folder: Path | None, parts: Iterable[str], render: Callable[[], str]) -> str:
    """`render()`, or the text it gave before for the same `parts` (plus the code digest)."""
    if folder is None:
        return render()
    digest = hashlib.sha256(code_digest().encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    entry = folder / f"{digest.hexdigest()}.html"
    try:
        text = entry.read_text(encoding="utf-8")
        os.utime(entry)  # in use: pruned last
        return text
    except (OSError, UnicodeDecodeError):
        pass
    text = render()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as out:
            out.write(text)
        os.replace(out.name, entry)  # whole or not at all: a build stopped halfway leaves no half entry
    except OSError:
        pass  # a read-only or full disk: the build goes on without keeping it
    return text


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.html"), key=lambda path: path.stat().st_mtime)
    for old in entries[: max(0, len(entries) - MAX_ENTRIES + 1)]:
        old.unlink(missing_ok=True)
