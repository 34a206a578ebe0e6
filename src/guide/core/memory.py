"""Pause Python's cyclic garbage collector while a flow is read or rendered.

Reading and rendering a flow allocate a great many small containers (the parsed YAML,
the model, Jinja's output pieces) that stay alive until the step ends and hold no
reference cycles. Each allocation counts towards the collector's next pass, and each
full pass walks every live object, the build's own included, so a large flow paid
for collections that freed nothing: about a third of the time of a 10,000-node flow
(scripts/bench_flow_engine.py). Reference counting still frees everything at once;
objects in a cycle wait until the step ends, when collection resumes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block (or, as `@gc_paused()`, the call), then
    restore it. Nesting is safe: only the outermost block turns it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
