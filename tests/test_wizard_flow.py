"""The wizard machinery: steps as data, position, resume, stops (pure)."""

from portal.domain import wizard
from portal.domain.wizard import Context, Flow, Step

FLOW = Flow("x", (
    Step("a", "A"),
    Step("b", "B", applies=lambda c: c.answer("a", "b") == "ja"),
    Step("c", "C", stops=lambda c: "Stop" if c.answer("c", "stop") else None),
))


def context(**answers):
    return Context(measure="x", applicant_type="werkgever", answers=answers)


def test_position_counts_only_applicable_steps():
    assert wizard.position(FLOW, context(), "c") == (2, 2)
    assert wizard.position(FLOW, context(a={"b": "ja"}), "c") == (3, 3)


def test_next_and_previous_skip_steps_that_do_not_apply():
    assert wizard.next_step(FLOW, context(a={}), "a").key == "c"
    assert wizard.next_step(FLOW, context(), "c") is None
    assert wizard.previous_step(FLOW, context(), "c").key == "a"
    assert wizard.previous_step(FLOW, context(), "a") is None


def test_after_a_step_that_no_longer_applies_comes_the_next_one_that_does():
    assert wizard.next_step(FLOW, context(a={}), "b").key == "c"


def test_a_resumed_draft_continues_at_the_first_open_step():
    assert wizard.first_open_step(FLOW, context()).key == "a"
    assert wizard.first_open_step(FLOW, context(a={"b": "ja"})).key == "b"
    assert wizard.first_open_step(FLOW, context(a={}, c={})) is None


def test_a_step_opens_only_after_the_steps_before_it():
    assert wizard.may_open(FLOW, context(), "a")
    assert not wizard.may_open(FLOW, context(), "c")
    assert wizard.may_open(FLOW, context(a={}), "c")
    assert not wizard.may_open(FLOW, context(a={}), "b")


def test_missing_and_stop_reason():
    assert [s.key for s in wizard.missing(FLOW, context(a={}))] == ["c"]
    assert wizard.stop_reason(FLOW, context(a={}, c={"stop": True})) == "Stop"
    assert wizard.stop_reason(FLOW, context(a={}, c={})) is None
