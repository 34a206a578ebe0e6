"""Decision trees ("guide flows") written in YAML: load, validate, analyse, lay out, render, embed.

Plain Python with no MkDocs import, so it is unit-tested alone and runs in any
Python-Markdown host. One module per job:

- `source`:   YAML text to data that knows its lines, with limits (hostile input)
- `schema`:   the committed JSON Schema, with a line, node and fix per problem
- `graph`:    the model built from data; ids, references, reachability, cycles, links
- `load`:     a file or a folder of flows, through the three steps above
- `analysis`: reading order, numbers, questions left, incoming answers, route counts
- `layout`:   the diagram, a layered layout
- `render`:   HTML from the Jinja templates in overrides/partials/
- `memory`:   the garbage collector paused while a flow is read or rendered (speed)
- `block`:    the `/// guide-flow | <id>` Markdown block that puts a flow on a page
- `parity`:   a translated flow has the original's structure (ids, answers, fields)

Every problem is a `TreeError` listing `TreeProblem`s: file, line, node, what to change.
"""

from .analysis import MAX_LISTED_ROUTES, Analysis, Route, Step, analyse, passes_through, paths_markdown, review_routes, routes, topological
from .block import ASSETS, BLOCK_NAME, BlockSpec, CatchNearMisses, EmbedBlock, FlowSite, GuideFlowExtension, KeepSource, PageContext, block_header, block_line
from .errors import TreeError, TreeProblem
from .graph import FLOW_SUFFIX
from .layout import Box, Diagram, Edge, layout
from .load import load_flow, load_flows, parse_flow
from .model import Flow, KitTarget, Link, Node, Option, Outcome, Question, anchor_prefix
from .parity import structure_problems, translation_problems
from .render import TEMPLATE, render_flow, strict_env, template_cache
from .schema import MAX_OPTIONS, MIN_OPTIONS, SCHEMA_PATH

__all__ = [
    "ASSETS", "BLOCK_NAME", "FLOW_SUFFIX", "MAX_LISTED_ROUTES", "MAX_OPTIONS", "MIN_OPTIONS", "SCHEMA_PATH",
    "TEMPLATE", "Analysis", "BlockSpec", "CatchNearMisses", "EmbedBlock", "Box", "Diagram", "Edge", "Flow", "FlowSite", "GuideFlowExtension", "KeepSource", "KitTarget", "Link", "Node",
    "Option", "Outcome", "PageContext", "Question", "Route", "Step", "TreeError", "TreeProblem", "analyse",
    "anchor_prefix", "block_header", "block_line", "layout", "load_flow", "load_flows", "paths_markdown", "parse_flow",
    "passes_through", "render_flow", "review_routes", "routes", "strict_env", "structure_problems", "template_cache",
    "topological", "translation_problems",
]
