"""Hook: schema.org FAQPage JSON-LD for every page that holds guide-faq questions.

Puts the data in the template context as `guide_faq_jsonld`;
overrides/partials/guide-meta.html writes it into the page head. The reading of the
HTML lives in src/guide/faq/jsonld.py, which also finds the question's line in the source.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from guide.faq import FaqMarkupError, extract_faq_entries, faq_page_jsonld, question_line

CONTEXT_KEY = "guide_faq_jsonld"


def on_page_context(context: TemplateContext, *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
    """Add the page's FAQPage object to the context (None when it has no questions)."""
    try:
        entries = extract_faq_entries(page.content or "")
    except FaqMarkupError as error:
        line = question_line(page.file.content_string, error.number)
        where = f"{page.file.src_uri}:{line}" if line else page.file.src_uri
        raise PluginError(f"{where}: {error}") from None
    context[CONTEXT_KEY] = faq_page_jsonld(entries) if entries else None
    return context
