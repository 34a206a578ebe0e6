"""The "Check a job ad" tool: rules as data, checked at build time, embedded in a page. No
MkDocs import.

The reading itself runs in the reader's browser (docs/assets/javascripts/jobad.js): nothing
is sent or stored. Python reads and checks the rules (docs/job-ads/rules.yml, French in
fr/rules.yml) and renders the page part, with the checklist read by hand for readers without
JavaScript and on paper. The posting questions cite the posting checklist's rules by id
(docs/kits/canada-posting-checklist.yml), so each legal fact, its date and its source live in
one place; that is why this package reads `guide.kits`' checklist.

- `model`:  the frozen dataclasses
- `terms`:  how a term is folded and matched (the browser does the same)
- `load`:   a rules file, through the core YAML reader and `rules.schema.json`
- `render`: the page part from overrides/partials/job-ad-check.html, the rules as JSON
- `markdown_ext`: the `/// job-ad-check | rules` block
- `site_checks`: the questions' checklist rules and the roles' kits exist; a translation's structure
"""

from .load import RULES_DIR, RULES_FILE, RULES_SCHEMA, load_rules, rules_path
from .markdown_ext import ASSETS, BLOCK_NAME, JobAdExtension, JobAdSite, load_edition
from .model import LABELS, DutyRule, Question, Role, Rules, TitleRule
from .render import browser_data, render_checker
from .site_checks import reference_problems, translation_problems
from .terms import fold, term_problem

__all__ = [
    "ASSETS", "BLOCK_NAME", "LABELS", "RULES_DIR", "RULES_FILE", "RULES_SCHEMA", "DutyRule", "JobAdExtension",
    "JobAdSite", "Question", "Role", "Rules", "TitleRule", "browser_data", "fold", "load_edition", "load_rules",
    "reference_problems", "render_checker", "rules_path", "term_problem", "translation_problems",
]
