"""The whole site as one PDF: the built pages assembled into one print document, rendered
from the print templates and laid out with WeasyPrint. Plain logic with no MkDocs import
(the hook `hooks/pdf_export.py` feeds it the built pages in nav order), one job a module:

| Module | Job |
| --- | --- |
| `model.py` | the built pages it is made from, the print document, its contents |
| `assemble.py` | the built pages, in nav order, into one print document |
| `links.py` | ids prefixed by page, links between pages made links inside the document |
| `paper.py` | a page made fit for paper: screen controls out, folds open, tabs unfolded, SVG styled, flow answers named, first uses of terms marked |
| `render.py` | the print templates (`overrides/pdf/`), autoescaped, and the cover's build stamp |
| `fetcher.py` | what WeasyPrint may read: files inside the built site and `data:` URLs |
| `write.py` | the layout by WeasyPrint, the tagged PDF and its warnings |
| `origins.py` | where a file the PDF refused was written: page and source line |

Text stays text: the templates are autoescaped, and only a page body, serialised by
BeautifulSoup from the built page, is passed as markup. BeautifulSoup and WeasyPrint are
imported only when a PDF is made: a plain build of the site does not need them.
"""

from .assemble import assemble
from .fetcher import RefusedURL, site_fetcher, site_file_url
from .links import BARE_LINK_CLASS, normalise_page_url, page_anchor
from .model import DocumentError, PrintDocument, PrintPage, SourcePage, TocEntry, TocGroup
from .origins import BuiltPage, Origin, origin_of
from .paper import FIRST_TERM_CLASS
from .render import BuildStamp, build_stamp, render_document
from .write import RenderResult, write_pdf

__all__ = [
    "BARE_LINK_CLASS",
    "FIRST_TERM_CLASS",
    "BuildStamp",
    "BuiltPage",
    "DocumentError",
    "Origin",
    "PrintDocument",
    "PrintPage",
    "RefusedURL",
    "RenderResult",
    "SourcePage",
    "TocEntry",
    "TocGroup",
    "assemble",
    "build_stamp",
    "normalise_page_url",
    "origin_of",
    "page_anchor",
    "render_document",
    "site_fetcher",
    "site_file_url",
    "write_pdf",
]
