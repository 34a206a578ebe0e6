"""The site-wide glossary: one file of Markdown abbreviations, checked, listed and focusable.

- `source`: read and check the file (no Markdown, no MkDocs);
- `markdown_ext`: the terms on every page (through `abbr`), the `/// glossary` block (the
  Glossary page) and keyboard focus on the first use of each term on a page.
"""

from .markdown_ext import GlossaryExtension, first_use_focus
from .source import GLOSSARY_FILE, Entry, Glossary, GlossaryError, load_glossary, parse, twin

__all__ = ["GLOSSARY_FILE", "Entry", "Glossary", "GlossaryError", "GlossaryExtension", "first_use_focus", "load_glossary",
           "parse", "twin"]
