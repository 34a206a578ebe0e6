"""The flows in real Chromium, through the DOM contract: every path of each shipped tree,
history (back, forward, reload), changing answers, tampered links, node anchors (the no-JS
and PDF links) opened with JavaScript on, copy buttons, focus and keyboard, the no-JavaScript
form, print, axe-core, and Material's instant navigation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import guide.flows as tree
from conftest import (
    ROOT,
    copy_project,
    describe_violations,
    page_url_path,
    run_axe,
    serve_folder,
)

pytestmark = pytest.mark.browser

FLOWS = {flow_id: tree.load_flow(ROOT / "docs" / "decide" / "flows" / f"{flow_id}.yml")
         for flow_id in ("hiring", "career")}
PAGES = {"hiring": page_url_path("decide/hiring.md"), "career": page_url_path("decide/career.md")}

VISIBLE_NODES = """() => Array.from(document.querySelectorAll('[data-node]'))
    .filter(el => el.getClientRects().length > 0).map(el => el.getAttribute('data-node'))"""


def visible(page) -> list[str]:
    return page.evaluate(VISIBLE_NODES)


def open_flow(page, base_url: str, flow_id: str, hash_: str = "") -> None:
    """Open the flow's page (at hash_) and wait until flow.js has set the flow up."""
    page.goto(base_url + PAGES[flow_id] + hash_, wait_until="load")
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
    page.wait_for_function(
        """([flowId, nodeId]) => {
             const flow = `[data-flow="${flowId}"]`;
             return document.querySelector(`${flow} [data-node="${nodeId}"].guide-flow__node--current`) !== null
               && Array.from(document.querySelectorAll(`${flow} [data-node]`))
                    .every(el => (el.getClientRects().length > 0) === (el.getAttribute('data-node') === nodeId));
           }""",
        arg=[flow_id, node_id], timeout=10_000)


def set_hash(page, hash_: str) -> None:
    """Set the address's hash and wait until every hashchange listener has run: flow.js's,
    added when the page loaded, runs before the one added here."""
    page.evaluate("""hash => new Promise(resolve => {
        addEventListener('hashchange', () => resolve(), {once: true});
        location.hash = hash;
    })""", hash_)


def wait_until_still(page) -> None:
    """Wait until the page stops moving: the same scroll position three frames in a row, and
    no transition or animation (Material's header, its back-to-top button) still running."""
    page.evaluate("() => { window.guideTestStill = {y: null, frames: 0}; }")
    page.wait_for_function("""() => {
        const still = window.guideTestStill, y = window.scrollY;
        const moving = document.getAnimations().some(a => a.playState === 'running'
            && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
        still.frames = y === still.y && !moving ? still.frames + 1 : 0;
        still.y = y;
        return still.frames >= 3;
    }""", polling="raf")


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


Route = list[tuple[str, int]]  # (question id, answer index), from the flow's start


def route_by_labels(flow, *labels: str) -> Route:
    """The route from the start that gives, at each question in turn, the first answer whose
    label starts with the next of `labels`."""
    route: Route = []
    node_id = flow.start
    for label in labels:
        node = flow.nodes[node_id]
        index = next(i for i, o in enumerate(node.options) if o.label.startswith(label))
        route.append((node_id, index))
        node_id = node.options[index].next
    return route


def end_of(flow, route: Route) -> str:
    """The node a route leads to."""
    return flow.nodes[route[-1][0]].options[route[-1][1]].next if route else flow.start


def hash_of(flow, route: Route) -> str:
    """The location hash flow.js gives a route: the answers' numbers, 1 for the first."""
    return f"#{flow.id}/" + ".".join(str(i + 1) for _, i in route) if route else f"#{flow.id}"


def chosen(flow, route: Route) -> list:
    """The options given along a route."""
    return [flow.nodes[q].options[i] for q, i in route]


def walk(page, flow, route: Route) -> None:
    """Answer along route, from the question on screen (the start of the route)."""
    for q, i in route:
        option = flow.nodes[q].options[i]
        same = [o for o in flow.nodes[q].options if o.next == option.next]
        answer(page, flow.id, q, option.next, same.index(option))


HIRING = FLOWS["hiring"]
CAREER = FLOWS["career"]
# Own models, no regulator, a model works in tests, not sure what blocks it, not sure how long a
# release takes, data scientists built the models: the deployment result, with notes on several
# answers and one assumption (about how long a release takes) with its checks.
UNSURE_DEPLOY = route_by_labels(HIRING, "We train our own models", "No", "A model works in tests",
                                "I'm not sure", "I'm not sure", "Data scientists")
assert [q for q, _ in UNSURE_DEPLOY] == ["ml-kind", "own-regulated", "stage", "deploy-pain", "release-time",
                                        "deploy-team"], UNSURE_DEPLOY
assert end_of(HIRING, UNSURE_DEPLOY) == "mlops-deploy"
TO_DEPLOY_PAIN = UNSURE_DEPLOY[:3]    # ... -> "where is it stuck?", a mid-flow question
TO_RELEASE_TIME = UNSURE_DEPLOY[:4]   # ... -> "how long does a release take?"
# Releases are manual and fragile: the same result without an assumption.
MANUAL_DEPLOY = route_by_labels(HIRING, "We train our own models", "No", "A model works in tests",
                                "Releasing a model is manual", "Data scientists")
