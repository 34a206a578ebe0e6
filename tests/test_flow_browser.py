"""The flows in real Chromium, through the DOM contract: every path of each shipped tree,
history (back, forward, reload), changing answers, tampered links, node anchors (the no-JS
and PDF links) opened with JavaScript on, copy buttons, focus and keyboard, the no-JavaScript
form, print, axe-core, and Material's instant navigation."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import decision_tree as tree
from conftest import FLOW_PAGES, ROOT, describe_violations, mkdocs_build, page_url_path, run_axe, serve_folder, twin

FLOWS = {flow_id: tree.load_flow(ROOT / "docs" / "decide" / "flows" / f"{flow_id}.yml")
         for flow_id in ("hiring", "career")}
PAGES = {"hiring": page_url_path("decide/hiring.md"), "career": page_url_path("decide/career.md")}

VISIBLE_NODES = """() => Array.from(document.querySelectorAll('[data-node]'))
    .filter(el => el.getClientRects().length > 0).map(el => el.getAttribute('data-node'))"""


def visible(page) -> list[str]:
    return page.evaluate(VISIBLE_NODES)


def open_flow(page, base_url: str, flow_id: str, hash_: str = "") -> None:
    page.goto(base_url + PAGES[flow_id] + hash_, wait_until="networkidle")
    page.wait_for_selector(f'[data-flow="{flow_id}"][data-flow-ready]', state="attached")


def answer(page, flow_id: str, current: str, target: str, which: int = 0) -> None:
    """Click the answer of `current` that leads to `target` (the which-th such answer)."""
    page.locator(f'[data-flow="{flow_id}"] [data-node="{current}"] [data-next="{target}"]').nth(which).click()
    wait_for_node(page, flow_id, target)
    assert visible(page) == [target]


def wait_for_node(page, flow_id: str, node_id: str) -> None:
    """Wait until flow.js has shown node_id (hashchange is handled asynchronously) and the
    flow's stylesheet hides the rest (under instant navigation Material swaps the content,
    and with it the stylesheet link, on every hash change: the CSS may arrive a moment later)."""
    page.wait_for_selector(f'[data-flow="{flow_id}"] [data-node="{node_id}"].guide-flow__node--current')
    page.wait_for_function(
        """([flowId, nodeId]) => Array.from(document.querySelectorAll(`[data-flow="${flowId}"] [data-node]`))
             .every(el => (el.getClientRects().length > 0) === (el.getAttribute('data-node') === nodeId))""",
        arg=[flow_id, node_id], timeout=10_000)


def anchor_prefix(page, flow_id: str) -> str:
    """The prefix of the flow's node anchors, as the page states it."""
    return page.locator(f'[data-flow="{flow_id}"]').get_attribute("data-anchor-prefix")


def shortest_route(flow, target: str) -> list[tuple[str, int]]:
    """(question id, answer index) from the start to target: breadth first, first answer first."""
    routes: dict[str, list[tuple[str, int]]] = {flow.start: []}
    queue = [flow.start]
    while queue:
        node_id = queue.pop(0)
        node = flow.nodes[node_id]
        for index, option in enumerate(node.options if isinstance(node, tree.Question) else []):
            if option.next not in routes:
                routes[option.next] = [*routes[node_id], (node_id, index)]
                queue.append(option.next)
    return routes[target]


def notice_text(page) -> str | None:
    """The flow's notice when it shows, else None."""
    notice = page.locator("[data-flow-notice]")
    return notice.inner_text() if notice.is_visible() else None


def assert_clean(watch, base_url: str) -> None:
    assert watch.foreign_requests(base_url) == []
    assert watch.console_errors == []
    assert watch.page_errors == []


