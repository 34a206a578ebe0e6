"""Facts and conditions (composed results): what the answers record, which values each fact can
hold at each node (one linear pass, src/guide/flows/facts.py), how a condition is evaluated, the
build checks with file, line, node and fix, the condition in words, and the rendered page."""

from __future__ import annotations

import jinja2
import pytest

import guide.flows as tree
from conftest import ROOT
from guide.flows.facts import UNSET, can_hold, condition_words, fact_values, outcome_parts
from guide.flows.model import Condition

pytestmark = pytest.mark.unit

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))

# Two questions that both lead to one outcome; what the outcome says depends on the answers.
RAIN = """\
id: rain
title: Rain
intro: Do you need an umbrella?
start: sky
facts:
  sky: [grey, clear]
  wind: [strong]
nodes:
  - id: sky
    kind: question
    question: How is the sky?
    options:
      - label: Grey
        next: wind
        records: {sky: grey}
      - label: Clear
        next: wind
        records: {sky: clear}
  - id: wind
    kind: question
    question: Is it windy?
    options:
      - label: Strong wind
        next: go
        records: {wind: strong}
      - label: Calm
        next: go
  - id: go
    kind: outcome
    title: Go out
    summary:
      - {text: Take an umbrella., when: {sky: grey}}
      - {text: Leave the umbrella at home., when: {not: {sky: grey}}}
    reasoning: Because.
    look_for: [a]
    watch_out:
      - b
      - {text: Hold on to your hat., when: {all: [{wind: strong}, {sky: clear}]}}
    next_steps: [c]
    links: [{page: index.md, label: Home}]
"""


def load(text: str = RAIN) -> tree.Flow:
    return tree.parse_flow(text, "rain.yml")


def shown(flow: tree.Flow, labels: list[str]) -> list[str]:
    """The texts of the outcome a route reaches that its facts show, in order."""
    node, facts = flow.nodes[flow.start], {}
    for label in labels:
        option = next(o for o in node.options if o.label == label)
        facts.update(option.records)
        node = flow.nodes[option.next]
    return [part.text for parts in outcome_parts(node).values() for part in parts
            if hasattr(part, "text") and (part.when is None or part.when.holds(facts))]


def problems_of(text: str) -> str:
    with pytest.raises(tree.ProblemError) as caught:
        load(text)
    return str(caught.value)


def test_the_same_outcome_reached_with_different_facts_shows_different_content() -> None:
    flow = load()
    grey_calm, clear_windy = shown(flow, ["Grey", "Calm"]), shown(flow, ["Clear", "Strong wind"])
    assert "Take an umbrella." in grey_calm and "Leave the umbrella at home." not in grey_calm
    assert "Hold on to your hat." not in grey_calm
    assert "Leave the umbrella at home." in clear_windy and "Hold on to your hat." in clear_windy
    assert "Take an umbrella." not in clear_windy


def test_fact_values_are_the_values_some_route_gives_with_the_answers_that_gave_them() -> None:
    flow = load()
    found = fact_values(flow)
    assert set(found["sky"]["sky"]) == {UNSET} and set(found["wind"]["sky"]) == {"grey", "clear"}
    at_go = found["go"]
    assert set(at_go["sky"]) == {"grey", "clear"} and set(at_go["wind"]) == {"strong", UNSET}
    (origin,) = at_go["wind"]["strong"]
    assert (origin.question, origin.number, origin.label) == ("wind", 1, "Strong wind")


def test_a_later_answer_overwrites_a_fact_an_earlier_one_recorded() -> None:
    text = RAIN.replace("      - label: Calm\n        next: go\n",
                        "      - label: Calm\n        next: go\n        records: {sky: clear}\n")
    at_go = fact_values(load(text))["go"]
    assert set(at_go["sky"]) == {"grey", "clear"}
    assert [o.question for o in at_go["sky"]["clear"]] == ["sky", "wind"]  # in reading order


def test_condition_evaluation_all_any_not_and_an_unset_fact() -> None:
    grey = Condition("is", 1, fact="sky", values=("grey",))
    strong = Condition("is", 1, fact="wind", values=("strong",))
    assert grey.holds({"sky": "grey"}) and not grey.holds({}) and not grey.holds({"sky": "clear"})
    assert Condition("not", 1, parts=(grey,)).holds({})  # no answer recorded it: the term fails, "not" holds
    both = Condition("all", 1, parts=(grey, strong))
    either = Condition("any", 1, parts=(grey, strong))
    assert both.holds({"sky": "grey", "wind": "strong"}) and not both.holds({"sky": "grey"})
    assert either.holds({"wind": "strong"}) and not either.holds({"sky": "clear"})
    assert Condition("is", 1, fact="sky", values=("grey", "clear")).holds({"sky": "clear"})
    assert both.as_data() == ["all", ["is", "sky", "grey"], ["is", "wind", "strong"]]


