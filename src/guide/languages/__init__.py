"""The site's languages: its editions and the page parity check (`editions`), and the
interface text the templates print in each language (`interface_text`). No MkDocs import."""

from . import interface_text
from .editions import Language, missing_pages, page_language, split_source, untranslated_titles

__all__ = ["Language", "interface_text", "missing_pages", "page_language", "split_source", "untranslated_titles"]