assert end_of(HIRING, MANUAL_DEPLOY) == "mlops-deploy"


def notice_text(page) -> str | None:
    """The flow's notice when it shows, else None."""
    notice = page.locator("[data-flow-notice]")
    return notice.inner_text() if notice.is_visible() else None


def assert_clean(watch, base_url: str) -> None:
    assert watch.foreign_requests(base_url) == []
    assert watch.console_errors == []
    assert watch.page_errors == []


# ── Every answer, through the DOM contract ──────────────────────────────────


def answers_listed(page) -> list[str]:
    """The answers "Your answers" lists, in order."""
    return page.locator("[data-flow-answer-list] li strong").all_inner_texts()


SCREEN = """flowId => {
    const flow = document.querySelector(`[data-flow="${flowId}"]`);
    const shown = Array.from(flow.querySelectorAll('[data-node]')).filter(el => el.getClientRects().length > 0);
    return {
        hash: location.hash,
        visible: shown.map(el => el.getAttribute('data-node')),
        kind: shown.length === 1 ? shown[0].getAttribute('data-kind') : null,
        links: shown.length === 1 && shown[0].getAttribute('data-kind') === 'outcome'
            ? shown[0].querySelectorAll('.guide-flow__links a').length : null,
        answers: Array.from(flow.querySelectorAll('[data-flow-answer-list] li'))
            .map(li => li.querySelector('strong') ? li.querySelector('strong').innerText : null),
    };
}"""


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_every_answer_leads_to_its_node_and_back_returns(page, watch, base_url: str, flow_id: str) -> None:
    """Each question, reached by its shortest route through the address (#hiring/1.3.2), and
    each of its answers clicked once: the answer shows the node it leads to and only that node,
    the address and "Your answers" gain it, a result shows its links; then Back shows the
    question again with the route it came by. Every answer of every question is clicked once,
    so every node is reached (the committed route table lists every route: test_decision_tree_build.py)."""
    flow = FLOWS[flow_id]
    open_flow(page, base_url, flow_id)
    clicked, reached = set(), {flow.start}
    for question in flow.questions:
        route = shortest_route(flow, question.id)
        labels = [o.label for o in chosen(flow, route)]
        here = {"hash": hash_of(flow, route), "visible": [question.id], "kind": "question", "links": None,
                "answers": labels}
        page.evaluate("hash => { location.hash = hash; }", here["hash"])
        wait_for_node(page, flow_id, question.id)
        assert page.evaluate(SCREEN, flow_id) == here
        links = page.locator(f'[data-flow="{flow_id}"] [data-node="{question.id}"] [data-next]')
        assert links.evaluate_all("els => els.map(el => el.getAttribute('data-next'))") == \
            [o.next for o in question.options], question.id
        for index, option in enumerate(question.options):
            links.nth(index).click()
            wait_for_node(page, flow_id, option.next)
            screen = page.evaluate(SCREEN, flow_id)
            assert screen["visible"] == [option.next]
            assert screen["hash"] == hash_of(flow, [*route, (question.id, index)])
            assert screen["answers"] == [*labels, option.label]
            assert screen["kind"] == flow.nodes[option.next].kind
            if isinstance(flow.nodes[option.next], tree.Outcome):
                assert screen["links"] >= 1, option.next
            page.locator(f'[data-flow="{flow_id}"] [data-flow-action="back"]').click()
            wait_for_node(page, flow_id, question.id)
            assert page.evaluate(SCREEN, flow_id) == here
            clicked.add((question.id, index))
            reached.add(option.next)
    assert clicked == {(q.id, i) for q in flow.questions for i in range(len(q.options))}
    assert reached == set(flow.nodes)
    # Start again, from wherever the walk ended: the first question, with no answers.
    page.locator(f'[data-flow="{flow_id}"] [data-flow-action="restart"]').click()
    page.wait_for_function(f"() => location.hash === '#{flow_id}'")
    wait_for_node(page, flow_id, flow.start)
    assert page.evaluate(SCREEN, flow_id) == {"hash": f"#{flow_id}", "visible": [flow.start], "kind": "question",
                                              "links": None, "answers": []}
    assert_clean(watch, base_url)


# ── History, reload, changing answers ───────────────────────────────────────


def test_back_forward_and_reload_keep_the_state(page, watch, base_url: str) -> None:
    flow, route = HIRING, TO_RELEASE_TIME
    open_flow(page, base_url, "hiring")
    walk(page, flow, route)
    assert page.evaluate("location.hash") == hash_of(flow, route)
    left = tree.analyse(flow).remaining["release-time"]
    assert page.locator("[data-flow-progress]").inner_text() == f"Step {len(route) + 1} of at most {len(route) + left}"
    page.go_back()
    wait_for_node(page, "hiring", "deploy-pain")
    assert visible(page) == ["deploy-pain"]
    page.go_forward()
    wait_for_node(page, "hiring", "release-time")
    assert visible(page) == ["release-time"]
    page.reload(wait_until="load")
    page.wait_for_selector("[data-flow-ready]", state="attached")
    assert visible(page) == ["release-time"]
    assert page.locator("[data-flow-answer-list] li").count() == len(route)
    page.locator('[data-flow-action="back"]').click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.evaluate("location.hash") == hash_of(flow, route[:-1])
    assert visible(page) == ["deploy-pain"]
    assert_clean(watch, base_url)


