"""Hook: one search index per language, so French search finds French pages only.

The i18n plugin builds each language in turn and leaves one index of every language's
pages in search/search_index.json. After its last build this hook writes each language
its own index in its own root (search/ for English, fr/search/ for French), locations
relative to that root and the index's stemmer set to that language, plus the
search_index.js copy that search from disk (file://) reads. Pages find theirs through
`guide_search_root`: overrides/base.html makes it the "base" Material's search starts from.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from guide.languages.search_index import split_index
from guide.mkdocs_build import languages

INDEX = "search/search_index.json"
OFFLINE_INDEX = "search/search_index.js"  # what Material reads from file:// (the offline plugin's form)


def on_page_context(context: TemplateContext, *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext | None:
    """The folder of this page's language, for base.html ("fr/"; "" for the default language).

    With its trailing slash: Material resolves search/search_index.json against it."""
    context["guide_search_root"] = languages.current(config).root
    return context


@event_priority(-200)  # after the i18n plugin (-100) has built every language and written its index
def on_post_build(*, config: MkDocsConfig) -> None:
    """Split the index once the last language is built."""
    plugin = config.plugins.get(languages.PLUGIN)
    if plugin is not None and getattr(plugin, "building", False):
        return  # a language build inside the plugin's loop: the index is not complete yet
    site = Path(config.site_dir)
    source = site / INDEX
    if not source.is_file():
        return
    index = json.loads(source.read_text(encoding="utf-8"))
    roots = {language.root: language.code for language in languages.languages(config)}
    for root, part in split_index(index, roots).items():
        text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        (site / root / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (site / root / INDEX).write_text(text, encoding="utf-8")
        (site / root / OFFLINE_INDEX).write_text(f"var __index = {text}", encoding="utf-8")
