"""The lifecycle of a batch as the plant server holds it, and the transitions allowed.

::

    in_process ──(every step done, seen by the server)──▶ execution_complete
    execution_complete ──(QA begins the review)──▶ under_review
    under_review ──release──▶ released         (final; only through the release gate)
    under_review ──reject───▶ rejected         (final)
    in_process | execution_complete | under_review ──hold──▶ on_hold
    on_hold ──resume──▶ under_review if every step is done, else in_process
    any state but released/rejected ──reject──▶ rejected

A released or rejected batch accepts no further step (:func:`accepts_steps`): stations
refuse them, and a step record that reaches the server anyway raises a conflict.
"""

from __future__ import annotations

from enum import StrEnum


class BatchState(StrEnum):
    IN_PROCESS = "in_process"
    EXECUTION_COMPLETE = "execution_complete"
    UNDER_REVIEW = "under_review"
    RELEASED = "released"
    REJECTED = "rejected"
    ON_HOLD = "on_hold"


class Decision(StrEnum):
    """What QA decides with an 'approved' signature (hold and resume carry a reason too)."""

    RELEASE = "release"
    REJECT = "reject"
    HOLD = "hold"
    RESUME = "resume"


FINAL_STATES = frozenset({BatchState.RELEASED, BatchState.REJECTED})

#: States a batch waits for QA in (the release clock runs from execution complete).
WAITING_FOR_QA = frozenset({BatchState.EXECUTION_COMPLETE, BatchState.UNDER_REVIEW,
                            BatchState.ON_HOLD})


class TransitionRefusedError(ValueError):
    """``code`` is stable (``batch_closed``, ``not_under_review``...); the message English."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def accepts_steps(state: BatchState | str | None) -> bool:
    """May a step still be executed? Not on a released or rejected batch (nor on hold)."""
    if state is None:
        return True
    return BatchState(state) not in FINAL_STATES | {BatchState.ON_HOLD}


def after_execution(state: BatchState, complete: bool) -> BatchState:
    """The state once the server has seen the batch's steps: ``complete`` moves a batch in
    process to execution complete; every other state stays (no going back to in process)."""
    if state is BatchState.IN_PROCESS and complete:
        return BatchState.EXECUTION_COMPLETE
    return state


def begin_review(state: BatchState) -> BatchState:
    """A QA review act (disposition, audit-trail review) on a completed batch starts the
    review; during execution or under review it changes nothing."""
    if state in FINAL_STATES:
        raise TransitionRefusedError("batch_closed", f"the batch is {state.value}; it is "
                                     "closed to review")
    return BatchState.UNDER_REVIEW if state is BatchState.EXECUTION_COMPLETE else state


def decide(state: BatchState, decision: Decision, *, complete: bool) -> BatchState:
    """The state a decision leads to, or :class:`TransitionRefusedError`. ``complete``:
    every step is done (resume goes back to where the facts say)."""
    decision = Decision(decision)
    if state in FINAL_STATES:
        raise TransitionRefusedError("batch_closed", f"the batch is {state.value}; no "
                                     "further decision is possible")
    if decision is Decision.RELEASE:
        if state is not BatchState.UNDER_REVIEW:
            raise TransitionRefusedError(
                "not_under_review", f"the batch is {state.value}: only a batch under QA "
                "review can be released (its audit trail reviewed first)")
        return BatchState.RELEASED
    if decision is Decision.REJECT:
        return BatchState.REJECTED
    if decision is Decision.HOLD:
        if state is BatchState.ON_HOLD:
            raise TransitionRefusedError("already_on_hold", "the batch is already on hold")
        return BatchState.ON_HOLD
    if state is not BatchState.ON_HOLD:
        raise TransitionRefusedError("not_on_hold", f"the batch is {state.value}, not on "
                                     "hold")
    return BatchState.UNDER_REVIEW if complete else BatchState.IN_PROCESS
