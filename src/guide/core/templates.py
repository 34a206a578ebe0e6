"""Rendering HTML and text from the site's Jinja templates: autoescaped and strict.

Every package that turns data into a page part (flows, kits) renders through `strict_env`, so
a missing field is an error, never an empty string, and text from data is always escaped.
Callers keep the environment it returns for the whole build: each overlay compiles its
templates once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2


def strict_env(env: jinja2.Environment, filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """The theme's environment with StrictUndefined and autoescaping forced on, plus `filters`.

    The templates print their text through gettext (`_()`): a host that installed none
    (a unit test, another Python-Markdown host) gets the English as written."""
    strict = env.overlay(undefined=jinja2.StrictUndefined, autoescape=True)
    strict.filters = {**env.filters, **(filters or {})}  # an overlay shares its parent's dict: do not add to the theme's
    if "gettext" not in strict.globals:
        strict.add_extension("jinja2.ext.i18n")
        strict.install_null_translations(newstyle=True)
    return strict
