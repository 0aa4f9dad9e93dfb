"""Read-only access to electronic records for the Records page and Home (no Qt).

Called from worker threads (``TaskRunner``); every method opens its own read session and
returns plain frozen views, so nothing here is shared with the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.records import RecordStatus
from operator_console.domain.signatures import overdue_for_verification
from operator_console.store.db import Database
from operator_console.store.models import RecordRow, SignatureRow
from operator_console.store.records import RecordFilter, RecordView, load_records
from operator_console.store.settings import get_setting

#: Counting looks at every record, not only the newest page of them.
_ALL = 10_000_000


@dataclass(frozen=True)
class RecordChoices:
    """Values offered by the Records page filters."""

    batches: tuple[str, ...]
    signers: tuple[tuple[str, str], ...]  # (normalised user ID, printed name as entered)


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
        """Records matching ``flt``, newest first."""
        with self.db.read() as s:
            return load_records(s, flt)

    def get(self, record_id: str) -> RecordView | None:
        with self.db.read() as s:
            found = load_records(s, RecordFilter(record_ids=[record_id]))
        return found[0] if found else None

    def count(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(RecordRow)) or 0)

    def choices(self) -> RecordChoices:
        with self.db.read() as s:
            batches = s.scalars(select(RecordRow.batch_id).distinct()
                                .order_by(RecordRow.batch_id)).all()
            signers = s.execute(select(SignatureRow.signer_id, SignatureRow.printed_name)
                                .distinct().order_by(SignatureRow.signer_id)).all()
        seen: dict[str, str] = {}
        for uid, name in signers:
            seen.setdefault(str(uid), str(name))
        return RecordChoices(tuple(batches), tuple(seen.items()))
