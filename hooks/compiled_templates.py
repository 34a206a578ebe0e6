"""Hook: the theme's templates compile once per `mkdocs build`, not once per language.

The i18n plugin builds the site once per language, each build with a new template
environment, and Material's templates take a large share of a build to compile. This hook
gives every environment the same in-memory cache of compiled templates
(`guide.core.templates.compiled_templates()`), checked against each template's source. BENCHMARKS.md,
"Caching", has the figure.
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from guide.core.templates import compiled_templates


def on_env(env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    """Give the build's template environment the shared cache, before any page is rendered."""
    env.bytecode_cache = compiled_templates()
    return env