def test_changing_an_earlier_answer(page, watch, base_url: str) -> None:
    flow = HIRING
    route = route_by_labels(flow, "We train our own models", "No", "Models are in daily use",
                            "They are retrained, tested", "Both, and we have to choose")
    open_flow(page, base_url, "hiring", hash_of(flow, route))
    assert visible(page) == ["mature-priority"] == [end_of(flow, route)]
    items = page.locator("[data-flow-answer-list] li")
    assert items.count() == len(route)
    assert chosen(flow, route)[0].label in items.nth(0).inner_text()
    changed = [q for q, _ in route].index("production-upkeep")
    items.nth(changed).locator("button").click()  # change the answer about keeping models working
    wait_for_node(page, "hiring", "production-upkeep")
    assert page.evaluate("location.hash") == hash_of(flow, route[:changed])
    assert visible(page) == ["production-upkeep"]
    assert items.count() == changed
    answer(page, "hiring", "production-upkeep", "live-scale")
    answer(page, "hiring", "live-scale", "mlops-automate")
    assert visible(page) == ["mlops-automate"]
    assert page.evaluate("location.hash") == hash_of(flow, [*route[:changed], ("production-upkeep", 0), ("live-scale", 0)])
    assert_clean(watch, base_url)


# Past the end of a route: a whole route to a result, and one answer more.
TOO_LONG = hash_of(HIRING, shortest_route(HIRING, "ml-first")) + ".1"


@pytest.mark.parametrize("hash_", ["#hiring/nope", f"#hiring/{len(HIRING.nodes[HIRING.start].options) + 1}", "#hiring/1.0",
                                   TOO_LONG, "#hiring/2..1",
                                   "#hiring/", "#hiring/%E0%A4%A", "#flow-hiring-%E0%A4%A"])
def test_tampered_link_restarts_with_a_notice(page, watch, base_url: str, hash_: str) -> None:
    """Links of this flow that cannot be read, bad percent-encoding included."""
    open_flow(page, base_url, "hiring", hash_)
    assert visible(page) == [HIRING.start]
    notice = notice_text(page)
    assert notice == ("That link could not be read as answers to these questions, "
                      "so the flow starts again from the first question.")
    assert page.evaluate("location.hash") == "#hiring"
    assert_clean(watch, base_url)


def test_change_marks_the_answer_and_carries_later_answers_forward(page, watch, base_url: str) -> None:
    flow, route = HIRING, UNSURE_DEPLOY
    questions = [q for q, _ in route]
    pain, stage, regulated = (questions.index(q) for q in ("deploy-pain", "stage", "own-regulated"))
    open_flow(page, base_url, "hiring", hash_of(flow, route))
    assert visible(page) == ["mlops-deploy"]
    change = page.locator("[data-flow-answer-list] li button")
    assert change.nth(pain).get_attribute("aria-label") == f"Change your answer to: {flow.nodes['deploy-pain'].question}"
    change.nth(pain).click()
    wait_for_node(page, "hiring", "deploy-pain")
    given = page.locator('[data-node="deploy-pain"] .guide-flow__option--given')
    assert given.count() == 1 and given.inner_text().startswith("I'm not sure") and "(your answer)" in given.inner_text()
    # The same answer again: back to the same result, with the later answers kept.
    page.locator('[data-node="deploy-pain"] [data-next]').nth(route[pain][1]).click()
    wait_for_node(page, "hiring", "mlops-deploy")
    assert page.evaluate("location.hash") == hash_of(flow, route)
    assert page.locator('.guide-flow__option--given').count() == 0
    # Another answer to a question every answer of which goes on to the same question: all the
    # later answers are still on the route, so they are kept, and the result comes back.
    page.locator("[data-flow-answer-list] li button").nth(regulated).click()
    wait_for_node(page, "hiring", "own-regulated")
    page.locator('[data-node="own-regulated"] [data-next]').nth(0).click()  # a bank or insurer
    wait_for_node(page, "hiring", "mlops-deploy")
    again = [*route[:regulated], ("own-regulated", 0), *route[regulated + 1:]]
    assert page.evaluate("location.hash") == hash_of(flow, again)
    # Another answer: on along the new route, to the first question without an answer.
    page.locator("[data-flow-answer-list] li button").nth(stage).click()
    wait_for_node(page, "hiring", "stage")
    page.locator('[data-node="stage"] [data-next]').nth(2).click()  # models in daily use
    wait_for_node(page, "hiring", "production-upkeep")
    assert flow.nodes["stage"].options[2].next == "production-upkeep"
    assert page.evaluate("location.hash") == hash_of(flow, [*again[:stage], ("stage", 2)])
    # Change, then a different answer whose route meets no kept answer: the result of that answer.
    open_flow(page, base_url, "hiring", hash_of(flow, route))
    page.locator("[data-flow-answer-list] li button").nth(pain).click()
    wait_for_node(page, "hiring", "deploy-pain")
    page.locator('[data-node="deploy-pain"] [data-next]').nth(2).click()  # models not good enough
    wait_for_node(page, "hiring", "ml-first")
    assert flow.nodes["deploy-pain"].options[2].next == "ml-first"
    assert page.evaluate("location.hash") == hash_of(flow, [*route[:pain], ("deploy-pain", 2)])
    assert_clean(watch, base_url)