def test_can_hold_is_exact_for_one_fact_and_never_refuses_what_a_route_shows() -> None:
    values = {"sky": ["grey", "clear"], "wind": ["strong", UNSET]}
    grey = Condition("is", 1, fact="sky", values=("grey",))
    assert can_hold(grey, values) and not can_hold(grey, {"sky": ["clear"]})
    contradiction = Condition("all", 1, parts=(grey, Condition("not", 1, parts=(grey,))))
    assert not can_hold(contradiction, values)
    # Conservative across facts: grey+strong and clear+calm routes still let grey+calm "hold".
    calm = Condition("not", 1, parts=(Condition("is", 1, fact="wind", values=("strong",)),))
    assert can_hold(Condition("all", 1, parts=(grey, calm)), values)


@pytest.mark.parametrize(("edit", "expected"), [
    (("{sky: grey}}", "{rain: grey}}"), "rain.yml:32 (node 'go'): the condition names the fact 'rain', which the flow "
                                         "does not declare. Fix: use a fact declared under 'facts:'"),
    (("{sky: grey}}", "{sky: pink}}"), "rain.yml:32 (node 'go'): the condition gives the fact 'sky' the value 'pink', "
                                        "which is not one of its values (grey, clear). Fix: use one of them"),
    (("records: {wind: strong}", "records: {wnd: strong}"), "rain.yml:25 (node 'wind'): the answer's 'records' names "
                                                             "the fact 'wnd', which the flow does not declare. Fix: "
                                                             "use a fact declared under 'facts:' (perhaps 'wind')"),
    (("  wind: [strong]\n", "  wind: [strong]\n  mood: [happy]\n"),
     "rain.yml:8: no answer records the fact 'mood'. Fix: add 'records: {mood: <value>}'"),
    (("{not: {sky: grey}}", "{wind: strong}"),
     "rain.yml:32 (node 'go'): the summary shows nothing on a route to this outcome: sky clear, wind unset. Fix: add "
     "an item without 'when' to 'summary', or one for that case."),
])
def test_bad_facts_and_conditions_name_file_line_node_and_fix(edit: tuple[str, str], expected: str) -> None:
    old, new = edit
    assert old in RAIN
    message = problems_of(RAIN.replace(old, new, 1))
    assert expected in message, message
    assert "Traceback" not in message


def test_a_fact_recorded_but_never_used_is_refused() -> None:
    text = RAIN.replace("  wind: [strong]\n", "  wind: [strong]\n  mood: [happy]\n").replace(
        "      - label: Calm\n        next: go\n", "      - label: Calm\n        next: go\n        records: {mood: happy}\n")
    assert "rain.yml:8: answers record the fact 'mood', but no 'when' condition uses it." in problems_of(text)


def test_content_no_route_to_its_outcome_can_show_is_refused() -> None:
    # Clear skies now end at their own outcome, so "go" is reached only with a grey sky.
    text = RAIN.replace("        next: wind\n        records: {sky: clear}", "        next: stay\n        records: {sky: clear}")
    text += RAIN[RAIN.index("  - id: go"):].replace("id: go", "id: stay").replace("Go out", "Stay in")
    message = problems_of(text)
    assert "rain.yml:33 (node 'go'): this summary item is shown only when not (sky is grey), which no route to this " \
           "outcome records (sky can be grey there)." in message, message
    assert "rain.yml:45 (node 'stay'): this summary item is shown only when sky is grey" in message


def test_a_condition_nested_or_sized_past_the_limit_is_refused_with_its_line() -> None:
    deep = "{not: " * 5 + "{sky: grey}" + "}" * 5
    message = problems_of(RAIN.replace("{not: {sky: grey}}", deep))
    assert "rain.yml:33 (node 'go'): the condition is nested more than 4 levels deep." in message, message
    many = "{any: [" + ", ".join(["{sky: grey}"] * 13) + "]}"
    message = problems_of(RAIN.replace("{not: {sky: grey}}", many))
    assert "rain.yml:33 (node 'go'): the condition has 13 fact terms; at most 12" in message, message


def test_a_fact_may_not_be_called_like_a_combinator() -> None:
    message = problems_of(RAIN.replace("  wind: [strong]\n", "  wind: [strong]\n  not: [x]\n"))
    assert "rain.yml:8: a fact may not be called 'not'" in message


