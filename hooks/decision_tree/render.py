"""Render a flow to HTML with the site's Jinja templates (autoescaped, strict)."""

from __future__ import annotations

from collections.abc import Mapping

import jinja2
import jinja2.bccache

from .analysis import analyse
from .layout import layout
from .model import Flow
from .terms import Terms

TEMPLATE = "partials/guide-flow.html"


class _CompiledTemplates(jinja2.BytecodeCache):
    """The flow templates compiled once per process, not once per environment: a site
    built in two languages makes a fresh environment for each. Jinja checks each entry
    against a checksum of the template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def strict_env(env: jinja2.Environment) -> jinja2.Environment:
    """The theme's environment with StrictUndefined and autoescaping forced on.

    The templates print their text through gettext (`_()`): a host that installed none
    (a unit test, another Python-Markdown host) gets the English as written."""
    strict = env.overlay(undefined=jinja2.StrictUndefined, autoescape=True, bytecode_cache=_COMPILED)
    if "gettext" not in strict.globals:
        strict.add_extension("jinja2.ext.i18n")
        strict.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return strict


def render_flow(env: jinja2.Environment, flow: Flow, *, urls: Mapping[str, str], assets: Mapping[str, str] | None,
                template: str = TEMPLATE, abbreviations: Mapping[str, str] | None = None) -> str:
    """Render the whole flow (no-JS form, JS hooks, diagram) with the given template environment.

    `urls` maps each linked page path (as written in the YAML) to its URL from the page
    showing the flow; `assets` maps "css"/"js" to their URLs, or is None when another
    flow on the same page already loads them. `abbreviations` (term -> definition, as
    Python-Markdown's `abbr` has them for the page) become <abbr> elements in the flow's text.
    """
    if env.undefined is not jinja2.StrictUndefined or env.autoescape is not True:
        env = strict_env(env)  # a fresh overlay compiles its templates again: pass a strict env to reuse one
    analysis = analyse(flow)
    return env.get_template(template).render(
        flow=flow, analysis=analysis, diagram=layout(flow, analysis), urls=urls, assets=assets,
        prefix=flow.anchor_prefix, terms=Terms(abbreviations),
    )