def test_each_answer_is_one_history_entry_and_back_is_the_browsers_back(page, watch, base_url: str) -> None:
    flow, route = HIRING, UNSURE_DEPLOY
    open_flow(page, base_url, "hiring")
    entries = page.evaluate("history.length")
    walk(page, flow, route)
    assert page.evaluate("history.length") == entries + len(route)
    page.locator('[data-flow-action="back"]').click()  # the flow's Back ...
    wait_for_node(page, "hiring", route[-1][0])
    page.go_back()  # ... then the browser's: one question further back, not forward to the result
    wait_for_node(page, "hiring", route[-2][0])
    assert page.evaluate("location.hash") == hash_of(flow, route[:-2])
    page.go_forward()
    wait_for_node(page, "hiring", route[-1][0])
    page.go_forward()
    wait_for_node(page, "hiring", "mlops-deploy")
    page.locator('[data-flow-action="restart"]').click()
    wait_for_node(page, "hiring", flow.start)
    page.go_back()  # Start again is one entry too
    wait_for_node(page, "hiring", "mlops-deploy")
    page.reload(wait_until="load")
    page.wait_for_selector("[data-flow-ready]", state="attached")
    assert visible(page) == ["mlops-deploy"]
    assert_clean(watch, base_url)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_controls_are_in_view_when_a_result_appears(page, watch, base_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_flow(page, base_url, "hiring", hash_of(HIRING, UNSURE_DEPLOY[:-1]))  # after five answers
    # Scroll down, then up: Material shows its back-to-top button.
    top = page.evaluate("scrollY")
    page.mouse.wheel(0, 600)
    page.wait_for_function("top => scrollY > top", arg=top)
    wait_until_still(page)
    bottom = page.evaluate("scrollY")
    page.mouse.wheel(0, -200)
    page.wait_for_function("bottom => scrollY < bottom", arg=bottom)
    wait_until_still(page)
    assert HIRING.nodes["deploy-team"].options[0].next == "mlops-deploy"
    page.locator('[data-node="deploy-team"] [data-next]').first.click()
    wait_for_node(page, "hiring", "mlops-deploy")
    wait_until_still(page)  # flow.js scrolls the result's progress line into view
    for action in ("back", "restart", "copy-link", "copy-summary", "copy-markdown"):
        box = page.locator(f'[data-flow-action="{action}"]').bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (action, box)
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
    open_flow(page, base_url, "hiring", hash_of(HIRING, UNSURE_DEPLOY))
    page.locator("[data-flow-answer-list] li button").nth(len(TO_DEPLOY_PAIN)).click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.locator(".guide-flow__option--given").count() == 1
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


def test_diagram_shows_the_route_taken_and_where_you_are(page, watch, base_url: str) -> None:
    flow, route = HIRING, TO_RELEASE_TIME
    open_flow(page, base_url, "hiring")
    here = page.locator("[data-diagram-node].is-here")
    assert here.count() == 1 and here.get_attribute("data-diagram-node") == flow.start
    walk(page, flow, route)
    nodes = [q for q, _ in route] + ["release-time"]
    marked = page.locator("[data-diagram-node].is-route")
    assert sorted(marked.evaluate_all("els => els.map(e => e.getAttribute('data-diagram-node'))")) == sorted(nodes)
    assert page.locator("[data-diagram-node].is-here").get_attribute("data-diagram-node") == "release-time"
    edges = page.locator("path[data-diagram-edge].is-route")
    assert sorted(edges.evaluate_all("els => els.map(e => e.getAttribute('data-diagram-edge'))")) == sorted(
        f"{a} {b}" for a, b in zip(nodes, nodes[1:]))
    page.locator('[data-flow-action="back"]').click()
    wait_for_node(page, "hiring", "deploy-pain")
    assert page.locator("[data-diagram-node].is-here").get_attribute("data-diagram-node") == "deploy-pain"
    assert page.locator("path[data-diagram-edge].is-route").count() == len(route) - 1
    assert_clean(watch, base_url)


# ── Node anchors (the no-JS and PDF links) with JavaScript on ───────────────


def test_a_node_anchor_opens_that_node_with_a_notice_and_back_works(page, watch, base_url: str) -> None:
    flow = FLOWS["hiring"]
    open_flow(page, base_url, "hiring", "#flow-hiring-release-time")
    wait_for_node(page, "hiring", "release-time")
    assert visible(page) == ["release-time"]
    route = shortest_route(flow, "release-time")
    left = tree.analyse(flow).remaining["release-time"]
    assert page.locator("[data-flow-progress]").inner_text() == f"Step {len(route) + 1} of at most {len(route) + left}"
    notice = notice_text(page)
    number = tree.analyse(flow).numbers["release-time"]  # the question's own number, as in the diagram and PDF
    assert notice == (f"This link opened Question {number} directly, so the answers before it are not known. "
                      "\u201cYour answers\u201d shows one route that leads here; change any that do not fit.")
    # The notice is on screen, below Material's header, although the browser scrolled to the node.
    assert page.locator("[data-flow-notice]").evaluate("""el => { const r = el.getBoundingClientRect();
        return r.top >= document.querySelector('.md-header').getBoundingClientRect().bottom
               && r.bottom <= innerHeight; }""")
    assert route[0][0] == flow.start and end_of(flow, route) == "release-time"
    assert all(end_of(flow, route[:k]) == q for k, (q, _) in enumerate(route))  # each answer leads to the next
    answers = page.locator("[data-flow-answer-list] li strong").all_inner_texts()
    assert answers == [flow.nodes[q].options[i].label for q, i in route]
    assert page.evaluate("location.hash") == "#flow-hiring-release-time"  # the link stays as it came
    entries = page.evaluate("history.length")
    for k in reversed(range(len(route))):  # Back, question by question along the route shown, to the start
        page.locator('[data-flow-action="back"]').click()
        wait_for_node(page, "hiring", route[k][0])
        assert page.evaluate("location.hash") == hash_of(flow, route[:k])
        assert notice_text(page) is None
        assert page.locator("[data-flow-answer-list] li").count() == k
    assert page.evaluate("location.hash") == "#hiring"
    # No earlier screens were visited, so Back steps back in place: it adds no history entries
    # for the browser's Back to return to.
    assert page.evaluate("history.length") == entries
    page.evaluate("location.hash = '#flow-hiring-release-time'")
    wait_for_node(page, "hiring", "release-time")
    assert f"opened Question {number} directly" in notice_text(page)
    answer(page, "hiring", "release-time", "deploy-team")  # answering goes on from the route shown
    assert flow.nodes["release-time"].options[1].next == "deploy-team"
    assert page.evaluate("location.hash") == hash_of(flow, [*route, ("release-time", 1)])
    assert notice_text(page) is None
    assert_clean(watch, base_url)


def test_an_outcome_anchor_opens_the_result_and_its_answers_can_be_changed(page, watch, base_url: str) -> None:
    flow = FLOWS["hiring"]
    open_flow(page, base_url, "hiring", "#flow-hiring-ml-first")
    wait_for_node(page, "hiring", "ml-first")
    assert visible(page) == ["ml-first"]
    route = shortest_route(flow, "ml-first")
    assert page.locator("[data-flow-progress]").inner_text() == f"Result after {len(route)} answers"
    assert notice_text(page).startswith("This link opened this result directly, so the answers before it are not known.")
    items = page.locator("[data-flow-answer-list] li")
    assert items.count() == len(route) > 1
    items.nth(len(route) - 1).locator("button").click()  # change the last answer
    wait_for_node(page, "hiring", route[-1][0])
    assert page.evaluate("location.hash") == hash_of(flow, route[:-1])
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
    flow = HIRING
    given = route_by_labels(flow, "I'm not sure", "Our own staff", "I'm not sure", "I'm not sure", "Yes, in a demo",
                            "I'm not sure")  # ... -> deploy-pain -> release-time, the long way
    assert end_of(flow, given) == "release-time" and end_of(flow, given[:-1]) == "deploy-pain"
    assert given[:-1] != shortest_route(flow, "deploy-pain")
    open_flow(page, base_url, "hiring", hash_of(flow, given))
    assert visible(page) == ["release-time"]
    page.evaluate("location.hash = '#flow-hiring-deploy-pain'")
    wait_for_node(page, "hiring", "deploy-pain")
    answers = page.locator("[data-flow-answer-list] li strong").all_inner_texts()
    assert answers == [o.label for o in chosen(flow, given[:-1])]
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
    set_hash(page, "#flow-hiring-release-time")  # not this flow's any more: left alone
    assert page.evaluate("location.hash") == "#flow-hiring-release-time"
    assert visible(page) == ["deploy-pain"]
    page.evaluate("location.hash = '#q7-hiring-release-time'")
    wait_for_node(page, "hiring", "release-time")
    assert f"opened Question {numbers['release-time']} directly" in notice_text(page)
    assert_clean(watch, base_url)


def test_other_hashes_leave_the_flow_alone(page, watch, base_url: str) -> None:
    route = route_by_labels(HIRING, "I'm not sure")
    open_flow(page, base_url, "hiring", hash_of(HIRING, route))
    set_hash(page, "#flow-hiring--diagram")
    assert page.evaluate("location.hash") == "#flow-hiring--diagram"
    assert visible(page) == [end_of(HIRING, route)]
    assert not page.locator("[data-flow-notice]").is_visible()
    assert_clean(watch, base_url)


# ── Copy link, copy summary ─────────────────────────────────────────────────


def shown(parts, route_options) -> list:
    """The parts whose condition holds for the facts the route's answers record."""
    facts: dict[str, str] = {}
    for option in route_options:
        facts.update(option.records)
    return [part for part in parts if part.when is None or part.when.holds(facts)]


@pytest.mark.parametrize("regulation", ["No", "Yes, we are a federally regulated"])
def test_copy_link_and_copy_summary(context, page, watch, base_url: str, regulation: str) -> None:
    """Two routes to one outcome: the copies carry the parts their answers' facts show."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    flow = HIRING
    route = route_by_labels(flow, "I'm not sure", "Our own staff", regulation, "I'm not sure", "No, we only have ideas",
                            "Set up the technical platform first")
    assert end_of(flow, route) == "ml-first-defer-platform"
    assert not any(o.assumes for o in chosen(flow, route))
    open_flow(page, base_url, "hiring", hash_of(flow, route))
    page.locator('[data-flow-action="copy-link"]').click()
    page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent === 'Link copied.'")
    link = base_url + PAGES["hiring"] + hash_of(flow, route)
    assert page.evaluate("navigator.clipboard.readText()") == link
    page.locator('[data-flow-action="copy-summary"]').click()
    page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent === 'Summary copied.'")
    outcome = flow.nodes["ml-first-defer-platform"]

    def squash(text: str) -> str:
        return " ".join(text.split())

    answers = [(flow.nodes[q].question, o.label) for (q, _), o in zip(route, chosen(flow, route))]
    notes = [o.note for o in chosen(flow, route) if o.note]
    assert len(notes) >= 2
    options = chosen(flow, route)
    lists = [(flow.headings[k], [p.text for p in shown(getattr(outcome, k), options)])
             for k in ("look_for", "watch_out", "next_steps")]
    expected = ["Which role do we need?", "", "Your answers:",
                *(f"{i}. {q} {a}" for i, (q, a) in enumerate(answers, 1)),
                "", f"Recommendation: {outcome.title}:", *(squash(p.text) for p in shown(outcome.summary, options)),
                "", "Based on your answers:", *(f"- {n}" for n in notes),
                "", "Why:", *(squash(p.text) for p in shown(outcome.reasoning, options))]
    for heading, items in lists:
        expected += ["", f"{heading}:", *(f"- {squash(item)}" for item in items)]
    expected += ["", "Hiring kit:", f"Hiring kit: ML engineer: {base_url}hiring-kits/ml-engineer.html",
                 *(p.text for p in shown(outcome.kit_note, options))]
    expected += ["", f"Link: {link}"]
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(expected)
    page.locator('[data-flow-action="copy-markdown"]').click()
    page.wait_for_function(
        "() => document.querySelector('[data-flow-live]').textContent === 'Summary copied as Markdown.'")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("## Which role do we need?\n\n**Your answers**\n\n1. ")
    assert f"\n\n**Recommendation: {outcome.title}**\n\n{squash(outcome.summary[0].text)}\n" in markdown
    assert "\n**Based on your answers**\n\n" + "".join(f"- {n}\n" for n in notes) in markdown
    for heading, items in lists:
        assert f"**{heading}**\n\n" + "\n".join(f"- {squash(i)}" for i in items) in markdown
    assert markdown.endswith(f"\n\n[Open this result in the guide]({link})")
    regulated = regulation.startswith("Yes")
    assert ("By 1 May 2027, when OSFI's Guideline E-23 takes effect" in markdown) == regulated
    assert ("Regulated: ask how they documented and tested a model" in markdown) == regulated
    # The copied link opens the same result.
    page.goto(link, wait_until="load")
    wait_for_node(page, "hiring", "ml-first-defer-platform")
    assert visible(page) == ["ml-first-defer-platform"]
    assert_clean(watch, base_url)


def test_two_routes_to_one_outcome_show_the_parts_their_facts_hold_and_change_recomputes(page, watch,
                                                                                          base_url: str) -> None:
    """Composed results: a regulated and an unregulated team both reach "add ML engineers next";
    each sees only its own parts, without their conditions in words; a team employing both roles
    is never told "if you have one"; changing the regulation answer recomputes the result."""
    flow = HIRING
    osfi = route_by_labels(flow, "We train our own models", "Yes, we are a federally regulated",
                           "Many models are in daily use and we already employ", "New models")
    unregulated = route_by_labels(flow, "We train our own models", "No", "Models are in daily use",
                                  "They are retrained, tested", "We need better models")
    assert end_of(flow, osfi) == end_of(flow, unregulated) == "both-lean-ml"
    result = page.locator('[data-flow="hiring"] [data-node="both-lean-ml"]')

    def on_screen() -> str:
        return " ".join(result.inner_text().split())

    open_flow(page, base_url, "hiring", hash_of(flow, osfi))
    text = on_screen()
    assert "add ML engineers while your MLOps engineers keep your pipelines" in text
    assert "if you have one" not in text and "plan an MLOps hire if nobody owns it" not in text
    assert "By 1 May 2027, when OSFI's Guideline E-23 takes effect" in text
    assert "Regulated: ask how they documented and tested a model" in text
    assert "Ask your legal or compliance team which rules apply" not in text
    assert "If you answered" not in text  # the condition in words is for the no-JS page and paper
    page.reload(wait_until="load")  # the link reproduces the result
    page.wait_for_selector('[data-flow="hiring"][data-flow-ready]', state="attached")
    assert on_screen() == text

    open_flow(page, base_url, "hiring", hash_of(flow, unregulated))
    text = on_screen()
    assert "an MLOps engineer if you have one" in text
    assert "OSFI" not in text and "regulat" not in text.lower()

    open_flow(page, base_url, "hiring", hash_of(flow, osfi))
    items = page.locator("[data-flow-answer-list] li")
    items.nth(1).locator("button").click()  # change the regulation answer
    wait_for_node(page, "hiring", "own-regulated")
    page.locator('[data-flow="hiring"] [data-node="own-regulated"] [data-next="stage"]').nth(2).click()  # "No"
    wait_for_node(page, "hiring", "both-lean-ml")  # the later answers still apply: carried forward
    text = on_screen()
    assert "OSFI" not in text and "add ML engineers while your MLOps engineers keep" in text
    assert_clean(watch, base_url)


def test_result_says_why_from_the_answers_and_what_was_assumed(context, page, watch, base_url: str) -> None:
    """Models work in testing -> not sure what blocks them -> not sure how long a release takes."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    flow, route = HIRING, UNSURE_DEPLOY
    open_flow(page, base_url, "hiring", hash_of(flow, route))
    assert visible(page) == ["mlops-deploy"]
    notes = [o.note for o in chosen(flow, route) if o.note]
    assumed_by = [(q, o) for (q, _), o in zip(route, chosen(flow, route)) if o.assumes]
    assert len(assumed_by) == 1 and assumed_by[0][0] == "release-time"
    unsure = assumed_by[0][1]
    checks = list(flow.nodes["release-time"].check)
    assert len(notes) >= 2 and unsure.assumes and checks
    based = page.locator('[data-node="mlops-deploy"] [data-flow-based]')
    assert based.is_visible()
    assert based.locator("h3").inner_text() == "Based on your answers"
    assert based.locator("[data-flow-based-notes] li").all_inner_texts() == notes
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
    assert "Based on your answers:\n" + "".join(f"- {n}\n" for n in notes) in summary
    assert (f"We assumed:\n{unsure.assumes} Check it by asking your team:\n" + "\n".join(f"- {c}" for c in checks)
            in summary)
    # A route with no notes and no assumptions shows no box.
    plain = route_by_labels(flow, "I'm not sure", "I'm not sure")
    assert end_of(flow, plain) == "take-stock" and not any(o.note or o.assumes for o in chosen(flow, plain))
    open_flow(page, base_url, "hiring", hash_of(flow, plain))
    wait_for_node(page, "hiring", "take-stock")
    assert not page.locator('[data-node="take-stock"] [data-flow-based]').is_visible()
    assert_clean(watch, base_url)


# ── Focus, screen readers, keyboard ─────────────────────────────────────────


def test_keyboard_only_with_focus_and_announcements(page, watch, base_url: str) -> None:
    flow = CAREER
    route = [(flow.start, 0), (flow.nodes[flow.start].options[0].next, 1)]  # answer 1, then answer 2 of the next question
    question, result = end_of(flow, route[:1]), end_of(flow, route)
    assert isinstance(flow.nodes[question], tree.Question) and isinstance(flow.nodes[result], tree.Outcome)
    open_flow(page, base_url, "career")
    page.locator(f'[data-node="{flow.start}"] [data-next]').first.focus()
    for tabs, expected in ((0, question), (1, result)):
        for _ in range(tabs):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H2'")
        assert visible(page) == [expected]
        assert page.evaluate("document.activeElement.closest('[data-node]').getAttribute('data-node')") == expected
        page.wait_for_function("() => document.querySelector('[data-flow-live]').textContent !== ''")  # said after 50 ms
        live = page.locator("[data-flow-live]").inner_text()
        node = flow.nodes[expected]
        if isinstance(node, tree.Question):
            assert live.endswith(node.question), live
            page.keyboard.press("Tab")  # from the heading straight to the first answer
            assert page.evaluate("document.activeElement.getAttribute('data-next')") is not None
        else:
            assert live == f"Result: {node.title}", live
    assert page.evaluate("location.hash") == hash_of(flow, route)
    # Back with the keyboard: Tab to the Back button.
    page.locator('[data-flow-action="back"]').focus()
    page.keyboard.press("Enter")
    wait_for_node(page, "career", question)
    assert page.evaluate("location.hash") == hash_of(flow, route[:1])
    assert page.evaluate("document.activeElement.tagName") == "H2"
    assert_clean(watch, base_url)


def test_print_shows_every_node_even_when_enhanced(page, base_url: str) -> None:
    open_flow(page, base_url, "hiring", hash_of(HIRING, TO_DEPLOY_PAIN))
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


LANDED = """id => {
    const target = document.getElementById(id), box = target && target.getBoundingClientRect();
    return {hash: location.hash, node: target && target.getAttribute('data-node'),
            shown: !!box && box.width > 0 && box.height > 0 && getComputedStyle(target).visibility !== 'hidden',
            top: !!box && box.top < 200};
}"""


def test_without_javascript_each_conditional_part_says_when_it_applies(nojs_page, base_url: str) -> None:
    """Without JavaScript (as on paper) every part of a result shows, each conditional one
    opening with its condition in words, so a reader can follow it by hand."""
    page = nojs_page
    page.goto(base_url + PAGES["hiring"], wait_until="load")
    result = page.locator('[data-node="both-lean-ml"]')
    text = " ".join(result.inner_text().split())
    assert ("If you did not answer “Many models are in daily use and we already employ people in both roles” to "
            "Question 7: You need both kinds of skill.") in text
    assert "If you answered “Many models are in daily use and we already employ people in both roles” to Question 7:" in text
    osfi = page.locator('[data-node="ml-first"] li[data-flow-when]', has_text="when OSFI's Guideline E-23 takes effect")
    assert " ".join(osfi.inner_text().split()).startswith(
        "If you answered “Yes, we are a federally regulated bank, insurer, or trust and loan…” to Question 3, 5 or 6: "
        "By 1 May 2027, when OSFI's Guideline E-23 takes effect:")
    assert page.locator("[data-flow-when]").count() == page.locator(".guide-flow__if").count() > 20
    assert all(el.is_visible() for el in page.locator("[data-flow-when]").all())
    page.goto(base_url + "fr/" + PAGES["hiring"], wait_until="load")
    text = " ".join(page.locator('[data-node="both-mlops-first"]').inner_text().split())
    assert "Si vous avez répondu « Je ne sais pas » à la question" in text


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_without_javascript_every_answer_link_reaches_its_node(nojs_page, base_url: str, flow_id: str) -> None:
    flow = FLOWS[flow_id]
    page = nojs_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + PAGES[flow_id], wait_until="load")
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
        links = page.locator(f'[data-node="{node_id}"] [data-next]')
        assert links.evaluate_all("els => els.map(el => el.getAttribute('data-next'))") == \
            [o.next for o in node.options], node_id
        for index, option in enumerate(node.options):
            page.evaluate(f"location.hash = '#flow-{flow_id}-{node_id}'")
            links.nth(index).click()
            # Where the link went: the address, the node with that id, shown, and scrolled to.
            assert page.evaluate(LANDED, f"flow-{flow_id}-{option.next}") == {
                "hash": f"#flow-{flow_id}-{option.next}", "node": option.next, "shown": True, "top": True}
            if option.next not in reached:
                reached.add(option.next)
                frontier.append(option.next)
    assert {o.id for o in flow.outcomes} <= reached
    assert [u for u in requests if not u.startswith(base_url)] == []


