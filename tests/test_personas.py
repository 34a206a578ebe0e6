"""Walk every persona of tests/data/personas.yml through the real flows: each must reach the
outcome the guidance supports, read the notes that explain it, and, where an answer was
"I'm not sure", be told what was assumed and how to check it; and read the parts of the result
shown for the facts their answers record (`must_show`), never what they did not say
(`must_not_show`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

import guide.flows as tree
from conftest import ROOT, page_url_path
from guide.flows.facts import outcome_parts

FLOWS = tree.load_flows(ROOT / "docs" / "decide" / "flows")
PERSONAS = yaml.safe_load((ROOT / "tests" / "data" / "personas.yml").read_text(encoding="utf-8"))
CASES = [(flow_id, p) for flow_id, people in PERSONAS.items() for p in people]


def walk(flow: tree.Flow, labels: list[str]) -> tuple[str, list[tree.Option]]:
    node, chosen = flow.nodes[flow.start], []
    for label in labels:
        assert isinstance(node, tree.Question), f"answered '{label}' after reaching an outcome"
        option = next((o for o in node.options if o.label == label), None)
        assert option, f"'{label}' is not an answer to '{node.question}'"
        chosen.append(option)
        node = flow.nodes[option.next]
    return node.id, chosen


@pytest.mark.unit
@pytest.mark.parametrize(("flow_id", "persona"), CASES, ids=[p["who"][:48] for _, p in CASES])
def test_persona_reaches_the_outcome_the_guidance_supports(flow_id: str, persona: dict) -> None:
    flow = FLOWS[flow_id]
    outcome, chosen = walk(flow, persona["answers"])
    assert outcome == persona["outcome"], persona["who"]
    notes = " ".join(o.note or "" for o in chosen)
    for phrase in persona.get("reads", []):
        assert phrase in notes, (persona["who"], phrase)
    assumed = [o for o in chosen if o.assumes]
    assert bool(assumed) == persona.get("assumed", False), persona["who"]


def result_text(flow: tree.Flow, outcome_id: str, chosen: list[tree.Option]) -> str:
    """What the result tells the persona: the outcome's title and every part whose condition
    holds for the facts their answers record, the notes of their answers and what was assumed."""
    facts: dict[str, str] = {}
    for option in chosen:
        facts.update(option.records)
    outcome = flow.nodes[outcome_id]
    shown = [getattr(part, "text", None) or getattr(part, "label", "")
             for parts in tree_parts(outcome) for part in parts if part.when is None or part.when.holds(facts)]
    extra = [outcome.title, outcome.kit_none or ""] + [o.note or "" for o in chosen] + [o.assumes or "" for o in chosen]
    return " ".join(" ".join(shown + extra).split())


def tree_parts(outcome: tree.Outcome) -> list:
    return list(outcome_parts(outcome).values())


@pytest.mark.unit
@pytest.mark.parametrize(("flow_id", "persona"), CASES, ids=[p["who"][:48] for _, p in CASES])
def test_persona_reads_what_fits_them_and_nothing_they_did_not_say(flow_id: str, persona: dict) -> None:
    flow = FLOWS[flow_id]
    outcome, chosen = walk(flow, persona["answers"])
    assert persona.get("must_not_show"), f"{persona['who']}: give the persona 'must_not_show'"
    text = result_text(flow, outcome, chosen)
    for phrase in persona.get("must_show", []):
        assert phrase in text, (persona["who"], phrase)
    for phrase in persona["must_not_show"]:
        assert phrase not in text, (persona["who"], phrase)


@pytest.mark.unit
def test_every_outcome_is_some_personas_result() -> None:
    reached = {(flow_id, p["outcome"]) for flow_id, p in CASES}
    for flow_id, flow in FLOWS.items():
        for outcome in flow.outcomes:
            assert (flow_id, outcome.id) in reached, f"no persona reaches {flow_id}/{outcome.id}"


@pytest.mark.unit
def test_every_hiring_outcome_links_a_kit_or_says_why_none_applies() -> None:
    for outcome in FLOWS["hiring"].outcomes:
        assert bool(outcome.kit) != bool(outcome.kit_none), outcome.id


@pytest.mark.unit
def test_a_not_sure_answer_that_ends_the_flow_states_its_assumption() -> None:
    """An "I'm not sure" that leads straight to a recommendation says what it assumed; one
    that leads to another question (something simpler) or to "take stock" need not."""
    for flow in FLOWS.values():
        for question in flow.questions:
            for option in question.options:
                target = flow.nodes[option.next]
                if option.label.startswith("I'm not sure") and isinstance(target, tree.Outcome) \
                        and target.id not in ("take-stock", "either-first-step"):
                    assert option.assumes and question.check, (flow.id, question.id)


PAGE_OF = {"hiring": "decide/hiring.md", "career": "decide/career.md"}


@pytest.fixture(scope="module")
def flow_page(browser, browser_context_args: dict, base_url: str) -> Iterator:
    """One page per flow for all the personas of this module, each walk starting again from the
    first question (loading the page and a browser context for each of 41 walks cost more than
    the walks)."""
    context = browser.new_context(**browser_context_args)
    pages: dict[str, object] = {}

    def open_at_start(flow_id: str):
        if flow_id not in pages:
            pages[flow_id] = context.new_page()
            pages[flow_id].goto(base_url + page_url_path(PAGE_OF[flow_id]), wait_until="load")
        page = pages[flow_id]
        page.wait_for_selector(f'[data-flow="{flow_id}"][data-flow-ready]', state="attached")
        page.evaluate("flowId => { location.hash = flowId; }", flow_id)  # start again: no answers
        page.wait_for_function("flowId => location.hash === '#' + flowId && document.querySelectorAll("
                               "`[data-flow=\"${flowId}\"] [data-flow-answer-list] li`).length === 0", arg=flow_id)
        return page

    yield open_at_start
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("flow_id", "persona"), CASES, ids=[p["who"][:48] for _, p in CASES])
def test_persona_walks_the_page_in_chromium(flow_page, flow_id: str, persona: dict) -> None:
    """The same walk by clicking the answers' words on the built page: the result shown is the
    persona's outcome, it opens with the notes they must read, and states any assumption."""
    flow = FLOWS[flow_id]
    page = flow_page(flow_id)
    root = page.locator(f'[data-flow="{flow_id}"][data-flow-ready]')
    node_id = flow.start
    root.locator(f'[data-node="{node_id}"].guide-flow__node--current').wait_for()
    for label in persona["answers"]:
        current = root.locator(f'[data-node="{node_id}"]')
        assert current.is_visible(), (persona["who"], node_id)
        option = current.locator("[data-next]").filter(
            has=page.locator("[data-flow-label]", has_text=re.compile(f"^{re.escape(label)}$")))
        assert option.count() == 1, (persona["who"], label)
        node_id = option.get_attribute("data-next")
        option.click()
        root.locator(f'[data-node="{node_id}"].guide-flow__node--current').wait_for()
    assert node_id == persona["outcome"], persona["who"]
    result = root.locator(f'[data-node="{node_id}"]')
    based = result.locator("[data-flow-based]")
    shown = based.inner_text() if based.is_visible() else ""
    for phrase in persona.get("reads", []):
        assert phrase in shown, (persona["who"], phrase)
    assert ("We assumed:" in shown) == persona.get("assumed", False), persona["who"]
    text = " ".join(result.inner_text().split())  # what is on screen: parts whose condition fails are hidden
    for phrase in persona.get("must_show", []):
        assert phrase in text, (persona["who"], phrase)
    for phrase in persona["must_not_show"]:
        assert phrase not in text, (persona["who"], phrase)
