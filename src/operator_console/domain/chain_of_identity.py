"""Chain-of-identity checks for loading and unloading a cassette: pure functions, no I/O.

Each check returns a :class:`Check`: ``ok`` or a stable ``code`` with ``params`` and an English
``message`` saying what is wrong and what to do (the UI translates by code). Label errors keep
the parser's code (see :data:`operator_console.domain.barcode_labels.MESSAGES`) with ``label``
set, so one result type carries every refusal of the flow. The facts the checks need (the
batch's patient identifiers, the cassette's registration, its state, the bay) are plain
dataclasses the caller fills from the store; the checks trust nothing the screen decided
earlier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from operator_console.domain.barcode_labels import MESSAGES as LABEL_MESSAGES
from operator_console.domain.barcode_labels import Label, LabelError
from operator_console.domain.cassette_state import CassetteState
from operator_console.domain.gs1 import Gs1Label
from operator_console.domain.isbt128 import Isbt128Label

_QA = "Set it aside and call QA."
_QA_LC = "set it aside and call QA."
MESSAGES: dict[str, str] = {
    "batch_unknown": "Batch {batch} is not known at this station. Check the batch number; if "
    "it is right, the master data has not arrived yet: call the supervisor.",
    "typed_not_allowed": "Typed entry of the {field} is not allowed at this station. Scan the "
    "label with the scanner; if it cannot be read, set the item aside and call QA.",
    "wrong_label_kind": "This is a {found} label, but the {expected} label is needed here. "
    "Scan the {expected} label.",
    "cassette_no_serial": "The cassette label has no serial number, so the cassette cannot be "
    "identified. " + _QA,
    "cassette_no_expiry": "The cassette label has no expiry date. " + _QA,
    "cassette_not_registered": "Cassette {gtin} serial {serial} is not registered for any "
    "batch. Do not use it: " + _QA_LC,
    "cassette_not_for_batch": "Cassette serial {serial} is registered for batch {other}, not "
    "for batch {batch}. Put it back and take the cassette of batch {batch}.",
    "cassette_not_for_step": "Cassette serial {serial} is registered for step {other} of this "
    "batch, not for the current step {step}. Take the cassette for step {step}.",
    "cassette_lot_mismatch": "The cassette's lot {lot} is not the registered lot {expected}. "
    + _QA,
    "cassette_expired": "The cassette expired on {expiry}. Do not use it: " + _QA_LC,
    "cassette_rejected": "Cassette serial {serial} has been rejected by QA. Do not use it.",
    "cassette_quarantined": "Cassette serial {serial} is in quarantine. Do not use it; ask QA.",
    "cassette_conflict": "The records of cassette serial {serial} conflict (for example loaded "
    "at two stations). Do not use it; QA must resolve the conflict.",
    "cassette_loaded_here": "Cassette serial {serial} is already loaded in bay {bay} of this "
    "station. A cassette is loaded only once.",
    "cassette_loaded_elsewhere": "Cassette serial {serial} is already loaded at station "
    "{station} (bay {bay}). A cassette is loaded only once: " + _QA_LC,
    "cassette_load_pending": "A load of cassette serial {serial} into bay {bay} is waiting for "
    "verification. Have it verified (Records) instead of loading it again.",
    "cassette_used": "Cassette serial {serial} was already used and unloaded. Single-use "
    "cassettes can never be loaded again: " + _QA_LC,
    "bag_no_din": "The bag label has no donation identification number (DIN). Scan the "
    "DataMatrix or DIN code of the bag label.",
    "bag_no_expiry": "The bag label has no expiry date, so the material cannot be checked. "
    "Scan the bag's 2-D code that carries the expiry; if there is none, call QA.",
    "din_not_for_patient": "DIN {din} does not belong to the patient of batch {batch}. STOP: "
    "this may be another patient's material. Do not use the bag; call QA at once.",
    "coi_not_for_patient": "The chain-of-identity ID {coi} on the bag is not the one of batch "
    "{batch} ({expected}). STOP: do not use the bag; call QA at once.",
    "material_expired": "The material expired on {expiry}. Do not use the bag; call QA.",
    "bay_unknown": "Bay {bay} is not a bay of this station. Choose one of the bays shown.",
    "bay_out_of_service": "Bay {bay} is out of service. Choose another bay.",
    "bay_occupied": "Bay {bay} already holds cassette serial {serial} (batch {batch}). Choose a "
    "free bay.",
    "bay_reserved": "Bay {bay} is reserved by a load of cassette serial {serial} waiting for "
    "verification. Choose a free bay.",
    "bay_empty": "Bay {bay} holds no loaded cassette. Choose the bay you are unloading.",
    "bay_unload_pending": "An unload of bay {bay} is already waiting for verification. Have "
    "it verified (Records).",
    "unload_wrong_cassette": "The scanned cassette (serial {serial}) is not the one in bay "
    "{bay} (serial {expected}). Scan the label of the cassette you are taking out.",
}
"""Code -> English template: what is wrong, then what to do."""


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Check:
    """One check's verdict. ``code`` is ``"ok"`` when it passed."""

    code: str = "ok"
    params: Mapping[str, str] = field(default_factory=dict)
    label: bool = False
    """True when ``code`` is a label parser code (translate from the label table)."""

    @property
    def ok(self) -> bool:
        return self.code == "ok"

    @property
    def message(self) -> str:
        table = LABEL_MESSAGES if self.label else MESSAGES
        return table.get(self.code, "").format_map(_Params(self.params)) if not self.ok else ""


