"""Read flow files: YAML with lines, then the schema, then the graph rules."""

from __future__ import annotations

import functools
from pathlib import Path

from guide.core.folders import load_folder, read_bytes
from guide.core.memory import gc_paused
from guide.core.problems import ProblemError
from guide.core.schema import checked_data
from guide.core.yaml_source import decode, read_yaml

from .analysis import analyse
from .facts import fact_problems
from .graph import FLOW_SUFFIX, build, graph_problems
from .model import Flow
from .schema import SCHEMA_PATH, node_name

# Files in the flows folder that are neither flows nor known companions are refused,
# so that a flow saved as .yaml (or .YML) is not silently left out.
COMPANION_FILES = {"paths.md"}


@gc_paused()
def parse_flow(text: str, file: str, expected_id: str | None = None) -> Flow:
    """Parse and validate flow YAML text; raise ProblemError listing every problem."""
    data = checked_data(read_yaml(text, file), file, SCHEMA_PATH, node_name, expected="a flow",
                        start="start with 'id:', 'title:', 'intro:', 'start:' and 'nodes:'.")
    flow = build(data, file)
    problems = graph_problems(flow, data.lines, expected_id)
    if problems:
        raise ProblemError(problems)
    problems = fact_problems(flow, analyse(flow)) if flow.facts else []
    if problems:
        raise ProblemError(problems)
    return flow


def load_flow(path: Path, display: str | None = None) -> Flow:
    """Read, parse and validate one flow file; its id must match the file name."""
    file = display or str(path)
    return _parse_bytes(read_bytes(path, file), file, path.name.removesuffix(FLOW_SUFFIX), SCHEMA_PATH.read_bytes())


@functools.lru_cache(maxsize=32)
def _parse_bytes(raw: bytes, file: str, expected_id: str, schema: bytes) -> Flow:
    """A flow from its bytes, cached by them (and the schema's) as the kits are: the English
    build checks each translation, the translation's own build and every page of its language
    read it again. An edited file is a new key, so `mkdocs serve` never sees a stale flow; a
    ProblemError is not cached."""
    return parse_flow(decode(raw, file), file, expected_id=expected_id)


def load_flows(folder: Path, display_root: Path | None = None) -> dict[str, Flow]:
    """Load every *.yml flow in a folder; raise one ProblemError with every file's problems.

    Any other file there (a flow saved as .yaml, say) is refused rather than ignored,
    except a subfolder named like a language code (`fr`: the French flows)."""
    flows = load_folder(folder, load_flow, what="flows", display_root=display_root, companions=COMPANION_FILES)
    return {flow.id: flow for flow in flows}
