"""The flow file's JSON Schema (flow.schema.json, beside this module) and how a schema
problem names its place: the id of the node it is in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guide.core.problems import Problem
from guide.core.schema import schema_problems

SCHEMA_PATH = Path(__file__).resolve().parent / "flow.schema.json"
MIN_OPTIONS = 2  # as the schema's minItems and maxItems on a question's options
MAX_OPTIONS = 6


def node_name(data: Any, path: tuple[Any, ...]) -> str:
    """The id of the node a schema path points into, or '' for flow-level fields."""
    if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int):
        nodes = data.get("nodes") if isinstance(data, dict) else None
        node = nodes[path[1]] if isinstance(nodes, list) and path[1] < len(nodes) else None
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return node["id"]
        return f"#{path[1] + 1}"
    return ""



def flow_schema_problems(data: Any, file: str) -> list[Problem]:
    """Every way the flow data breaks the schema, with line, node and fix."""
    return schema_problems(data, file, SCHEMA_PATH, node_name)