# ── Every path, through the DOM contract ────────────────────────────────────


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_every_path_reaches_its_outcome(page, watch, base_url: str, flow_id: str) -> None:
    flow = FLOWS[flow_id]
    open_flow(page, base_url, flow_id)
    every = tree.routes(flow)
    assert every, "the shipped trees are small enough to walk every route"
    for number, path in enumerate(every):
        if number:
            page.locator(f'[data-flow="{flow_id}"] [data-flow-action="restart"]').click()
            page.wait_for_function(f"() => location.hash === '#{flow_id}'")
            wait_for_node(page, flow_id, flow.start)
        assert visible(page) == [flow.start]
        for step in path.steps:
            assert visible(page) == [step.question.id]
            same = [o for o in step.question.options if o.next == step.option.next]
            answer(page, flow_id, step.question.id, step.option.next, same.index(step.option))
        numbers = ".".join(str(s.question.options.index(s.option) + 1) for s in path.steps)
        assert page.evaluate("location.hash") == f"#{flow_id}/{numbers}"
        answers = page.locator("[data-flow-answer-list] li strong").all_inner_texts()
        assert answers == [s.option.label for s in path.steps]
        assert visible(page) == [path.outcome.id]
        node = page.locator(f'[data-node="{path.outcome.id}"]')
        assert node.get_attribute("data-kind") == "outcome"
        assert page.locator("[data-flow-answer-list] li").count() == len(path.steps)
        assert node.locator(".guide-flow__links a").count() >= 1
    assert_clean(watch, base_url)


# ── History, reload, changing answers ───────────────────────────────────────


def test_back_forward_and_reload_keep_the_state(page, watch, base_url: str) -> None:
    open_flow(page, base_url, "hiring")
    answer(page, "hiring", "stage", "deploy-pain")
    answer(page, "hiring", "deploy-pain", "release-time")
    assert page.evaluate("location.hash") == "#hiring/2.5"
    assert page.locator("[data-flow-progress]").inner_text() == "Step 3 of at most 3"
    page.go_back()
    wait_for_node(page, "hiring", "deploy-pain")
    assert visible(page) == ["deploy-pain"]
    page.go_forward()
    wait_for_node(page, "hiring", "release-time")
    assert visible(page) == ["release-time"]
    page.reload(wait_until="networkidle")
    page.wait_for_selector("[data-flow-ready]", state="attached")
    assert visible(page) == ["release-time"]
    assert page.locator("[data-flow-answer-list] li").count() == 2
    page.locator('[data-flow-action="back"]').click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.evaluate("location.hash") == "#hiring/2"
    assert visible(page) == ["deploy-pain"]
    assert_clean(watch, base_url)


def test_changing_an_earlier_answer(page, watch, base_url: str) -> None:
    open_flow(page, base_url, "hiring", "#hiring/3.3.3")
    assert visible(page) == ["mature-priority"]
    items = page.locator("[data-flow-answer-list] li")
    assert items.count() == 3
    assert "Models run in production" in items.nth(0).inner_text()
    items.nth(1).locator("button").click()  # change the answer to question 2 of this walk
    wait_for_node(page, "hiring", "production-upkeep")
    assert page.evaluate("location.hash") == "#hiring/3"
    assert visible(page) == ["production-upkeep"]
    assert items.count() == 1
    answer(page, "hiring", "production-upkeep", "mlops-automate")
    assert visible(page) == ["mlops-automate"]
    assert page.evaluate("location.hash") == "#hiring/3.1"
    assert_clean(watch, base_url)


@pytest.mark.parametrize("hash_", ["#hiring/nope", "#hiring/6", "#hiring/1.0", "#hiring/2.1.1", "#hiring/2..1",
                                   "#hiring/", "#hiring/%E0%A4%A", "#flow-hiring-%E0%A4%A"])
def test_tampered_link_restarts_with_a_notice(page, watch, base_url: str, hash_: str) -> None:
    """Links of this flow that cannot be read, bad percent-encoding included."""
    open_flow(page, base_url, "hiring", hash_)
    assert visible(page) == ["stage"]
    notice = notice_text(page)
    assert notice == ("That link could not be read as answers to these questions, "
                      "so the flow starts again from the first question.")
    assert page.evaluate("location.hash") == "#hiring"
    assert_clean(watch, base_url)