OK = Check()


def refuse(code: str, **params: object) -> Check:
    """A failed check with a known ``code`` (a key of :data:`MESSAGES`)."""
    if code not in MESSAGES:
        raise KeyError(code)
    return Check(code, {k: str(v) for k, v in params.items()})


def from_label_error(error: LabelError) -> Check:
    """A label that did not parse: malformed, truncated, check digit/character..."""
    return Check(error.code, dict(error.params), label=True)


@dataclass(frozen=True)
class BatchIdentity:
    """A batch and its patient's identifiers (from master data)."""

    batch_id: str
    patient_id: str
    current_step: str
    dins: frozenset[str]
    coi: str | None = None


@dataclass(frozen=True)
class Registration:
    """A cassette expected for a batch and step (master data)."""

    batch_id: str
    step: str
    gtin: str
    serial: str
    lot: str | None


@dataclass(frozen=True)
class Whereabouts:
    """Where a cassette is per its records (``state`` derived by the state machine)."""

    state: CassetteState
    bay: str | None = None
    station: str | None = None
    conflict: bool = False


@dataclass(frozen=True)
class BayFacts:
    """A bay of this station and what (if anything) is in it or reserved for it."""

    bay_id: str
    in_service: bool
    cassette_serial: str | None = None
    cassette_gtin: str | None = None
    batch_id: str | None = None
    state: CassetteState | None = None


def _kind(label: Label) -> str:
    return "GS1 (cassette)" if isinstance(label, Gs1Label) else "ISBT 128 (bag)"


def check_cassette_label(label: Label, batch: BatchIdentity,
                         registrations: Sequence[Registration], today: date) -> Check:
    """The cassette label against the batch: kind, identity, registration, lot, expiry."""
    if not isinstance(label, Gs1Label):
        return refuse("wrong_label_kind", found=_kind(label), expected="GS1 (cassette)")
    if not label.serial:
        return refuse("cassette_no_serial")
    if label.expiry is None:
        return refuse("cassette_no_expiry")
    mine = [r for r in registrations if r.gtin == label.gtin and r.serial == label.serial]
    if not mine:
        return refuse("cassette_not_registered", gtin=label.gtin, serial=label.serial)
    for_batch = [r for r in mine if r.batch_id == batch.batch_id]
    if not for_batch:
        return refuse("cassette_not_for_batch", serial=label.serial, other=mine[0].batch_id,
                      batch=batch.batch_id)
    reg = next((r for r in for_batch if r.step == batch.current_step), None)
    if reg is None:
        return refuse("cassette_not_for_step", serial=label.serial, other=for_batch[0].step,
                      step=batch.current_step)
    if reg.lot is not None and label.lot != reg.lot:
        return refuse("cassette_lot_mismatch", lot=label.lot or "-", expected=reg.lot)
    if label.expiry < today:
        return refuse("cassette_expired", expiry=label.expiry.isoformat())
    return OK


