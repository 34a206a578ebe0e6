"""Text from data as Markdown text: the one escaper behind every "Copy as Markdown" and the
kit download.

A value from a flow or kit file is text. Pasted into Jira, GitHub or Linear (CommonMark with
GitHub's extensions), whatever characters it holds must show as those characters and never
become structure: emphasis, code, HTML, an autolink, a table cell, strikethrough, a heading,
a list item, a quote, a code block, a link or image, a reference definition
(`[Company]: https://x`) or a task box, wherever the template puts the value: at the start of
a line, inside one (a heading, bold text, a link's label), or as a whole paragraph. A value's
line breaks become spaces, as the page's HTML shows them: a value of several lines would
otherwise end the heading or label it is in and start lines of its own (tests/
test_markdown_copies.py renders hostile kits and flows with Python-Markdown and CommonMark).
Each line is escaped as if it began a line, so what was one stays text either way.

Left as it is: a bare address (`https://...`), which the reader's tool may show as a link
to that same address, and `$`, which only GitHub reads, as mathematics, between two dollar
signs with no space inside them.
"""

from __future__ import annotations

import re

# Anywhere in a line: the backslash itself, code (`), emphasis (* _), HTML and autolinks
# (< >), table cells (|), strikethrough (~), ATX headings and GitHub issue references (#).
_ANYWHERE = re.compile(r"([\\`*_<>|~#])")
# Brackets: a placeholder, `[Company]` (no bracket inside, not followed by what makes it a
# link, an image or a definition: "(", "[", ":"), stays as it is, readable; every other
# bracket is escaped, so no link forms and none is left unbalanced (an unbalanced one ends
# the label of a link the template writes around the value).
_BRACKETS = re.compile(r"(\[[^\[\]]*\](?![(\[:]))|([\[\]])")
# A character reference ("&amp;", "&#60;") would print as the character it names.
_REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
# At the start of a line: list items ("-", "+", "1.", "1)"), setext underlines ("=", "-"),
# task boxes ("[ ]", "[x]"). Quotes, headings and "*" lists are escaped anywhere already.
_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])|\[(?=[ xX]\]))")
_LINES = re.compile(r"\r\n?|\n")
# Whatever escape() may change; a value with none of it is returned as it is (most values:
# a 10,000-node flow escapes some 50,000).
_PLAIN = re.compile(r"[^\\`*_<>|~#\[\]&\r\n]*")
_PLAIN_START = re.compile(r"[ \t\-+=\[0-9]")


def escape(value: object) -> str:
    """`value` as Markdown text on one line that reads as the value and holds no structure.
    Each line of the value loses its leading white space (four spaces start a code block),
    blank lines go, and the lines are joined with a space."""
    text = str(value)
    if _PLAIN.fullmatch(text) and not _PLAIN_START.match(text):
        return text
    lines = []
    for line in _LINES.split(text):
        line = line.lstrip(" \t")
        if not line:
            continue
        line = _ANYWHERE.sub(r"\\\1", line)
        line = _BRACKETS.sub(_bracket, line)
        line = _REFERENCE.sub("\\\\&", line)
        lines.append(_LINE_START.sub(_line_start, line, count=1))
    return " ".join(lines)


def _bracket(match: re.Match[str]) -> str:
    placeholder, bracket = match.groups()
    return placeholder or "\\" + bracket


def _line_start(match: re.Match[str]) -> str:
    mark, number, delimiter = match.groups()
    if mark:
        return "\\" + mark
    if number:
        return f"{number}\\{delimiter}"
    return "\\["
