"""FAQPage structured data (JSON-LD) read from the rendered FAQ page."""

from .jsonld import FaqEntry, FaqMarkupError, extract_faq_entries, faq_page_jsonld, question_line

__all__ = ["FaqEntry", "FaqMarkupError", "extract_faq_entries", "faq_page_jsonld", "question_line"]
