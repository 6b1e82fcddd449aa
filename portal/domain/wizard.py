"""The wizard as data: a flow is an ordered list of steps, each with a rule saying when it applies
and, optionally, a rule that stops the application with a reason. Pure: no Flask, no database.

The same definitions drive the step pages, the step indicator, "what is still missing" under
Mijn aanvragen, and the check before submission.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Callable


@dataclass(frozen=True)
class Context:
    """What decides which steps apply: who applies, for what, and what they answered so far."""

    measure: str
    applicant_type: str  # "werkgever", "school" or "zelfstandige"
    kind: str = "nieuw"
    answers: dict = field(default_factory=dict)
    enterprise_has_account: bool = False
    # Kinds of the documents uploaded so far.
    documents: frozenset = frozenset()
    today: date | None = None

    def answer(self, step: str, name: str, default=None):
        return self.answers.get(step, {}).get(name, default)


def always(ctx: Context) -> bool:
    return True


# --- step predicates every measure shares ---------------------------------------------------

def is_self_employed(ctx: Context) -> bool:
    return ctx.applicant_type == "zelfstandige"


def needs_account(ctx: Context) -> bool:
    """The account is asked only on the enterprise's first application; then it serves every
    establishment of the enterprise and every school of the school group (seed 003)."""
    return not ctx.enterprise_has_account


def documents_complete(required_documents: Callable[[Context], list]) -> Callable[[Context], bool]:
    """The documents step is done when every required document of the measure is uploaded."""
    def done(ctx: Context) -> bool:
        return all(req.kind in ctx.documents for req in required_documents(ctx) if req.required)

    return done


def never_stops(ctx: Context) -> str | None:
    return None


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    applies: Callable[[Context], bool] = always
    # A reason (Dutch) why the application cannot go on, given the answers; None to go on.
    stops: Callable[[Context], str | None] = never_stops
    # Whether this step counts as answered; by default: it has saved answers.
    done: Callable[[Context], bool] | None = None


@dataclass(frozen=True)
class Flow:
    measure: str
    steps: tuple[Step, ...]

    def applicable(self, ctx: Context) -> list[Step]:
        return [step for step in self.steps if step.applies(ctx)]

    def get(self, key: str) -> Step | None:
        return next((step for step in self.steps if step.key == key), None)


def is_done(step: Step, ctx: Context) -> bool:
    if step.done is not None:
        return step.done(ctx)
    return step.key in ctx.answers


def position(flow: Flow, ctx: Context, key: str) -> tuple[int, int]:
    """(number, total) of a step among the applicable ones: "Stap 2 van 6"."""
    keys = [step.key for step in flow.applicable(ctx)]
    return keys.index(key) + 1, len(keys)


def next_step(flow: Flow, ctx: Context, key: str) -> Step | None:
    """The applicable step after `key` in the flow's order, or None when the review comes next;
    `key` itself need not apply (any more)."""
    keys = [step.key for step in flow.steps]
    later = flow.steps[keys.index(key) + 1:]
    return next((step for step in later if step.applies(ctx)), None)


def previous_step(flow: Flow, ctx: Context, key: str) -> Step | None:
    steps = flow.applicable(ctx)
    keys = [step.key for step in steps]
    index = keys.index(key) if key in keys else 0
    return steps[index - 1] if index > 0 else None


def first_open_step(flow: Flow, ctx: Context) -> Step | None:
    """Where a resumed draft continues: the first applicable step not yet answered, or the one
    that stops the application."""
    return next((step for step in flow.applicable(ctx) if not is_done(step, ctx) or step.stops(ctx)), None)


def missing(flow: Flow, ctx: Context) -> list[Step]:
    return [step for step in flow.applicable(ctx) if not is_done(step, ctx)]


def stop_reason(flow: Flow, ctx: Context) -> str | None:
    """The first reason, over the applicable steps, why this application cannot be submitted."""
    for step in flow.applicable(ctx):
        reason = step.stops(ctx)
        if reason:
            return reason
    return None


def may_open(flow: Flow, ctx: Context, key: str) -> bool:
    """A step may be opened when it applies and every applicable step before it is done and does
    not stop the application."""
    for step in flow.applicable(ctx):
        if step.key == key:
            return True
        if not is_done(step, ctx) or step.stops(ctx):
            return False
    return False
