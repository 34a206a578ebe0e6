"""Hook: one "page not found" page for every language, at the site root.

A static host serves a single 404.html for every missing address, whatever its folder,
so the page says it in each language, each passage with its own `lang`, each linking to
its edition's home (overrides/404.html). It is built once, in the default language's
build: the i18n plugin's later builds would write over it, so they skip it. Its language
switcher points at each edition's home (there is no page to stay on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils.templates import TemplateContext

from guide.languages import interface_text
from guide.mkdocs_build import languages

TEMPLATE = "404.html"


@dataclass(frozen=True)
class Edition:
    """What the 404 template needs of one language: code, name, home and its text."""

    code: str
    name: str
    home: str  # site-relative; the url filter makes it absolute on an error page
    gettext: Callable[[str], str]


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Only the default language's build writes 404.html."""
    if languages.current(config).default:
        config.theme.static_templates.add(TEMPLATE)
    else:
        config.theme.static_templates.discard(TEMPLATE)
    return None


def on_template_context(context: TemplateContext, *, template_name: str,
                        config: MkDocsConfig) -> TemplateContext | None:
    """Give 404.html every edition, and a switcher to each edition's home."""
    if template_name != TEMPLATE:
        return None
    root = languages.project_root(config)
    editions = []
    for language in languages.languages(config):
        text = ({} if language.default
                else interface_text.load_catalogue(interface_text.catalogue_path(root, language.code)))
        editions.append(Edition(language.code, language.name, f"{language.root}index.html", _lookup(text)))
    context["guide_editions"] = editions
    if "alternate" in config.extra:
        config.extra["alternate"] = [{"name": e.name, "link": e.home, "lang": e.code} for e in editions]
    return context


def _lookup(catalogue: dict[str, str]) -> Callable[[str], str]:
    """The `_` of one edition: its translation of an English text (the text itself in English)."""
    return lambda text: catalogue.get(text, text)
