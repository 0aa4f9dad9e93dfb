"""Read-only access to electronic records for the Records page and Home (no Qt).

Called from worker threads (``TaskRunner``); every method opens its own read session and
returns plain frozen views, so nothing here is shared with the UI thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.recipes.model import Recipe
from operator_console.domain.records import RecordStatus
from operator_console.domain.signatures import overdue_for_verification
from operator_console.store.cassettes import batch_ids
from operator_console.store.db import Database
from operator_console.store.models import OutboxEntry, RecordRow, SignatureRow
from operator_console.store.recipes import stored_recipes
from operator_console.store.records import RecordFilter, RecordView, load_records
from operator_console.store.settings import get_setting
from operator_console.store.sync_models import SyncRejection

#: Counting looks at every record, not only the newest page of them.
_ALL = 10_000_000


@dataclass(frozen=True)
class RecordChoices:
    """Values offered by the Records page filters."""

    batches: tuple[str, ...]
    signers: tuple[tuple[str, str], ...]  # (normalised user ID, printed name as entered)
    known_batches: tuple[str, ...] = ()  # the master data's batches: what a record may name


@dataclass(frozen=True)
class VerificationBacklog:
    awaiting: int
    overdue: int
    overdue_minutes: int


def verification_backlog(session: Session, now: datetime) -> VerificationBacklog:
    """How many records wait for a verifier, and how many of them longer than allowed."""
    minutes = int(get_setting(session, "verification_overdue_minutes"))
    waiting = load_records(session, RecordFilter(
        status=RecordStatus.AWAITING_VERIFICATION.value, limit=_ALL))
    limit = timedelta(minutes=max(minutes, 0))
    overdue = sum(1 for v in waiting if overdue_for_verification(v.created_at, now, limit))
    return VerificationBacklog(len(waiting), overdue, minutes)


class RecordsReader:
    """Queries behind the Records page."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def query(self, flt: RecordFilter) -> list[RecordView]:
        """Records matching ``flt``, newest first by creation time (a record synced in from
        another station later keeps its place in time; same time: newest arrival first)."""
        with self.db.read() as s:
            views = load_records(s, flt)
        return sorted(views, key=lambda v: (v.created_at, v.seq), reverse=True)

    def get(self, record_id: str) -> RecordView | None:
        with self.db.read() as s:
            found = load_records(s, RecordFilter(record_ids=[record_id]))
        return found[0] if found else None

    def recipes(self) -> list[Recipe]:
        """The recipe versions the station holds (their names for a record's codes)."""
        with self.db.read() as s:
            return stored_recipes(s)

    def server_checks(self, views: Iterable[RecordView]) -> dict[str, ServerCheck]:
        """The plant server's re-check of every offline signature of ``views``."""
        ids = [s.signature_id for v in views for s in v.signatures
               if s.facts.auth_method.value == "offline"]
        with self.db.read() as s:
            return server_checks(s, ids)

    def count(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(RecordRow)) or 0)

    def choices(self) -> RecordChoices:
        with self.db.read() as s:
            batches = s.scalars(select(RecordRow.batch_id).distinct()
                                .order_by(RecordRow.batch_id)).all()
            signers = s.execute(select(SignatureRow.signer_id, SignatureRow.printed_name)
                                .distinct().order_by(SignatureRow.signer_id)).all()
            known = tuple(batch_ids(s))
        seen: dict[str, str] = {}
        for uid, name in signers:
            seen.setdefault(str(uid), str(name))
        return RecordChoices(tuple(batches), tuple(seen.items()), known)


class ServerCheck(StrEnum):
    """Where the plant server's re-check of an offline signature stands."""

    PENDING = "pending"  # not sent yet, or sent and not answered
    CONFIRMED = "confirmed"  # the server received it and accepted it
    REFUSED = "refused"  # the server refused it (see the Sync page)


def server_checks(session: Session, signature_ids: Iterable[str]) -> dict[str, ServerCheck]:
    """The server's re-check of each signature (offline ones are re-checked on sync): from
    the signature's outbox entry, acknowledged or rejected."""
    wanted = set(signature_ids)
    if not wanted:
        return {}
    out = {sid: ServerCheck.PENDING for sid in wanted}
    rows = session.execute(select(OutboxEntry.entry_id, OutboxEntry.payload_json,
                                  OutboxEntry.acked_at)
                           .where(OutboxEntry.kind == "signature")).all()
    rejected = set(session.scalars(select(SyncRejection.entry_id)
                                   .where(SyncRejection.kind == "signature")).all())
    for entry_id, payload, acked_at in rows:
        sid = json.loads(payload).get("signature_id")
        if sid not in wanted:
            continue
        if entry_id in rejected:
            out[sid] = ServerCheck.REFUSED
        elif acked_at is not None:
            out[sid] = ServerCheck.CONFIRMED
    return out


def record_subjects(db: Database) -> dict[str, tuple[str, str]]:
    """(record type code, batch) of every record by record ID: what an audit entry about a
    record is about, in terms a person recognises."""
    with db.read() as s:
        return {str(rid): (str(rtype), str(batch)) for rid, rtype, batch in
                s.execute(select(RecordRow.record_id, RecordRow.record_type,
                                 RecordRow.batch_id)).all()}