def test_without_javascript_questions_are_numbered_and_outcomes_list_their_answers(nojs_page, base_url: str) -> None:
    page = nojs_page
    page.goto(base_url + PAGES["hiring"], wait_until="load")
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


# Each flow's first question, as a page opens, is test_site.py's page test (both palettes).
AXE_ROUTES = {  # name: (flow, route)
    "hiring-question-mid-flow": (HIRING, TO_DEPLOY_PAIN),
    "hiring-question-with-checks": (HIRING, TO_RELEASE_TIME),
    "hiring-result": (HIRING, MANUAL_DEPLOY),
    "hiring-result-notes-and-assumption": (HIRING, UNSURE_DEPLOY),
    "career-question": (CAREER, route_by_labels(CAREER, "Data analysis")),
    "career-result": (CAREER, route_by_labels(CAREER, "DevOps", "Building the systems")),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(AXE_ROUTES))
def test_axe_finds_no_violations(palette_page, base_url: str, name: str, scheme: str) -> None:
    flow, route = AXE_ROUTES[name]
    page = palette_page(scheme)
    open_flow(page, base_url, flow.id, hash_of(flow, route) if route else "")
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    assert visible(page) == [end_of(flow, route)]
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_unenhanced_form(page, base_url: str, scheme: str) -> None:
    """The no-JS form (flow.js blocked, so axe itself can still run)."""
    page.route("**/flow.js", lambda route: route.abort())
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + PAGES["hiring"], wait_until="load")
    assert len(visible(page)) == len(FLOWS["hiring"].nodes)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