def test_change_marks_the_answer_and_carries_later_answers_forward(page, watch, base_url: str) -> None:
    flow = FLOWS["hiring"]
    open_flow(page, base_url, "hiring", "#hiring/2.5.3")
    assert visible(page) == ["mlops-deploy"]
    change = page.locator("[data-flow-answer-list] li button")
    assert change.nth(1).get_attribute("aria-label") == f"Change your answer to: {flow.nodes['deploy-pain'].question}"
    change.nth(1).click()
    wait_for_node(page, "hiring", "deploy-pain")
    given = page.locator('[data-node="deploy-pain"] .guide-flow__option--given')
    assert given.count() == 1 and given.inner_text().startswith("I'm not sure") and "(your answer)" in given.inner_text()
    # The same answer again: back to the same result, with the later answer kept.
    page.locator('[data-node="deploy-pain"] [data-next]').nth(4).click()
    wait_for_node(page, "hiring", "mlops-deploy")
    assert page.evaluate("location.hash") == "#hiring/2.5.3"
    assert page.locator('.guide-flow__option--given').count() == 0
    # Another answer: on along the new route, to the first question without an answer.
    page.locator("[data-flow-answer-list] li button").nth(0).click()
    wait_for_node(page, "hiring", "stage")
    page.locator('[data-node="stage"] [data-next]').nth(2).click()  # models run in production
    wait_for_node(page, "hiring", "production-upkeep")
    assert page.evaluate("location.hash") == "#hiring/3"
    # Change, then a different answer whose route meets no kept answer: the result of that answer.
    open_flow(page, base_url, "hiring", "#hiring/2.5.3")
    page.locator("[data-flow-answer-list] li button").nth(1).click()
    wait_for_node(page, "hiring", "deploy-pain")
    page.locator('[data-node="deploy-pain"] [data-next]').nth(2).click()  # models not good enough
    wait_for_node(page, "hiring", "ml-first")
    assert page.evaluate("location.hash") == "#hiring/2.3"
    assert_clean(watch, base_url)


