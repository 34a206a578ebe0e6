"""Read flow files: YAML with lines, then the schema, then the graph rules."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .cache import remembered
from .errors import TreeError, TreeProblem
from .graph import FLOW_SUFFIX, build, graph_problems
from .memory import gc_paused
from .model import Flow
from .schema import SCHEMA_PATH, schema_problems, type_name
from .source import decode, read_yaml

# Files in the flows folder that are neither flows nor known companions are refused,
# so that a flow saved as .yaml (or .YML) is not silently left out.
COMPANION_FILES = {"paths.md"}
# A subfolder named like a language code (fr, pt-BR) holds that language's translations
# of the flows: loaded on their own, then compared with `parity.translation_problems`.
TRANSLATION_FOLDER = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")


@gc_paused()
def parse_flow(text: str, file: str, expected_id: str | None = None) -> Flow:
    """Parse and validate flow YAML text; raise TreeError listing every problem."""
    data = read_yaml(text, file)
    if not isinstance(data, dict):
        raise TreeError([TreeProblem(file, 1, "", f"the file holds {type_name(data)}, not a flow.",
                                     "start with 'id:', 'title:', 'intro:', 'start:' and 'nodes:'.")])
    problems = schema_problems(data, file)
    if problems:
        raise TreeError(problems)
    flow = build(data, file)
    problems = graph_problems(flow, data.lines, expected_id)
    if problems:
        raise TreeError(problems)
    return flow


def load_flow(path: Path, display: str | None = None) -> Flow:
    """Read, parse and validate one flow file; its id must match the file name."""
    file = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TreeError([TreeProblem(file, 1, "", f"the file cannot be read ({error.strerror}).",
                                     "check that it exists and is readable.")]) from None
    return _parse_bytes(raw, file, path.name.removesuffix(FLOW_SUFFIX), SCHEMA_PATH.read_bytes())


@functools.lru_cache(maxsize=32)
def _parse_bytes(raw: bytes, file: str, expected_id: str, schema: bytes) -> Flow:
    """A flow from its bytes, cached by them (and the schema's) as the kits are: the English
    build checks each translation, and the translation's own build reads it again; and kept
    for the next build (`cache.remembered`). An edited file is a new key, so `mkdocs serve`
    never sees a stale flow; a TreeError is not cached."""
    return remembered("flow", lambda: (raw, file.encode(), expected_id.encode(), schema),
                      lambda: parse_flow(decode(raw, file), file, expected_id=expected_id), Flow)


def _shown(path: Path, display_root: Path | None) -> str:
    if display_root and path.resolve().is_relative_to(display_root.resolve()):
        return str(path.resolve().relative_to(display_root.resolve()))
    return str(path)


def load_flows(folder: Path, display_root: Path | None = None) -> dict[str, Flow]:
    """Load every *.yml flow in a folder; raise one TreeError with every file's problems.

    Any other file there (a flow saved as .yaml, say) is refused rather than ignored,
    except a subfolder named like a language code (`fr`: the French flows)."""
    flows: dict[str, Flow] = {}
    problems: list[TreeProblem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        shown = _shown(path, display_root)
        if path.name in COMPANION_FILES or path.name.startswith("."):
            continue
        if TRANSLATION_FOLDER.match(path.name) and path.is_dir():
            continue
        if path.suffix != FLOW_SUFFIX or not path.is_file():
            fix = (f"rename it to {path.stem}{FLOW_SUFFIX}" if path.suffix.lower() in (".yaml", ".yml")
                   else "move it out of this folder")
            problems.append(TreeProblem(shown, 1, "", f"this folder holds only flows ending in {FLOW_SUFFIX}; "
                                        f"'{path.name}' would be ignored.", f"{fix}."))
            continue
        try:
            flow = load_flow(path, shown)
        except TreeError as error:
            problems.extend(error.problems)
            continue
        flows[flow.id] = flow
    if problems:
        raise TreeError(problems)
    return flows