def check_cassette_state(serial: str, where: Whereabouts, station: str) -> Check:
    """May this cassette be loaded, given where its records say it is?"""
    state = where.state
    bay, other = where.bay or "?", where.station or "?"
    if where.conflict:
        return refuse("cassette_conflict", serial=serial)
    if state is CassetteState.REGISTERED:
        return OK
    if state is CassetteState.REJECTED:
        return refuse("cassette_rejected", serial=serial)
    if state is CassetteState.QUARANTINED:
        return refuse("cassette_quarantined", serial=serial)
    if state is CassetteState.UNLOADED:
        return refuse("cassette_used", serial=serial)
    if state is CassetteState.LOAD_PENDING:
        return refuse("cassette_load_pending", serial=serial, bay=bay)
    if where.station is not None and where.station != station:
        return refuse("cassette_loaded_elsewhere", serial=serial, station=other, bay=bay)
    return refuse("cassette_loaded_here", serial=serial, bay=bay)


def check_bag_label(label: Label, batch: BatchIdentity, now: datetime) -> Check:
    """The bag label against the batch's patient: DIN, CoI (where present), expiry.

    ``now`` is the station's local time, naive, as ISBT 128 expiry times are.
    """
    if not isinstance(label, Isbt128Label):
        return refuse("wrong_label_kind", found=_kind(label), expected="ISBT 128 (bag)")
    if label.din is None:
        return refuse("bag_no_din")
    if label.din not in batch.dins:
        return refuse("din_not_for_patient", din=label.din, batch=batch.batch_id)
    if label.coi is not None and label.coi != batch.coi:
        return refuse("coi_not_for_patient", coi=label.coi, batch=batch.batch_id,
                      expected=batch.coi or "-")
    if label.expiry is None:
        return refuse("bag_no_expiry")
    if label.expiry <= now:
        return refuse("material_expired", expiry=label.expiry.isoformat(sep=" "))
    return OK


def check_bay_for_load(bay_id: str, bay: BayFacts | None) -> Check:
    """Is the bay one of this station's, in service, and free (not even reserved)?"""
    if bay is None:
        return refuse("bay_unknown", bay=bay_id)
    if not bay.in_service:
        return refuse("bay_out_of_service", bay=bay_id)
    if bay.state is CassetteState.LOAD_PENDING:
        return refuse("bay_reserved", bay=bay_id, serial=bay.cassette_serial or "?")
    if bay.cassette_serial is not None:
        return refuse("bay_occupied", bay=bay_id, serial=bay.cassette_serial,
                      batch=bay.batch_id or "?")
    return OK


def check_bay_for_unload(bay_id: str, bay: BayFacts | None) -> Check:
    """Does the bay hold a loaded (verified) cassette that can be unloaded?"""
    if bay is None:
        return refuse("bay_unknown", bay=bay_id)
    if bay.state is CassetteState.UNLOAD_PENDING:
        return refuse("bay_unload_pending", bay=bay_id)
    if bay.state is CassetteState.LOAD_PENDING:
        return refuse("bay_reserved", bay=bay_id, serial=bay.cassette_serial or "?")
    if bay.state is not CassetteState.LOADED or bay.cassette_serial is None:
        return refuse("bay_empty", bay=bay_id)
    return OK


def check_unload_cassette(label: Label, bay: BayFacts) -> Check:
    """The cassette scanned at unload is the one the bay holds."""
    if not isinstance(label, Gs1Label):
        return refuse("wrong_label_kind", found=_kind(label), expected="GS1 (cassette)")
    if label.serial != bay.cassette_serial or label.gtin != bay.cassette_gtin:
        return refuse("unload_wrong_cassette", serial=label.serial or "-", bay=bay.bay_id,
                      expected=bay.cassette_serial or "-")
    return OK


def check_typed(field_name: str, typed: bool, allowed: frozenset[str]) -> Check:
    """Typed (not scanned) entry of ``field_name`` only where station policy allows it."""
    if typed and field_name not in allowed:
        return refuse("typed_not_allowed", field=field_name)
    return OK


def first_failure(*checks: Check) -> Check:
    """The first failed check, or OK."""
    return next((c for c in checks if not c.ok), OK)
