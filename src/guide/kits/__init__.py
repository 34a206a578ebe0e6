"""Hiring kits written in YAML: load, check, render, embed. No MkDocs import.

A kit (`docs/kits/<id>.yml`) holds a job-description starter, an interview loop with a
work sample, a scorecard and red flags for one role; the Canadian posting checklist
(`docs/kits/canada-posting-checklist.yml`) is shared by every kit. Reading reuses the
flow engine's line-aware YAML loader and schema check (`decision_tree.source`,
`decision_tree.schema`), so a bad kit is reported as file:line (place): problem. Fix: ...

- `model`:  the frozen dataclasses
- `load`:   a kit file, the checklist, or the whole kits folder
- `render`: HTML, Markdown and plain text from the Jinja templates in overrides/partials/
- `markdown_ext`: the `/// hiring-kit | <id>` Markdown block that puts a kit on a page
- `site_checks`: what only the whole site can check (each kit on its page, each source listed)
- `parity`: a translated kit (docs/kits/fr/<id>.yml) has its original's keys, lists and data
"""

from .load import CHECKLIST_FILE, CHECKLIST_SCHEMA, KIT_SCHEMA, KITS_DIR, load_checklist, load_kit, load_kits, page_of
from .markdown_ext import ASSETS, BLOCK_NAME, SOURCES_PAGE, HiringKitExtension, KitSite
from .model import Checklist, Competency, InterviewLoop, JobDescription, Kit, Rule, Scorecard, Stage
from .parity import translation_problems
from .render import PARTS, kit_markdown, md_escape, part_text, render_kit

__all__ = [
    "ASSETS",
    "BLOCK_NAME",
    "CHECKLIST_FILE",
    "CHECKLIST_SCHEMA",
    "KITS_DIR",
    "KIT_SCHEMA",
    "PARTS",
    "SOURCES_PAGE",
    "Checklist",
    "Competency",
    "HiringKitExtension",
    "InterviewLoop",
    "JobDescription",
    "Kit",
    "KitSite",
    "Rule",
    "Scorecard",
    "Stage",
    "kit_markdown",
    "load_checklist",
    "load_kit",
    "load_kits",
    "md_escape",
    "page_of",
    "part_text",
    "render_kit",
    "translation_problems",
]