def test_the_condition_in_words_names_the_answers_and_their_questions() -> None:
    flow = load()
    analysis = tree.analyse(flow)
    found = fact_values(flow)["go"]
    t = {"answered": "you answered {answers}", "not_answered": "you did not answer {answers}", "quote": "“{label}”",
         "answer_to": "{labels} to Question {number}", "not": "it is not the case that {condition}",
         "and": " and ", "or": " or ", "comma": ", ", "unset": "?", "more": "another"}
    go = flow.nodes["go"]
    assert condition_words(go.summary[0].when, found, analysis.numbers, t) == "you answered “Grey” to Question 1"
    assert condition_words(go.summary[1].when, found, analysis.numbers, t) == "you did not answer “Grey” to Question 1"
    assert condition_words(go.watch_out[1].when, found, analysis.numbers, t) == \
        "you answered “Strong wind” to Question 2 and you answered “Clear” to Question 1"


def test_the_page_shows_each_condition_in_words_and_as_data_and_escapes_the_text() -> None:
    flow = load(RAIN.replace("label: Grey", "label: Grey <script>alert(1)</script>"))
    html = tree.render_flow(ENV, flow, urls={"index.md": "index.html"}, assets=None)
    assert "If you answered “Grey &lt;script&gt;alert(1)&lt;/script&gt;” to Question 1:" in html
    assert "<script>alert" not in html
    assert 'data-flow-when="[&#34;is&#34;, &#34;sky&#34;, &#34;grey&#34;]"' in html
    assert 'data-flow-records="sky=grey"' in html


def test_a_translation_keeps_the_facts_records_and_conditions() -> None:
    original = load()
    changed = load(RAIN.replace("{sky: grey}}\n      - {text: Leave", "{sky: clear}}\n      - {text: Leave")
                   .replace("{not: {sky: grey}}", "{not: {sky: clear}}"))
    problems = [str(p) for p in tree.structure_problems(original, changed)]
    assert any("nodes[go].summary[1].when: differs from the original's." in p for p in problems), problems
    recorded = load(RAIN.replace("records: {wind: strong}", "records: {wind: strong, sky: grey}"))
    problems = [str(p) for p in tree.structure_problems(original, recorded)]
    assert any("nodes[wind].options[1].records: differ from the original's." in p for p in problems), problems


TICK_ALL = """\
id: pains
title: Pains
intro: What hurts?
start: hurts
facts:
  releases: [slow]
  bill: [high]
nodes:
  - id: hurts
    kind: question
    question: Which of these hurt today? Tick all that apply.
    hint: Each one changes the advice.
    multiple: {yes: "Yes, this hurts", no: "No"}
    options:
      - label: Releases are slow or manual
        next: go
        records: {releases: slow}
        note: Releases are slow.
      - label: The serving bill keeps growing
        next: go
        records: {bill: high}
  - id: go
    kind: outcome
    title: Fix what hurts
    summary: Start with what hurts most.
    reasoning: Because.
    look_for:
      - Someone who ships.
      - {text: Release automation., when: {releases: slow}}
      - {text: Serving cost control., when: {bill: high}}
    watch_out: [b]
    next_steps: [c]
    links: [{page: index.md, label: Home}]
"""


def test_a_tick_all_question_is_one_yes_no_question_per_item() -> None:
    flow = tree.parse_flow(TICK_ALL, "pains.yml")
    first, second = flow.nodes["hurts"], flow.nodes["hurts-2"]
    assert (first.question, second.question) == ("Releases are slow or manual", "The serving bill keeps growing")
    assert first.hint == second.hint == "Which of these hurt today? Tick all that apply. Each one changes the advice."
    assert [(o.label, o.next, dict(o.records)) for o in first.options] == [
        ("Yes, this hurts", "hurts-2", {"releases": "slow"}), ("No", "hurts-2", {})]
    assert [o.next for o in second.options] == ["go", "go"]
    assert tree.analyse(flow).numbers == {"hurts": 1, "hurts-2": 2}
    both = shown(flow, ["Yes, this hurts", "Yes, this hurts"])
    assert "Release automation." in both and "Serving cost control." in both
    only_bill = shown(flow, ["No", "Yes, this hurts"])
    assert "Release automation." not in only_bill and "Serving cost control." in only_bill
    assert not {"Release automation.", "Serving cost control."} & set(shown(flow, ["No", "No"]))
    html = tree.render_flow(ENV, flow, urls={"index.md": "index.html"}, assets=None)
    assert "If you answered “Yes, this hurts” to Question 2:" in html


def test_a_tick_all_question_leads_on_to_one_node() -> None:
    text = TICK_ALL.replace("        next: go\n        records: {bill: high}", "        next: hurts\n        records: {bill: high}")
    message = problems_of(text)
    assert "rain.yml:20 (node 'hurts'): the answers of a 'multiple' (tick all that apply) question lead to " \
           "different nodes. Fix: give every answer 'next: go'" in message, message