# ── Material's instant navigation (document$) ──────────────────────────────


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A build of the real site with Material's navigation.instant turned on, served locally."""
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    project.edit("mkdocs.yml", "    - navigation.sections\n", "    - navigation.sections\n    - navigation.instant\n")
    # The i18n plugin's language switcher does not work with instant navigation (it warns,
    # which fails a strict build): this build is the English edition alone.
    project.edit("mkdocs.yml", "      docs_structure: suffix\n", "      docs_structure: suffix\n      build_only_locale: en\n"
                 "      reconfigure_material: false\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve_folder(project / "site") as url:
        yield url


def test_flow_survives_instant_navigation(page, watch, instant_site: str) -> None:
    page.goto(instant_site + "index.html", wait_until="load")
    page.locator('.md-nav a[href$="decide/hiring.html"]').first.click()
    page.wait_for_selector('[data-flow="hiring"][data-flow-ready]', state="attached")
    start = HIRING.nodes[HIRING.start]
    assert visible(page) == [HIRING.start]
    answer(page, "hiring", HIRING.start, start.options[0].next)
    # Away to the other flow and back again, without full page loads.
    page.locator('.md-nav a[href$="decide/career.html"]').first.click()
    page.wait_for_selector('[data-flow="career"][data-flow-ready]', state="attached")
    assert visible(page) == [CAREER.start]
    answer(page, "career", CAREER.start, CAREER.nodes[CAREER.start].options[0].next)
    page.locator('.md-nav a[href$="decide/hiring.html"]').first.click()
    page.wait_for_selector('[data-flow="hiring"][data-flow-ready]', state="attached")
    assert visible(page) == [HIRING.start]
    answer(page, "hiring", HIRING.start, start.options[1].next)  # another answer this time
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert watch.console_errors == [] and watch.page_errors == []
