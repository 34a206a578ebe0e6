"""Pause Python's cyclic garbage collector while a flow is read or rendered.

Reading and rendering a flow allocate a great many small containers (the parsed YAML,
the model, Jinja's output pieces) that stay alive until the step ends and hold no
reference cycles. Each allocation counts towards the collector's next pass, and each
full pass walks every live object, the build's own included, so a large flow paid
for collections that freed nothing (BENCHMARKS.md, "Caching", has the figure). Reference counting still frees everything at once;
objects in a cycle wait until the step ends, when collection resumes.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator

KEEP_COLLECTING = "GUIDE_NO_GC_PAUSE"  # set: never pause (scripts/bench.py measures what the pause saves)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block (or, as `@gc_paused()`, the call), then
    restore it. Nesting is safe: only the outermost block turns it back on."""
    if os.environ.get(KEEP_COLLECTING):
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
