"""Things every service needs: the clock, errors with stable codes, the change counter."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import format_utc_iso
from plant_server.models import ChangeCounter


def utcnow() -> datetime:
    return datetime.now(UTC)


def now_iso() -> str:
    return format_utc_iso(utcnow())


class ServiceError(Exception):
    """A refused operation: ``code`` is stable (for clients and tests), ``message`` English."""

    status = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class NotFoundError(ServiceError):
    status = 404


class ForbiddenError(ServiceError):
    status = 403


class ConflictError(ServiceError):
    status = 409


class ThrottledError(ServiceError):
    status = 429


def next_change_seq(session: Session) -> int:
    """The next value of the master-data change counter.

    The counter row stays locked until the transaction ends, so changes commit in counter
    order and a pull never skips a change committed after its cursor was handed out.
    """
    row = session.scalars(
        select(ChangeCounter).where(ChangeCounter.id == 1).with_for_update()
    ).first()
    if row is None:
        row = ChangeCounter(id=1, value=0)
        session.add(row)
    row.value += 1
    session.flush()
    return row.value


def current_change_seq(session: Session) -> int:
    row = session.get(ChangeCounter, 1)
    return row.value if row else 0
