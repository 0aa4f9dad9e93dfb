"""CassetteService: every check of the load and unload flows, and the records they produce.

The GUI asks the service about each scan as it arrives (``check_*``, all blocking: call them
from the ``TaskRunner``), then for a draft (``prepare_load`` / ``prepare_unload``) that it shows
in the signature dialog. The dialog signs through :attr:`CassetteService.signing`, which runs
:meth:`_guard` inside the commit transaction: the same checks again, from the draft's content,
so no earlier answer is trusted and no illegal transition can be written by any path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from operator_console.auth.signing_service import SigningService
from operator_console.cassettes.guarded_signing import CassetteRefusedError, GuardedSigningService
from operator_console.domain import chain_of_identity as coi
from operator_console.domain.barcode_labels import Label, LabelError, parse_label
from operator_console.domain.canonical import JsonValue
from operator_console.domain.cassette_state import (
    CassetteEvent,
    CassetteState,
    IllegalTransitionError,
)
from operator_console.domain.cassette_state import transition as state_transition
from operator_console.domain.chain_of_identity import BatchIdentity, Check
from operator_console.domain.gs1 import Gs1Label
from operator_console.domain.isbt128 import Isbt128Label
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.store import cassettes as repo
from operator_console.store.db import Database
from operator_console.store.records import RecordFilter, load_records
from operator_console.store.settings import get_setting

__all__ = ["CassetteRefusedError", "CassetteService", "Entry", "LoadRequest", "ScanCheck",
           "UnloadRequest"]


class Entry(StrEnum):
    """How a value reached the console; stored in the record next to the value."""

    SCANNED = "scanned"
    TYPED = "typed"
    CHOSEN = "chosen"  # touched in a list the console showed


@dataclass(frozen=True)
class ScanCheck:
    """A scan's verdict and what was read from it (shown in large type)."""

    check: Check
    fields: Mapping[str, str]
    label: Label | None = None


@dataclass(frozen=True)
class LoadRequest:
    batch_id: str
    batch_entry: Entry
    cassette_raw: str
    cassette_entry: Entry
    bag_raw: str
    bag_entry: Entry
    bay_id: str
    bay_entry: Entry


@dataclass(frozen=True)
class UnloadRequest:
    bay_id: str
    bay_entry: Entry
    cassette_raw: str
    cassette_entry: Entry


def _fields(label: Label) -> dict[str, str]:
    return {k: v for k, v in label.as_dict().items() if v is not None and k != "kind"}


