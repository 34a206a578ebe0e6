"""The site-wide glossary: one file of Markdown abbreviations, checked, listed and focusable.

- `source`: read and check the file (no Markdown, no MkDocs);
- `markdown_ext`: the `/// glossary` block (the Glossary page) and keyboard focus on the
  first use of each term on a page.
"""

from .markdown_ext import GlossaryExtension, first_use_focus
from .source import Entry, Glossary, GlossaryError, parse

__all__ = ["Entry", "Glossary", "GlossaryError", "GlossaryExtension", "first_use_focus", "parse"]
