"""Render a flow to HTML with the site's Jinja templates (autoescaped, strict)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import weakref

import jinja2
from markupsafe import Markup

from guide.core.memory import gc_paused
from guide.core.templates import strict_env as _strict_env

from .analysis import analyse
from .layout import layout
from .model import Flow, KitTarget
from .terms import Terms

TEMPLATE = "partials/guide-flow.html"
TERMS_TEMPLATE = "partials/flow-term.html"


@jinja2.pass_context
def gloss(context: jinja2.runtime.Context, text: str, scope: Hashable | None = None,
          link: bool = False) -> str | Markup:
    """The `gloss` filter: a flow text with its terms of art as <abbr> (`Terms.mark` of the
    `terms` the template was given: once per node, see `Terms.split`). A filter rather than a
    function or macro in the template: Jinja calls a filter directly, and the flow template
    marks every text of every node."""
    terms = context.resolve_or_missing("terms")
    return terms.mark(text, scope, link) if isinstance(terms, Terms) else text


def strict_env(env: jinja2.Environment) -> jinja2.Environment:
    """The strict, autoescaping environment the flow templates render in, with `gloss`."""
    return _strict_env(env, filters={"gloss": gloss})


_STRICT: "weakref.WeakKeyDictionary[jinja2.Environment, jinja2.Environment]" = weakref.WeakKeyDictionary()


def flow_env(env: jinja2.Environment) -> jinja2.Environment:
    """`strict_env(env)`, made once per environment (a new overlay compiles every template
    again), and `env` itself when it is one already."""
    if env.undefined is jinja2.StrictUndefined and env.autoescape is True and "gloss" in env.filters:
        return env
    if env not in _STRICT:
        _STRICT[env] = strict_env(env)
    return _STRICT[env]


@gc_paused()
def render_flow(env: jinja2.Environment, flow: Flow, *, urls: Mapping[str, str], assets: Mapping[str, str] | None,
                template: str = TEMPLATE, kits: Mapping[str, KitTarget] | None = None,
                abbreviations: Mapping[str, str] | None = None) -> str:
    """Render the whole flow (no-JS form, JS hooks, diagram) with the given template environment.

    `urls` maps each linked page path (as written in the YAML, and each kit's page) to its URL
    from the page showing the flow; `kits` gives the title and page of each hiring kit; `assets`
    maps "css"/"js" to their URLs, or is None when another flow on the same page already loads
    them. `abbreviations` (term -> definition, as Python-Markdown's `abbr` has them for the
    page) become <abbr> elements in the flow's text.
    """
    if env.undefined is not jinja2.StrictUndefined or env.autoescape is not True:
        env = strict_env(env)  # a fresh overlay compiles its templates again: pass a strict env to reuse one
    analysis = analyse(flow)
    return env.get_template(template).render(
        flow=flow, analysis=analysis, diagram=layout(flow, analysis), urls=urls, assets=assets,
        prefix=flow.anchor_prefix, kits=kits or {},
        terms=Terms(abbreviations, env.get_template(TERMS_TEMPLATE)) if abbreviations else Terms(),
    )