def test_each_answer_is_one_history_entry_and_back_is_the_browsers_back(page, watch, base_url: str) -> None:
    open_flow(page, base_url, "hiring")
    entries = page.evaluate("history.length")
    answer(page, "hiring", "stage", "deploy-pain")
    answer(page, "hiring", "deploy-pain", "release-time")
    answer(page, "hiring", "release-time", "mlops-deploy", which=0)
    assert page.evaluate("history.length") == entries + 3
    page.locator('[data-flow-action="back"]').click()  # the flow's Back ...
    wait_for_node(page, "hiring", "release-time")
    page.go_back()  # ... then the browser's: one question further back, not forward to the result
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.evaluate("location.hash") == "#hiring/2"
    page.go_forward()
    wait_for_node(page, "hiring", "release-time")
    page.go_forward()
    wait_for_node(page, "hiring", "mlops-deploy")
    page.locator('[data-flow-action="restart"]').click()
    wait_for_node(page, "hiring", "stage")
    page.go_back()  # Start again is one entry too
    wait_for_node(page, "hiring", "mlops-deploy")
    page.reload(wait_until="networkidle")
    page.wait_for_selector("[data-flow-ready]", state="attached")
    assert visible(page) == ["mlops-deploy"]
    assert_clean(watch, base_url)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_controls_are_in_view_when_a_result_appears(page, watch, base_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_flow(page, base_url, "hiring", "#hiring/2")
    page.mouse.wheel(0, 600)  # scroll down, then up: Material shows its back-to-top button
    page.mouse.wheel(0, -200)
    page.wait_for_timeout(300)
    page.locator('[data-node="deploy-pain"] [data-next]').first.click()
    wait_for_node(page, "hiring", "mlops-deploy")
    page.wait_for_timeout(300)
    for action in ("back", "restart", "copy-link", "copy-summary", "copy-markdown"):
        box = page.locator(f'[data-flow-action="{action}"]').bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= height, (action, box)
    progress = page.locator("[data-flow-progress]").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert progress["y"] >= header["y"] + header["height"]
    top = page.locator(".md-top")
    if top.is_visible():
        button = top.bounding_box()
        assert button["y"] + button["height"] <= progress["y"] or button["y"] >= progress["y"] + progress["height"]
    assert_clean(watch, base_url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_while_changing_an_answer(page, base_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_flow(page, base_url, "hiring", "#hiring/2.5.3")
    page.locator("[data-flow-answer-list] li button").nth(1).click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.locator(".guide-flow__option--given").count() == 1
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


def test_diagram_shows_the_route_taken_and_where_you_are(page, watch, base_url: str) -> None:
    open_flow(page, base_url, "hiring")
    here = page.locator("[data-diagram-node].is-here")
    assert here.count() == 1 and here.get_attribute("data-diagram-node") == "stage"
    answer(page, "hiring", "stage", "deploy-pain")
    answer(page, "hiring", "deploy-pain", "release-time")
    route = page.locator("[data-diagram-node].is-route")
    assert route.evaluate_all("els => els.map(e => e.getAttribute('data-diagram-node'))") == [
        "stage", "deploy-pain", "release-time"]
    assert page.locator("[data-diagram-node].is-here").get_attribute("data-diagram-node") == "release-time"
    edges = page.locator("path[data-diagram-edge].is-route")
    assert sorted(edges.evaluate_all("els => els.map(e => e.getAttribute('data-diagram-edge'))")) == [
        "deploy-pain release-time", "stage deploy-pain"]
    page.locator('[data-flow-action="back"]').click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.locator("[data-diagram-node].is-here").get_attribute("data-diagram-node") == "deploy-pain"
    assert page.locator("path[data-diagram-edge].is-route").count() == 1
    assert_clean(watch, base_url)


# ── Node anchors (the no-JS and PDF links) with JavaScript on ───────────────


def test_a_node_anchor_opens_that_node_with_a_notice_and_back_works(page, watch, base_url: str) -> None:
    flow = FLOWS["hiring"]
    open_flow(page, base_url, "hiring", "#flow-hiring-release-time")
    wait_for_node(page, "hiring", "release-time")
    assert visible(page) == ["release-time"]
    assert page.locator("[data-flow-progress]").inner_text() == "Step 3 of at most 3"
    notice = notice_text(page)
    number = tree.analyse(flow).numbers["release-time"]  # the question's own number, as in the diagram and PDF
    assert notice == (f"This link opened Question {number} directly, so the answers before it are not known. "
                      "\u201cYour answers\u201d shows one route that leads here; change any that do not fit.")
    # The notice is on screen, below Material's header, although the browser scrolled to the node.
    assert page.locator("[data-flow-notice]").evaluate("""el => { const r = el.getBoundingClientRect();
        return r.top >= document.querySelector('.md-header').getBoundingClientRect().bottom
               && r.bottom <= innerHeight; }""")
    route = shortest_route(flow, "release-time")
    assert route == [("stage", 1), ("deploy-pain", 4)]
    answers = page.locator("[data-flow-answer-list] li strong").all_inner_texts()
    assert answers == [flow.nodes[q].options[i].label for q, i in route]
    assert page.evaluate("location.hash") == "#flow-hiring-release-time"  # the link stays as it came
    entries = page.evaluate("history.length")
    page.locator('[data-flow-action="back"]').click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.evaluate("location.hash") == "#hiring/2"
    assert notice_text(page) is None
    assert page.locator("[data-flow-answer-list] li").count() == 1
    page.locator('[data-flow-action="back"]').click()
    wait_for_node(page, "hiring", "stage")
    assert page.evaluate("location.hash") == "#hiring"
    # No earlier screens were visited, so Back steps back in place: it adds no history entries
    # for the browser's Back to return to.
    assert page.evaluate("history.length") == entries
    page.evaluate("location.hash = '#flow-hiring-release-time'")
    wait_for_node(page, "hiring", "release-time")
    assert f"opened Question {number} directly" in notice_text(page)
    answer(page, "hiring", "release-time", "mlops-deploy")  # answering goes on from the route shown
    assert page.evaluate("location.hash") == "#hiring/2.5.2"
    assert notice_text(page) is None
    assert_clean(watch, base_url)


def test_an_outcome_anchor_opens_the_result_and_its_answers_can_be_changed(page, watch, base_url: str) -> None:
    flow = FLOWS["hiring"]
    open_flow(page, base_url, "hiring", "#flow-hiring-ml-first")
    wait_for_node(page, "hiring", "ml-first")
    assert visible(page) == ["ml-first"]
    assert page.locator("[data-flow-progress]").inner_text() == "Result after 2 answers"
    assert notice_text(page).startswith("This link opened this result directly, so the answers before it are not known.")
    items = page.locator("[data-flow-answer-list] li")
    assert items.count() == len(shortest_route(flow, "ml-first")) == 2
    items.nth(1).locator("button").click()
    wait_for_node(page, "hiring", "exploring-plan")
    assert page.evaluate("location.hash") == "#hiring/1"
    assert notice_text(page) is None
    assert_clean(watch, base_url)


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_every_node_anchor_shows_its_node_by_the_shortest_route(page, watch, base_url: str, flow_id: str) -> None:
    flow = FLOWS[flow_id]
    open_flow(page, base_url, flow_id)
    prefix = anchor_prefix(page, flow_id)
    numbers = tree.analyse(flow).numbers
    for node_id, node in flow.nodes.items():
        page.evaluate(f"location.hash = '#{flow_id}'")
        wait_for_node(page, flow_id, flow.start)
        assert page.locator(f"#{prefix}{node_id}").get_attribute("data-node") == node_id
        page.evaluate(f"location.hash = '#{prefix}{node_id}'")
        wait_for_node(page, flow_id, node_id)
        route = shortest_route(flow, node_id)
        answers = page.locator("[data-flow-answer-list] li strong").all_inner_texts()
        assert answers == [flow.nodes[q].options[i].label for q, i in route], node_id
        if node_id == flow.start:
            assert notice_text(page) is None
        else:
            what = f"Question {numbers[node_id]}" if isinstance(node, tree.Question) else "this result"
            assert notice_text(page).startswith(f"This link opened {what} directly"), node_id
    assert_clean(watch, base_url)


def test_a_node_anchor_on_the_answers_given_keeps_them(page, watch, base_url: str) -> None:
    """Answers the person gave are not replaced by a guessed route."""
    open_flow(page, base_url, "hiring", "#hiring/5.2.5")  # I'm not sure -> deploy-pain -> release-time
    assert visible(page) == ["release-time"]
    page.evaluate("location.hash = '#flow-hiring-deploy-pain'")
    wait_for_node(page, "hiring", "deploy-pain")
    flow = FLOWS["hiring"]
    answers = page.locator("[data-flow-answer-list] li strong").all_inner_texts()
    assert answers == [flow.nodes["stage"].options[4].label, flow.nodes["stage-unsure"].options[1].label]
    assert notice_text(page) is None
    assert_clean(watch, base_url)


def test_flow_js_takes_the_anchor_prefix_from_the_page(page, watch, base_url: str) -> None:
    """flow.js builds no anchor itself: with the page's prefix changed (ids, links and
    data-anchor-prefix alike), the new anchors open nodes and the old ones are not the flow's."""
    js = (ROOT / "docs" / "assets" / "javascripts" / "flow.js").read_text(encoding="utf-8")
    assert not re.search(r"""["']flow-""", js), "flow.js must read data-anchor-prefix, not build 'flow-...'"

    def renamed(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("flow-hiring-", "q7-hiring-"))

    page.route(lambda url: url.split("#")[0] == base_url + PAGES["hiring"], renamed)
    open_flow(page, base_url, "hiring", "#q7-hiring-deploy-pain")
    assert anchor_prefix(page, "hiring") == "q7-hiring-"
    wait_for_node(page, "hiring", "deploy-pain")
    numbers = tree.analyse(FLOWS["hiring"]).numbers
    assert f"opened Question {numbers['deploy-pain']} directly" in notice_text(page)
    page.evaluate("location.hash = '#flow-hiring-release-time'")  # not this flow's any more: left alone
    page.wait_for_function("() => location.hash === '#flow-hiring-release-time'")
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 100))")  # let hashchange run
    assert visible(page) == ["deploy-pain"]
    page.evaluate("location.hash = '#q7-hiring-release-time'")
    wait_for_node(page, "hiring", "release-time")
    assert f"opened Question {numbers['release-time']} directly" in notice_text(page)
    assert_clean(watch, base_url)


def test_flow_pages_are_the_built_pages_that_hold_a_flow(site_dir: Path) -> None:
    """conftest's FLOW_PAGES (the nav's pages under decide/) and their French twins
    against the built HTML."""
    holding = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                     if re.search(r'<\w+[^<>]*\sdata-flow="', p.read_text(encoding="utf-8")))
    assert sorted(page_url_path(source) for source in FLOW_PAGES) == sorted(PAGES.values())
    assert holding == sorted(page_url_path(source) for page in FLOW_PAGES for source in (page, twin(page)))


