"""A built page made fit for paper: screen-only controls dropped, folded content opened,
content tabs unfolded, inline SVG styled, flow answers naming where they lead, and the
first use of each glossary term marked for its definition in brackets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guide.glossary.first_use import PRINT, SOUP_TREE, first_uses

from .model import DocumentError

if TYPE_CHECKING:
    from bs4 import Tag

# Elements that only make sense on a screen. `.guide-screen-only` is the project-wide
# marker for any other control a feature adds.
SCREEN_ONLY_SELECTORS = (
    "a.headerlink",
    ".md-content__button",
    ".md-clipboard",
    ".md-source-file",
    "button",
    "input",
    "form",
    "script",
    "noscript",
    "template",
    ".guide-faq__permalink",
    ".guide-pdf-link",
    ".guide-screen-only",
    "[hidden]",  # hidden until a script shows it: nothing to print
    "link",  # stylesheets a feature loads for the screen
)
FLOW_SELECTOR = "[data-flow]"
FLOW_NODE_SELECTOR = "[data-node]"
FIRST_TERM_CLASS = "guide-pdf-term"  # pdf.css prints the title of these after them


def drop_screen_only(article: Tag) -> None:
    for element in article.select(", ".join(SCREEN_ONLY_SELECTORS)):
        element.decompose()


def open_details(article: Tag) -> None:
    for details in article.find_all("details"):
        details["open"] = ""


def unfold_tabs(article: Tag) -> None:
    """pymdownx.tabbed sets (alternate style) -> one labelled section per tab."""
    for tab_set in article.select("div.tabbed-set"):
        labels = [label.get_text(" ", strip=True) for label in tab_set.select(":scope > .tabbed-labels > label")]
        blocks = tab_set.select(":scope > .tabbed-content > .tabbed-block")
        if len(labels) != len(blocks):
            raise DocumentError(f"A content tab set has {len(labels)} labels but {len(blocks)} panels.")
        unfolded = article.new_tag("div", attrs={"class": "guide-pdf-tabs"})
        for label, block in zip(labels, blocks, strict=True):
            section = article.new_tag("div", attrs={"class": "guide-pdf-tab"})
            title = article.new_tag("p", attrs={"class": "guide-pdf-tab__label"})
            title.string = label
            section.append(title)
            for child in list(block.contents):
                section.append(child.extract())
            unfolded.append(section)
        tab_set.replace_with(unfolded)


def style_svgs(article: Tag, css: str) -> None:
    """Put `css` in a <style> inside every inline SVG but icons: WeasyPrint styles SVG only
    from there (the document's stylesheets reach HTML elements only)."""
    if "<" in css:
        raise DocumentError("The PDF's SVG stylesheet holds a '<': inside an inline SVG it would start an element.")
    for svg in article.find_all("svg"):
        if svg.find_parent(class_=("twemoji", "md-icon")) is not None:
            continue  # an icon: drawn by its own attributes
        style = article.new_tag("style")
        style.string = css
        svg.insert(0, style)


def _node_tag(node: Tag) -> str:
    """How a flow node is named in references: its heading's first part ("Question 3",
    "Outcome"), or the whole heading when it has no parts."""
    heading = node.find(re.compile(r"^h[1-6]$"))
    if heading is None:
        raise DocumentError(f"Flow node '{node.get('data-node')}' has no heading to refer to on paper.")
    first = heading.find(True)
    return (first or heading).get_text(" ", strip=True)


def annotate_flows(article: Tag) -> None:
    """Check that every option of a flow leads to a node of it, and make sure the option
    names that node; the print CSS then adds the node's page number."""
    for flow in article.select(FLOW_SELECTOR):
        nodes = {f"#{node['id']}": node for node in flow.select(FLOW_NODE_SELECTOR) if node.has_attr("id")}
        for node in nodes.values():
            for option in node.select("a[data-next]"):
                target = nodes.get(str(option.get("href", "")))
                if target is None:
                    raise DocumentError(
                        f"Flow option '{option.get_text(' ', strip=True)}' in node '{node.get('data-node')}' "
                        f"links to '{option.get('href')}', which is no node of the flow."
                    )
                name = _node_tag(target)
                if not re.search(rf"\b{re.escape(name)}\b", option.get_text(" ", strip=True)):
                    reference = article.new_tag("span", attrs={"class": "guide-pdf-goto"})
                    reference.string = f"go to {name}"
                    option.append(reference)


def mark_first_terms(article: Tag) -> None:
    """Mark the first use of each glossary term in the page's running text (the rule and
    what is not running text: `guide.glossary.first_use.PRINT`)."""
    for abbr in first_uses(article, PRINT, SOUP_TREE):
        abbr["class"] = [*abbr.get("class", []), FIRST_TERM_CLASS]
