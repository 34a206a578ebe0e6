"""Text from data as Markdown text: the one escaper behind every "Copy as Markdown" and the
kit download.

A value from a flow or kit file is text. Pasted into Jira, GitHub or Linear (CommonMark with
GitHub's extensions), whatever characters it holds must show as those characters and never
become structure: emphasis, code, HTML, an autolink, a table cell, strikethrough, a heading,
a list item, a quote, a code block, a link or image, a reference definition
(`[Company]: https://x`) or a task box. Values are escaped line by line, since a value that
holds a line break starts new lines in the document it is pasted into.

Left as it is: a bare address (`https://...`), which the reader's tool may show as a link
to that same address, and `$`, which only GitHub reads, as mathematics, between two dollar
signs with no space inside them.
"""

from __future__ import annotations

import re

# Anywhere in a line: the backslash itself, code (`), emphasis (* _), HTML and autolinks
# (< >), table cells (|), strikethrough (~), ATX headings and GitHub issue references (#).
_ANYWHERE = re.compile(r"([\\`*_<>|~#])")
# What turns bracketed text into a link, an image or a definition: "](", "][", "]:".
_AFTER_BRACKET = re.compile(r"\](?=[(\[:])")
# A character reference ("&amp;", "&#60;") would print as the character it names.
_REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
# At the start of a line: list items ("-", "+", "1.", "1)"), setext underlines ("=", "-"),
# task boxes ("[ ]", "[x]"). Quotes, headings and "*" lists are escaped anywhere already.
_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])|\[(?=[ xX]\]))")
_LINES = re.compile(r"\r\n?|\n")
# Whatever escape() may change; a value with none of it is returned as it is (most values:
# a 10,000-node flow escapes some 50,000).
_PLAIN = re.compile(r"[^\\`*_<>|~#\]&\r\n]*")
_PLAIN_START = re.compile(r"[ \t\-+=\[0-9]")


def escape(value: object) -> str:
    """`value` as Markdown text that reads as the value and holds no structure. Each line
    loses its leading white space (four spaces start a code block) and blank lines go (one
    would end the list item or paragraph the value is in)."""
    text = str(value)
    if _PLAIN.fullmatch(text) and not _PLAIN_START.match(text):
        return text
    lines = []
    for line in _LINES.split(text):
        line = line.lstrip(" \t")
        if not line:
            continue
        line = _ANYWHERE.sub(r"\\\1", line)
        line = _AFTER_BRACKET.sub("]\\\\", line)
        line = _REFERENCE.sub("\\\\&", line)
        lines.append(_LINE_START.sub(_line_start, line, count=1))
    return "\n".join(lines)


def _line_start(match: re.Match[str]) -> str:
    mark, number, delimiter = match.groups()
    if mark:
        return "\\" + mark
    if number:
        return f"{number}\\{delimiter}"
    return "\\["
