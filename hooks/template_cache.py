"""MkDocs hook: keep the theme's compiled Jinja templates between builds.

Material and our overrides compile about fifty templates on every build (a tenth of a
second). Jinja's file bytecode cache keeps the compiled code in the temporary folder,
keyed by template and checked against the template's text, so an edited template is
compiled again (also under `mkdocs serve`) and nothing stale is ever used. The flow and
kit templates have their own caches (`guide.core.templates.template_cache`).
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from guide.core.templates import template_cache


def on_env(env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    """Give the build's template environment a bytecode cache before any page is rendered."""
    env.bytecode_cache = template_cache("theme")
    return env
