"""What checking a step's inputs gives: a :class:`Verdict` — accepted or refused, the actual
values to record, and the exceptions to raise either way (a refused scan leaves a trace)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from operator_console.domain.batch_execution.exceptions import ExceptionDraft
from operator_console.domain.canonical import JsonValue

MESSAGES: dict[str, str] = {
    "field_missing": "Enter {field}.",
    "field_unknown": "{field} is not a field of this step.",
    "implausible": "{value} {unit} is not a possible value of {field} (possible: {range}). "
    "Check the reading and enter it again.",
    "too_many_decimals": "{field} takes at most {decimals} digits after the point.",
    "checklist_incomplete": "Confirm every item of the checklist: {items} not confirmed yet.",
    "not_confirmed": "Confirm that you have read and done the instruction.",
    "reagent_no_label": "Scan the label of {material}, or type its lot and expiry where "
    "allowed.",
    "reagent_wrong_material": "The scanned GTIN {gtin} is not the one of {material} "
    "({expected}). Take the right material.",
    "reagent_no_lot": "The label has no lot number. Set the material aside and call QA.",
    "reagent_no_expiry": "The label has no expiry date. Set the material aside and call QA.",
    "reagent_expired": "{material} lot {lot} expired on {expiry}. Do not use it: set it aside "
    "and call QA.",
    "sample_id_mismatch": "Sample ID {sample_id} is not the one of this batch and step "
    "({expected}). Scan the label of the right sample.",
    "sample_other_patient": "Sample ID {sample_id} belongs to another chain of identity. STOP: "
    "do not use it; call QA at once.",
    "cassette_record_missing": "Load or unload the cassette first: the step records the "
    "cassette record.",
    "phase_not_finished": "The phase has run {elapsed} of {duration} minutes. Wait until it "
    "has finished.",
    "phase_not_started": "Start the phase first.",
    "batch_not_ready": "Batch {batch} cannot be run here yet: its recipe or its patient's "
    "identifiers have not reached this station. Sync with the plant server.",
}
"""Code -> English template of the refusals below the label checks (which keep their own
codes from ``domain.chain_of_identity`` and ``domain.barcode_labels``)."""


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Verdict:
    """``code`` ``"ok"``: accepted, ``actual`` is what the step record states. Otherwise the
    input is refused (nothing is recorded but ``exceptions``). ``label`` marks a code from
    the label or chain-of-identity tables."""

    code: str = "ok"
    params: Mapping[str, str] = field(default_factory=dict)
    actual: Mapping[str, JsonValue] = field(default_factory=dict)
    exceptions: tuple[ExceptionDraft, ...] = ()
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code == "ok"


def accept(actual: Mapping[str, JsonValue], *exceptions: ExceptionDraft) -> Verdict:
    return Verdict(actual=actual, exceptions=exceptions)


def refuse(code: str, *exceptions: ExceptionDraft, message: str | None = None,
           **params: object) -> Verdict:
    """A refusal; ``message`` given for codes of other tables, else from :data:`MESSAGES`."""
    text = {k: str(v) for k, v in params.items()}
    if message is None:
        message = MESSAGES[code].format_map(_Params(text))
    return Verdict(code, text, {}, exceptions, message)
