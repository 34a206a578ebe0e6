"""Rendering HTML and text from the site's Jinja templates: autoescaped, strict, cached.

Every package that turns data into a page part (flows, kits, the PDF) renders through
`strict_env`, so a missing field is an error, never an empty string, and text from data is
always escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2
import jinja2.bccache


def template_cache(name: str) -> jinja2.BytecodeCache:
    """Compiled templates kept in the temporary folder between builds, keyed by each template's
    text: compiling the flow template costs 20 ms a build. One cache per environment (`name`),
    since the compiled code depends on the environment's options as well."""
    return jinja2.FileSystemBytecodeCache(pattern=f"guide-{name}-%s.jinja")


def strict_env(env: jinja2.Environment, cache: str = "strict",
               filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """The theme's environment with StrictUndefined and autoescaping forced on, plus `filters`.

    The templates print their text through gettext (`_()`): a host that installed none
    (a unit test, another Python-Markdown host) gets the English as written."""
    strict = env.overlay(undefined=jinja2.StrictUndefined, autoescape=True, bytecode_cache=template_cache(cache))
    strict.filters = {**env.filters, **(filters or {})}  # an overlay shares its parent's dict: do not add to the theme's
    if "gettext" not in strict.globals:
        strict.add_extension("jinja2.ext.i18n")
        strict.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return strict


