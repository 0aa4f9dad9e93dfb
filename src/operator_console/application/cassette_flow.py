"""The guided cassette load and unload flows as a state machine, free of Qt.

Load: batch → cassette label → bag label → bay → sign. Unload: bay → cassette label → sign.
Each entry (a scan, a typed value or a touch) is checked by the :class:`CassetteService`
against what the flow has accepted so far; an accepted entry moves the flow to the next step,
a refused one changes nothing. The widget shows the step, sends entries and renders verdicts;
the order and which check applies where are decided here. At the sign step the flow hands
over the request that the service checks once more before the draft is signed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from operator_console.cassettes.service import (
    CassetteService,
    Entry,
    LoadRequest,
    ScanCheck,
    UnloadRequest,
)
from operator_console.domain.chain_of_identity import Check


class FlowMode(StrEnum):
    LOAD = "load"
    UNLOAD = "unload"


class FlowStep(StrEnum):
    BATCH = "batch"
    CASSETTE = "cassette"
    BAG = "bag"
    BAY = "bay"
    SIGN = "sign"


STEPS: Mapping[FlowMode, tuple[FlowStep, ...]] = {
    FlowMode.LOAD: (FlowStep.BATCH, FlowStep.CASSETTE, FlowStep.BAG, FlowStep.BAY,
                    FlowStep.SIGN),
    FlowMode.UNLOAD: (FlowStep.BAY, FlowStep.CASSETTE, FlowStep.SIGN),
}
#: Steps answered by touching one of a list (batches, bays) as well as by a scan.
CHOICE_STEPS = frozenset({FlowStep.BATCH, FlowStep.BAY})
#: Label fields that identify what a scan accepted, in the order they are summarised.
_IDENTIFYING = ("serial", "lot", "din", "product_code")

CheckResult = Check | ScanCheck


@dataclass(frozen=True)
class Accepted:
    """An accepted entry: what was entered, how, and what identifies it in the summary."""

    text: str
    entry: Entry
    identifies: str = ""


@dataclass(frozen=True)
class Verdict:
    """A check's answer for the screen: the check, the label fields read, whether it moved on."""

    step: FlowStep
    check: Check
    fields: Mapping[str, str]
    advanced: bool


@dataclass
class CassetteFlowState:
    """Where one load or unload stands. Start a new one for every new flow."""

    mode: FlowMode = FlowMode.LOAD
    accepted: dict[FlowStep, Accepted] = field(default_factory=dict)
    step: FlowStep = FlowStep.BATCH

    def __post_init__(self) -> None:
        self.step = self.steps[0]

    @property
    def steps(self) -> tuple[FlowStep, ...]:
        return STEPS[self.mode]

    @property
    def expects_entry(self) -> bool:
        """True while the current step takes a scan, a typed value or a touch."""
        return self.step is not FlowStep.SIGN

    def value(self, step: FlowStep) -> str:
        return self.accepted[step].text

    def check_for(self, service: CassetteService, text: str,
                  entry: Entry) -> Callable[[], CheckResult]:
        """The (blocking) check of ``text`` at the current step, to run off the UI thread."""
        step, text = self.step, text.strip()
        if step is FlowStep.BATCH:
            return lambda: service.check_batch(text, entry)[0]
        if step is FlowStep.CASSETTE and self.mode is FlowMode.LOAD:
            batch = self.value(FlowStep.BATCH)
            return lambda: service.check_cassette_scan(batch, text, entry)
        if step is FlowStep.CASSETTE:
            bay = self.value(FlowStep.BAY)
            return lambda: service.check_unload_cassette(bay, text, entry)
        if step is FlowStep.BAG:
            batch = self.value(FlowStep.BATCH)
            return lambda: service.check_bag_scan(batch, text, entry)
        if step is FlowStep.BAY and self.mode is FlowMode.LOAD:
            return lambda: service.check_bay(text, entry)
        if step is FlowStep.BAY:
            return lambda: service.check_unload_bay(text, entry)
        raise ValueError("the sign step takes no entry")

    def apply(self, step: FlowStep, text: str, entry: Entry,
              result: CheckResult) -> Verdict | None:
        """Take the answer of a check made at ``step``; ``None`` if the flow moved on since."""
        if step is not self.step:
            return None
        check = result.check if isinstance(result, ScanCheck) else result
        fields = dict(result.fields) if isinstance(result, ScanCheck) else {}
        if step in CHOICE_STEPS:
            fields = {}
        if not check.ok:
            return Verdict(step, check, fields, advanced=False)
        identifies = " · ".join(fields[k] for k in _IDENTIFYING if k in fields)
        self.accepted[step] = Accepted(text.strip(), entry, identifies)
        self.step = self.steps[self.steps.index(step) + 1]
        return Verdict(step, check, fields, advanced=True)

    def request(self) -> LoadRequest | UnloadRequest:
        """What to check once more and turn into a draft, once every entry is accepted."""
        if self.step is not FlowStep.SIGN:
            raise ValueError(f"the flow is at {self.step}, not ready to sign")
        a = self.accepted
        if self.mode is FlowMode.LOAD:
            batch, cassette = a[FlowStep.BATCH], a[FlowStep.CASSETTE]
            bag, bay = a[FlowStep.BAG], a[FlowStep.BAY]
            return LoadRequest(batch.text, batch.entry, cassette.text, cassette.entry,
                               bag.text, bag.entry, bay.text, bay.entry)
        bay, cassette = a[FlowStep.BAY], a[FlowStep.CASSETTE]
        return UnloadRequest(bay.text, bay.entry, cassette.text, cassette.entry)
