"""The ids a piece of built HTML holds, read with the standard library's HTML parser.

MkDocs lists a page's ids from its Markdown tree (`present_anchor_ids`), which does not see
the HTML a block puts in whole (a hiring kit's `kit-scorecard`): a link to such an id is good
once the page is built, and the site's checks read it here."""

from __future__ import annotations

from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag


def ids_in(html: str) -> set[str]:
    """Every `id` attribute in `html`."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids
