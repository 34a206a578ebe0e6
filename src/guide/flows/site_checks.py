"""Checks across the whole site that no single page can make: every flow is shown on a page,
every outcome link points at a published page and at an id that page has, every named hiring
kit exists. The MkDocs hook (hooks/flow_checks.py) runs them with what the build knows."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from guide.core.problems import Problem, close_matches

from .markdown_ext import BLOCK_NAME
from .model import Flow, KitTarget


def link_problems(flows: Mapping[str, Flow], is_page: Callable[[str], bool]) -> list[Problem]:
    """Every outcome link must point at a page the site publishes (not a missing or excluded file)."""
    return [Problem(flow.source, link.line, outcome.id,
                        f"the link points at '{link.page}', which is not a published page of the site.",
                        "give the path of a page in the site, relative to docs/, such as comparison.md.")
            for flow in flows.values() for outcome in flow.outcomes for link in outcome.links
            if not is_page(link.page)]

def anchor_problems(flows: Mapping[str, Flow], anchors_of: Callable[[str], set[str] | None]) -> list[Problem]:
    """Every link to a place on a page must name an id that page has (once the pages are
    built: `anchors_of(page)` gives its ids, or None when it has no built page)."""
    problems = []
    for flow in flows.values():
        for outcome in flow.outcomes:
            for link in outcome.links:
                anchors = anchors_of(link.page) if link.anchor else None
                if link.anchor and anchors is not None and link.anchor not in anchors:
                    close = close_matches(link.anchor, sorted(anchors), n=1)
                    hint = f"'{link.page}#{close[0]}'" if close else f"'{link.page}' alone"
                    problems.append(Problem(flow.source, link.line, outcome.id,
                                                f"the link points at '#{link.anchor}' on {link.page}, and the "
                                                "page has no element with that id.",
                                                f"link to an id the page has: perhaps {hint}."))
    return problems

def kit_problems(flows: Mapping[str, Flow], kits: Mapping[str, KitTarget]) -> list[Problem]:
    """Every outcome's `kit` must name an existing hiring kit."""
    known = ", ".join(sorted(kits)) or "(none yet)"
    problems = []
    for flow in flows.values():
        for outcome in flow.outcomes:
            if outcome.kit and outcome.kit not in kits:
                close = close_matches(outcome.kit, list(kits), n=1)
                hint = f" (perhaps '{close[0]}')" if close else ""
                problems.append(Problem(flow.source, outcome.kit_line, outcome.id,
                                            f"the outcome names the hiring kit '{outcome.kit}', which does not exist.",
                                            f"name an existing kit{hint}: {known}; or write 'kit_none:' with the reason."))
    return problems

def unshown_problems(flows: Mapping[str, Flow], shown: Collection[str]) -> list[Problem]:
    """A flow that no page shows is a mistake too (a page lost its block)."""
    return [Problem(flow.source, 1, "", f"no page shows the flow '{flow_id}'.",
                        f"add '/// {BLOCK_NAME} | {flow_id}' and a closing '///' to a page, or delete the file.")
            for flow_id, flow in sorted(flows.items()) if flow_id not in shown]