class CassetteService:
    """Chain-of-identity checks and cassette records for one station."""

    def __init__(self, db: Database, signing: SigningService,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self._clock = clock or (lambda: datetime.now(UTC))
        self.signing = GuardedSigningService(signing, self._guard, self._verify_guard,
                                             clock=self._clock)

    @property
    def station(self) -> str:
        """This station's name, as its records carry it."""
        return self.signing.audit.station

    # -- time and policy ----------------------------------------------------------------------
    def local_now(self) -> datetime:
        """The station's local wall-clock time, naive (as ISBT 128 expiry times are)."""
        return self._clock().astimezone().replace(tzinfo=None)

    def _today(self) -> date:
        return self.local_now().date()

    @staticmethod
    def typed_allowed(session: Session) -> frozenset[str]:
        value = get_setting(session, "allow_typed_entry")
        return frozenset(part.strip() for part in value.split(",") if part.strip())

    def _typed(self, s: Session, field: str, entry: Entry) -> Check:
        return coi.check_typed(field, entry is Entry.TYPED, self.typed_allowed(s))

    def _parse(self, raw: str) -> Label | Check:
        try:
            return parse_label(raw, today=self._today())
        except LabelError as exc:
            return coi.from_label_error(exc)

    # -- the checks, one per step -------------------------------------------------------------
    def list_batches(self) -> list[repo.BatchSummary]:
        with self.db.read() as s:
            return repo.list_batches(s)

    def check_batch(self, batch_id: str, entry: Entry) -> tuple[Check, BatchIdentity | None]:
        with self.db.read() as s:
            return self._batch(s, batch_id.strip(), entry)

    def _batch(self, s: Session, batch_id: str, entry: Entry) -> tuple[Check, BatchIdentity | None]:
        typed = self._typed(s, "batch", entry)
        batch = repo.get_batch(s, batch_id)
        if not typed.ok:
            return typed, None
        if batch is None:
            return coi.refuse("batch_unknown", batch=batch_id), None
        return coi.OK, batch

    def check_cassette_scan(self, batch_id: str, raw: str, entry: Entry) -> ScanCheck:
        with self.db.read() as s:
            return self._cassette(s, batch_id, raw, entry)

    def _scan_for_batch(self, s: Session, batch_id: str, field: str, raw: str | Label,
                        entry: Entry) -> ScanCheck | tuple[BatchIdentity, Label]:
        """What every scan for a batch checks first: the batch, how the value was entered
        and that it reads as a label. A refusal, or the batch and the label."""
        check, batch = self._batch(s, batch_id, Entry.CHOSEN)
        typed = self._typed(s, field, entry)
        if not typed.ok or batch is None:
            return ScanCheck(typed if not typed.ok else check, {})
        label = self._parse(raw) if isinstance(raw, str) else raw
        if isinstance(label, Check):
            return ScanCheck(label, {})
        return batch, label

    def _cassette(self, s: Session, batch_id: str, raw: str | Label, entry: Entry) -> ScanCheck:
        read = self._scan_for_batch(s, batch_id, "cassette", raw, entry)
        if isinstance(read, ScanCheck):
            return read
        batch, label = read
        fields = _fields(label)
        check = coi.check_cassette_label(
            label, batch, repo.registrations(s, label.gtin, label.serial or "")
            if isinstance(label, Gs1Label) else [], self._today())
        if check.ok and isinstance(label, Gs1Label):
            where, _ = repo.whereabouts(s, label.gtin, label.serial or "")
            check = coi.check_cassette_state(label.serial or "", where, self.station)
        return ScanCheck(check, fields, label)

    def check_bag_scan(self, batch_id: str, raw: str, entry: Entry) -> ScanCheck:
        with self.db.read() as s:
            return self._bag(s, batch_id, raw, entry)

    def _bag(self, s: Session, batch_id: str, raw: str | Label, entry: Entry) -> ScanCheck:
        read = self._scan_for_batch(s, batch_id, "bag", raw, entry)
        if isinstance(read, ScanCheck):
            return read
        batch, label = read
        return ScanCheck(coi.check_bag_label(label, batch, self.local_now()), _fields(label),
                         label)

    def check_bay(self, bay_id: str, entry: Entry) -> Check:
        """May a cassette be loaded into ``bay_id`` now?"""
        with self.db.read() as s:
            return self._bay(s, bay_id, entry, unload=False)

    def check_unload_bay(self, bay_id: str, entry: Entry) -> Check:
        """Does ``bay_id`` hold a loaded cassette to unload?"""
        with self.db.read() as s:
            return self._bay(s, bay_id, entry, unload=True)

    def _bay(self, s: Session, bay_id: str, entry: Entry, *, unload: bool) -> Check:
        typed = self._typed(s, "bay", entry)
        if not typed.ok:
            return typed
        view = repo.bay(s, bay_id.strip())
        facts = view.facts if view is not None else None
        if unload:
            return coi.check_bay_for_unload(bay_id, facts)
        return coi.check_bay_for_load(bay_id, facts)

    def check_unload_cassette(self, bay_id: str, raw: str, entry: Entry) -> ScanCheck:
        with self.db.read() as s:
            return self._unload_cassette(s, bay_id, raw, entry)

    def _unload_cassette(self, s: Session, bay_id: str, raw: str | Label,
                         entry: Entry) -> ScanCheck:
        typed = self._typed(s, "cassette", entry)
        if not typed.ok:
            return ScanCheck(typed, {})
        label = self._parse(raw) if isinstance(raw, str) else raw
        if isinstance(label, Check):
            return ScanCheck(label, {})
        view = repo.bay(s, bay_id)
        bay_check = coi.check_bay_for_unload(bay_id, view.facts if view else None)
        if not bay_check.ok or view is None:
            return ScanCheck(bay_check, _fields(label), label)
        return ScanCheck(coi.check_unload_cassette(label, view.facts), _fields(label), label)

    def bays_overview(self) -> list[repo.BayView]:
        with self.db.read() as s:
            return repo.bays(s)

    # -- drafts -------------------------------------------------------------------------------
    def prepare_load(self, req: LoadRequest) -> RecordDraft:
        """All load checks again, then the draft to sign; raises :class:`CassetteRefusedError`."""
        with self.db.read() as s:
            return self._load_draft(s, req.batch_id, req.batch_entry, req.cassette_raw,
                                    req.cassette_entry, req.bag_raw, req.bag_entry, req.bay_id,
                                    req.bay_entry)

    def _load_draft(self, s: Session, batch_id: str, batch_entry: Entry, cassette: str | Label,
                    cassette_entry: Entry, bag: str | Label, bag_entry: Entry, bay_id: str,
                    bay_entry: Entry) -> RecordDraft:
        check, batch = self._batch(s, batch_id, batch_entry)
        cas = self._cassette(s, batch_id, cassette, cassette_entry)
        bg = self._bag(s, batch_id, bag, bag_entry)
        failed = coi.first_failure(check, cas.check, bg.check,
                                   self._bay(s, bay_id, bay_entry, unload=False))
        if not failed.ok:
            raise CassetteRefusedError(failed)
        assert batch is not None
        assert isinstance(cas.label, Gs1Label) and isinstance(bg.label, Isbt128Label)
        content: dict[str, JsonValue] = {
            "action": "load", "station": self.station, "step": batch.current_step,
            "patient_id": batch.patient_id, "batch_entry": batch_entry.value,
            "bay": bay_id, "bay_entry": bay_entry.value,
            "cassette": _cassette_content(cas.label, cassette_entry),
            "bag": {"din": bg.label.din, "product_code": bg.fields.get("product_code"),
                    "expiry": bg.fields.get("expiry"), "coi": bg.label.coi,
                    "entry": bag_entry.value},
        }
        return RecordDraft(RecordType.CASSETTE_LOAD, batch.batch_id, content)

    def prepare_unload(self, req: UnloadRequest) -> RecordDraft:
        """All unload checks again, then the draft to sign; raises :class:`CassetteRefusedError`."""
        with self.db.read() as s:
            return self._unload_draft(s, req.bay_id, req.bay_entry, req.cassette_raw,
                                      req.cassette_entry)

    def _unload_draft(self, s: Session, bay_id: str, bay_entry: Entry, cassette: str | Label,
                      cassette_entry: Entry) -> RecordDraft:
        bay_check = self._bay(s, bay_id, bay_entry, unload=True)
        cas = self._unload_cassette(s, bay_id, cassette, cassette_entry)
        failed = coi.first_failure(bay_check, cas.check)
        if not failed.ok:
            raise CassetteRefusedError(failed)
        view = repo.bay(s, bay_id)
        assert view is not None and view.batch_id is not None
        assert isinstance(cas.label, Gs1Label)
        content: dict[str, JsonValue] = {
            "action": "unload", "station": self.station, "bay": bay_id,
            "bay_entry": bay_entry.value, "load_record": view.load_record_id,
            "cassette": _cassette_content(cas.label, cassette_entry),
        }
        return RecordDraft(RecordType.CASSETTE_UNLOAD, view.batch_id, content)

    # -- the commit-time guards ---------------------------------------------------------------
    def _guard(self, s: Session, draft: RecordDraft) -> Check:
        """Re-run every check from the draft's own content, inside the commit transaction."""
        body: Mapping[str, Any] = draft.content
        try:
            cassette = _gs1_from(body["cassette"])
            entry = Entry(body["cassette"]["entry"])
            if draft.record_type is RecordType.CASSETTE_LOAD:
                bag = body["bag"]
                bag_label = Isbt128Label(
                    din=bag["din"], flags=None, check_character=None, product_code=None,
                    expiry=datetime.fromisoformat(bag["expiry"]) if bag["expiry"] else None,
                    coi=bag["coi"])
                self._load_draft(s, draft.batch_id, Entry(body["batch_entry"]), cassette, entry,
                                 bag_label, Entry(bag["entry"]), str(body["bay"]),
                                 Entry(body["bay_entry"]))
            else:
                self._unload_draft(s, str(body["bay"]), Entry(body["bay_entry"]), cassette,
                                   entry)
        except CassetteRefusedError as exc:
            return exc.check
        except (KeyError, TypeError, ValueError):
            return coi.refuse("cassette_conflict", serial="?")
        return coi.OK

    def _verify_guard(self, s: Session, record_id: str) -> Check:
        """A verification must be the legal next step of that cassette's state machine."""
        views = load_records(s, RecordFilter(record_ids=[record_id]))
        if not views or views[0].record_type not in (RecordType.CASSETTE_LOAD,
                                                     RecordType.CASSETTE_UNLOAD):
            return coi.OK
        view = views[0]
        cassette = view.body.get("cassette", {})
        serial = str(cassette.get("serial"))
        where, last_load = repo.whereabouts(s, str(cassette.get("gtin")), serial)
        event = (CassetteEvent.LOAD_VERIFIED if view.record_type is RecordType.CASSETTE_LOAD
                 else CassetteEvent.UNLOAD_VERIFIED)
        try:
            state_transition(where.state, event)
        except IllegalTransitionError:
            return coi.refuse("cassette_conflict", serial=serial)
        if (view.record_type is RecordType.CASSETTE_LOAD and where.state
                is CassetteState.LOAD_PENDING and last_load is not None
                and last_load.record_id != record_id):
            return coi.refuse("cassette_conflict", serial=serial)
        return coi.OK


def _cassette_content(label: Gs1Label, entry: Entry) -> dict[str, JsonValue]:
    return {"gtin": label.gtin, "lot": label.lot, "serial": label.serial,
            "expiry": label.expiry.isoformat() if label.expiry else None, "entry": entry.value}


def _gs1_from(obj: Mapping[str, Any]) -> Gs1Label:
    expiry = date.fromisoformat(obj["expiry"]) if obj.get("expiry") else None
    return Gs1Label(gtin=str(obj["gtin"]), lot=obj.get("lot"), expiry=expiry,
                    serial=obj.get("serial"))
