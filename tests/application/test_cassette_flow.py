"""The cassette flow's order and hand-over, without Qt: which check runs at which step, what
an accepted or refused entry does, and what is handed to the service to sign."""

from __future__ import annotations

from typing import Any, cast

import pytest

from operator_console.application.cassette_flow import CassetteFlowState, FlowMode, FlowStep
from operator_console.cassettes.service import (
    CassetteService,
    Entry,
    LoadRequest,
    ScanCheck,
    UnloadRequest,
)
from operator_console.domain.chain_of_identity import Check

REFUSED = Check("cassette_expired", {"expiry": "2026-01-01"})


class FakeService:
    """Answers every check with what ``answers`` says for its name; records the calls."""

    def __init__(self, **answers: Check) -> None:
        self.answers, self.calls = answers, list[tuple[Any, ...]]()

    def _answer(self, name: str, *args: Any) -> Check:
        self.calls.append((name, *args))
        return self.answers.get(name, Check())

    def check_batch(self, text: str, entry: Entry) -> tuple[Check, None]:
        return self._answer("check_batch", text, entry), None

    def _scan(self, name: str, *args: Any) -> ScanCheck:
        return ScanCheck(self._answer(name, *args), {"serial": "CS1", "lot": "L1", "gtin": "G"})

    def check_cassette_scan(self, batch: str, raw: str, entry: Entry) -> ScanCheck:
        return self._scan("check_cassette_scan", batch, raw, entry)

    def check_unload_cassette(self, bay: str, raw: str, entry: Entry) -> ScanCheck:
        return self._scan("check_unload_cassette", bay, raw, entry)

    def check_bag_scan(self, batch: str, raw: str, entry: Entry) -> ScanCheck:
        return self._scan("check_bag_scan", batch, raw, entry)

    def check_bay(self, bay: str, entry: Entry) -> Check:
        return self._answer("check_bay", bay, entry)

    def check_unload_bay(self, bay: str, entry: Entry) -> Check:
        return self._answer("check_unload_bay", bay, entry)


def enter(state: CassetteFlowState, svc: FakeService, text: str, entry: Entry = Entry.SCANNED):
    step = state.step
    result = state.check_for(cast(CassetteService, svc), text, entry)()
    return state.apply(step, text, entry, result)


def test_a_load_runs_batch_cassette_bag_bay_then_signs() -> None:
    svc, state = FakeService(), CassetteFlowState(FlowMode.LOAD)
    assert state.step is FlowStep.BATCH and state.expects_entry
    enter(state, svc, " B-1 ", Entry.CHOSEN)
    enter(state, svc, "(01)cassette")
    enter(state, svc, "=bag")
    enter(state, svc, "B2", Entry.CHOSEN)
    assert state.step is FlowStep.SIGN and not state.expects_entry
    assert [c[0] for c in svc.calls] == ["check_batch", "check_cassette_scan",
                                         "check_bag_scan", "check_bay"]
    assert svc.calls[1][1] == "B-1" and svc.calls[2][1] == "B-1"  # checked against the batch
    assert state.request() == LoadRequest("B-1", Entry.CHOSEN, "(01)cassette", Entry.SCANNED,
                                          "=bag", Entry.SCANNED, "B2", Entry.CHOSEN)
    assert state.accepted[FlowStep.CASSETTE].identifies == "CS1 · L1"


def test_an_unload_checks_the_cassette_against_the_bay() -> None:
    svc, state = FakeService(), CassetteFlowState(FlowMode.UNLOAD)
    assert state.steps == (FlowStep.BAY, FlowStep.CASSETTE, FlowStep.SIGN)
    enter(state, svc, "B1", Entry.CHOSEN)
    enter(state, svc, "(01)cassette", Entry.TYPED)
    assert svc.calls[1] == ("check_unload_cassette", "B1", "(01)cassette", Entry.TYPED)
    assert state.request() == UnloadRequest("B1", Entry.CHOSEN, "(01)cassette", Entry.TYPED)


def test_a_refused_entry_changes_nothing() -> None:
    svc, state = FakeService(check_cassette_scan=REFUSED), CassetteFlowState()
    enter(state, svc, "B-1")
    verdict = enter(state, svc, "(01)expired")
    assert verdict is not None and not verdict.advanced and verdict.check == REFUSED
    assert state.step is FlowStep.CASSETTE and FlowStep.CASSETTE not in state.accepted


def test_a_late_answer_for_an_earlier_step_is_ignored() -> None:
    svc, state = FakeService(), CassetteFlowState()
    result = state.check_for(cast(CassetteService, svc), "B-1", Entry.SCANNED)()
    state.apply(FlowStep.BATCH, "B-1", Entry.SCANNED, result)
    assert state.apply(FlowStep.BATCH, "B-9", Entry.SCANNED, result) is None
    assert state.accepted[FlowStep.BATCH].text == "B-1"


def test_no_entry_and_no_request_at_the_wrong_step() -> None:
    state = CassetteFlowState()
    with pytest.raises(ValueError):
        state.request()
    for text in ("B-1", "(01)c", "=b", "B1"):
        enter(state, FakeService(), text)
    with pytest.raises(ValueError):
        state.check_for(cast(CassetteService, FakeService()), "more", Entry.SCANNED)


def test_choice_steps_show_no_label_fields() -> None:
    svc, state = FakeService(), CassetteFlowState()
    verdict = enter(state, svc, "B-1")
    assert verdict is not None and dict(verdict.fields) == {}
    verdict = enter(state, svc, "(01)c")
    assert verdict is not None and verdict.fields["serial"] == "CS1"