def test_other_hashes_leave_the_flow_alone(page, watch, base_url: str) -> None:
    open_flow(page, base_url, "hiring", "#hiring/5")
    page.evaluate("location.hash = '#flow-hiring--diagram'")
    page.wait_for_function("() => location.hash === '#flow-hiring--diagram'")
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 100))")  # let hashchange run
    assert visible(page) == ["stage-unsure"]
    assert not page.locator("[data-flow-notice]").is_visible()
    assert_clean(watch, base_url)


# ── Copy link, copy summary ─────────────────────────────────────────────────


def test_copy_link_and_copy_summary(context, page, watch, base_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    open_flow(page, base_url, "hiring", "#hiring/5.1.2")
    page.locator('[data-flow-action="copy-link"]').click()
    page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent === 'Link copied.'")
    link = base_url + PAGES["hiring"] + "#hiring/5.1.2"
    assert page.evaluate("navigator.clipboard.readText()") == link
    page.locator('[data-flow-action="copy-summary"]').click()
    page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent === 'Summary copied.'")
    flow = FLOWS["hiring"]
    outcome = flow.nodes["ml-first-defer-platform"]

    def squash(text: str) -> str:
        return " ".join(text.split())

    answers = [(flow.nodes["stage"].question, "I'm not sure"),
               (flow.nodes["stage-unsure"].question, "No, we only have ideas or experiments so far"),
               (flow.nodes["exploring-plan"].question,
                "Set up ML infrastructure first, so we are ready when models arrive")]
    note = flow.nodes["exploring-plan"].options[1].note
    lists = [(flow.headings[k], getattr(outcome, k)) for k in ("look_for", "watch_out", "next_steps")]
    expected = ["Which role do we need?", "", "Your answers:",
                *(f"{i}. {q} {a}" for i, (q, a) in enumerate(answers, 1)),
                "", f"Recommendation: {outcome.title}:", squash(outcome.summary),
                "", "Based on your answers:", f"- {note}",
                "", "Why:", squash(outcome.reasoning)]
    for heading, items in lists:
        expected += ["", f"{heading}:", *(f"- {squash(item)}" for item in items)]
    expected += ["", f"Link: {link}"]
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(expected)
    page.locator('[data-flow-action="copy-markdown"]').click()
    page.wait_for_function(
        "() => document.querySelector('[data-flow-live]').textContent === 'Summary copied as Markdown.'")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("## Which role do we need?\n\n**Your answers**\n\n1. ")
    assert f"\n\n**Recommendation: {outcome.title}**\n\n{squash(outcome.summary)}\n" in markdown
    assert f"\n**Based on your answers**\n\n- {note}\n" in markdown
    for heading, items in lists:
        assert f"**{heading}**\n\n" + "\n".join(f"- {squash(i)}" for i in items) in markdown
    assert markdown.endswith(f"\n\n[Open this result in the guide]({link})")
    # The copied link opens the same result.
    page.goto(link, wait_until="networkidle")
    assert visible(page) == ["ml-first-defer-platform"]
    assert_clean(watch, base_url)


def test_result_says_why_from_the_answers_and_what_was_assumed(context, page, watch, base_url: str) -> None:
    """Models work in testing -> not sure what blocks them -> not sure how long a release takes."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    open_flow(page, base_url, "hiring", "#hiring/2.5.3")
    assert visible(page) == ["mlops-deploy"]
    flow = FLOWS["hiring"]
    note = flow.nodes["stage"].options[1].note
    unsure = flow.nodes["release-time"].options[2]
    checks = list(flow.nodes["release-time"].check)
    assert note and unsure.assumes and checks
    based = page.locator('[data-node="mlops-deploy"] [data-flow-based]')
    assert based.is_visible()
    assert based.locator("h3").inner_text() == "Based on your answers"
    assert based.locator("[data-flow-based-notes] li").all_inner_texts() == [note]
    assumed = based.locator("[data-flow-based-assumed]")
    assert assumed.locator("p").all_inner_texts() == [f"We assumed: {unsure.assumes} Check it by asking your team:"]
    assert assumed.locator("li").all_inner_texts() == checks
    # The box sits before the general reasoning.
    order = page.evaluate("""() => { const n = document.querySelector('[data-node="mlops-deploy"]');
        const b = n.querySelector('[data-flow-based]'), why = [...n.querySelectorAll('h3')].find(h => h.textContent === 'Why');
        return !!(b.compareDocumentPosition(why) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    assert order
    page.locator('[data-flow-action="copy-summary"]').click()
    page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent === 'Summary copied.'")
    summary = page.evaluate("navigator.clipboard.readText()")
    assert f"Based on your answers:\n- {note}\n" in summary
    assert (f"We assumed:\n{unsure.assumes} Check it by asking your team:\n" + "\n".join(f"- {c}" for c in checks)
            in summary)
    # A route with no notes and no assumptions shows no box.
    open_flow(page, base_url, "hiring", "#hiring/5.4")
    wait_for_node(page, "hiring", "take-stock")
    assert not page.locator('[data-node="take-stock"] [data-flow-based]').is_visible()
    assert_clean(watch, base_url)


# ── Focus, screen readers, keyboard ─────────────────────────────────────────


def test_keyboard_only_with_focus_and_announcements(page, watch, base_url: str) -> None:
    open_flow(page, base_url, "career")
    page.locator('[data-node="enjoy"] [data-next]').first.focus()
    for tabs, expected in ((0, "model-trouble"), (1, "rely-on")):  # answer 1, then answer 2 of the next question
        for _ in range(tabs):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H2'")
        assert visible(page) == [expected]
        assert page.evaluate("document.activeElement.closest('[data-node]').getAttribute('data-node')") == expected
        live = page.locator("[data-flow-live]").inner_text()
        assert live.endswith(FLOWS["career"].nodes[expected].question), live
        page.keyboard.press("Tab")  # from the heading straight to the first answer
        assert page.evaluate("document.activeElement.getAttribute('data-next')") is not None
    assert page.evaluate("location.hash") == "#career/1.2"
    # Back with the keyboard: Tab to the Back button.
    page.locator('[data-flow-action="back"]').focus()
    page.keyboard.press("Enter")
    wait_for_node(page, "career", "model-trouble")
    assert page.evaluate("location.hash") == "#career/1"
    assert page.evaluate("document.activeElement.tagName") == "H2"
    assert_clean(watch, base_url)


def test_print_shows_every_node_even_when_enhanced(page, base_url: str) -> None:
    open_flow(page, base_url, "hiring", "#hiring/2")
    assert visible(page) == ["deploy-pain"]
    page.emulate_media(media="print")
    assert len(visible(page)) == len(FLOWS["hiring"].nodes)
    assert not page.locator("[data-flow-controls]").first.is_visible()
    assert page.locator(".guide-flow__goto").first.is_visible()


# ── Without JavaScript ──────────────────────────────────────────────────────


@pytest.fixture
def nojs_page(browser) -> Iterator:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_without_javascript_every_answer_link_reaches_its_node(nojs_page, base_url: str, flow_id: str) -> None:
    flow = FLOWS[flow_id]
    page = nojs_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + PAGES[flow_id], wait_until="networkidle")
    assert sorted(visible(page)) == sorted(flow.nodes)
    assert page.locator("[data-flow-controls]").first.is_hidden()
    assert page.locator(".guide-flow__nojs").is_visible()
    reached = {flow.start}
    frontier = [flow.start]
    while frontier:  # breadth first, clicking every answer link once
        node_id = frontier.pop(0)
        node = flow.nodes[node_id]
        if not isinstance(node, tree.Question):
            continue
        for index, option in enumerate(node.options):
            page.evaluate(f"location.hash = '#flow-{flow_id}-{node_id}'")
            link = page.locator(f'[data-node="{node_id}"] [data-next]').nth(index)
            assert link.get_attribute("data-next") == option.next
            link.click()
            assert page.evaluate("location.hash") == f"#flow-{flow_id}-{option.next}"
            target = page.locator(f"#flow-{flow_id}-{option.next}")
            assert target.get_attribute("data-node") == option.next
            assert target.is_visible()
            assert target.evaluate("el => el.getBoundingClientRect().top") < 200  # scrolled to it
            if option.next not in reached:
                reached.add(option.next)
                frontier.append(option.next)
    assert {o.id for o in flow.outcomes} <= reached
    assert [u for u in requests if not u.startswith(base_url)] == []


def test_without_javascript_questions_are_numbered_and_outcomes_list_their_answers(nojs_page, base_url: str) -> None:
    page = nojs_page
    page.goto(base_url + PAGES["hiring"], wait_until="networkidle")
    flow = FLOWS["hiring"]
    analysis = tree.analyse(flow)
    for q in flow.questions:
        tag = page.locator(f'[data-node="{q.id}"] .guide-flow__tag').inner_text()
        assert tag.lower() == f"question {analysis.numbers[q.id]}"
    for outcome in flow.outcomes:
        listed = page.locator(f'[data-node="{outcome.id}"] .guide-flow__paths li')
        assert listed.count() == len(analysis.incoming[outcome.id])
    goto = page.locator('[data-node="stage"] [data-next="deploy-pain"] .guide-flow__goto').inner_text()
    assert goto.strip() == f"→ Question {analysis.numbers['deploy-pain']}"


# ── Accessibility ───────────────────────────────────────────────────────────


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("flow_id", "hash_"), [
    ("hiring", ""), ("hiring", "#hiring/2"), ("hiring", "#hiring/2.1"), ("hiring", "#hiring/2.5.3"),
    ("career", ""), ("career", "#career/3.3"), ("career", "#career/2.1"),
])
def test_axe_finds_no_violations(page, base_url: str, flow_id: str, hash_: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_flow(page, base_url, flow_id, hash_)
    expected = {"": None, "#hiring/2": "deploy-pain", "#hiring/2.1": "mlops-deploy", "#hiring/2.5.3": "mlops-deploy",
                "#career/3.3": "rely-on",
                "#career/2.1": "mlops-engineer"}
    assert visible(page) == [expected.get(hash_) or FLOWS[flow_id].start]
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_unenhanced_form(page, base_url: str, scheme: str) -> None:
    """The no-JS form (flow.js blocked, so axe itself can still run)."""
    page.route("**/flow.js", lambda route: route.abort())
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + PAGES["hiring"], wait_until="networkidle")
    assert len(visible(page)) == len(FLOWS["hiring"].nodes)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


# ── Material's instant navigation (document$) ──────────────────────────────


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A build of the real site with Material's navigation.instant turned on, served locally."""
    project = tmp_path_factory.mktemp("instant")
    for name in ("docs", "overrides", "hooks", "i18n"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    - navigation.sections\n" in text
    text = text.replace("    - navigation.sections\n", "    - navigation.sections\n    - navigation.instant\n", 1)
    # The i18n plugin's language switcher does not work with instant navigation (it warns,
    # which fails a strict build): this build is the English edition alone.
    assert "      docs_structure: suffix\n" in text
    text = text.replace("      docs_structure: suffix\n", "      docs_structure: suffix\n      build_only_locale: en\n"
                        "      reconfigure_material: false\n", 1)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = mkdocs_build(project / "site", config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    with serve_folder(project / "site") as url:
        yield url


def test_flow_survives_instant_navigation(page, watch, instant_site: str) -> None:
    page.goto(instant_site + "index.html", wait_until="networkidle")
    page.locator('.md-nav a[href$="decide/hiring.html"]').first.click()
    page.wait_for_selector('[data-flow="hiring"][data-flow-ready]', state="attached")
    assert visible(page) == ["stage"]
    answer(page, "hiring", "stage", "deploy-pain")
    assert visible(page) == ["deploy-pain"]
    # Away to the other flow and back again, without full page loads.
    page.locator('.md-nav a[href$="decide/career.html"]').first.click()
    page.wait_for_selector('[data-flow="career"][data-flow-ready]', state="attached")
    assert visible(page) == ["enjoy"]
    answer(page, "career", "enjoy", "good-week")
    page.locator('.md-nav a[href$="decide/hiring.html"]').first.click()
    page.wait_for_selector('[data-flow="hiring"][data-flow-ready]', state="attached")
    assert visible(page) == ["stage"]
    answer(page, "hiring", "stage", "mature-priority")
    assert visible(page) == ["mature-priority"]
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert watch.console_errors == [] and watch.page_errors == []
