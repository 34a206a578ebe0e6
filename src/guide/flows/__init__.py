"""Decision trees ("guide flows") written in YAML: load, validate, analyse, lay out, render, embed.

Plain Python with no MkDocs import, so it is unit-tested alone and runs in any
Python-Markdown host. One module per job:

- `schema`:   the flow file's JSON Schema (flow.schema.json) and how its problems name a node
- `graph`:    the model built from data; ids, references, reachability, cycles, links
- `load`:     a file or a folder of flows, through the three steps above
- `analysis`: reading order, numbers, questions left, incoming answers, route counts
- `layout`:   the diagram, a layered layout
- `render`:   HTML from the Jinja templates in overrides/partials/
- `markdown_ext`: the `/// guide-flow | <id>` Markdown block that puts a flow on a page
- `site_checks`: what only the whole site can check (a flow no page shows, links)
- `parity`:   a translated flow has the original's structure (ids, answers, fields)

Reading YAML with lines, schema checks, problems, caching and the embed-block base are the
shared core's (`guide.core`). Every problem is a `ProblemError` listing `Problem`s: file,
line, node, what to change.
"""

from guide.core.host_page import PageContext
from guide.core.problems import Problem, ProblemError

from .analysis import (
    MAX_LISTED_ROUTES,
    Analysis,
    Route,
    Step,
    analyse,
    passes_through,
    paths_markdown,
    review_routes,
    routes,
    topological,
)
from .graph import FLOW_SUFFIX
from .layout import Box, Diagram, Edge, layout
from .load import load_flow, load_flows, parse_flow
from .markdown_ext import ASSETS, BLOCK_NAME, FLOWS_DIR, FlowSite, GuideFlowExtension
from .model import Flow, KitTarget, Link, Node, Option, Outcome, Question, anchor_prefix
from .parity import structure_problems, translation_problems
from .render import TEMPLATE, render_flow, strict_env
from .schema import MAX_OPTIONS, MIN_OPTIONS, SCHEMA_PATH

__all__ = [
    "ASSETS",
    "BLOCK_NAME",
    "FLOWS_DIR",
    "FLOW_SUFFIX",
    "MAX_LISTED_ROUTES",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "SCHEMA_PATH",
    "TEMPLATE",
    "Analysis",
    "Box",
    "Diagram",
    "Edge",
    "Flow",
    "FlowSite",
    "GuideFlowExtension",
    "KitTarget",
    "Link",
    "Node",
    "Option",
    "Outcome",
    "PageContext",
    "Problem",
    "ProblemError",
    "Question",
    "Route",
    "Step",
    "analyse",
    "anchor_prefix",
    "layout",
    "load_flow",
    "load_flows",
    "parse_flow",
    "passes_through",
    "paths_markdown",
    "render_flow",
    "review_routes",
    "routes",
    "strict_env",
    "structure_problems",
    "topological",
    "translation_problems",
]
