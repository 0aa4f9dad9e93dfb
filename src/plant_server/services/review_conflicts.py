"""Resolving a conflict from the QA review of its batch (any workstation, online): the
conflict must be one of the batch's, the QA person re-authenticates here (a failed attempt
is kept and counts toward the lockout, as for every act), and the resolution is recorded by
``services.conflicts.resolve_conflict`` (who, when, the written resolution, audited). The
answer carries the batch's status after it, as the other review acts' do."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from plant_server.models import Conflict
from plant_server.services.auth_check import check_credentials
from plant_server.services.batch_view import batch_view
from plant_server.services.batches import get_batch
from plant_server.services.common import NotFoundError
from plant_server.services.conflicts import resolve_conflict
from plant_server.services.release import BatchStatus, batch_status
from plant_server.services.release_facts import batch_conflicts


@dataclass(frozen=True)
class ConflictOutcome:
    """The resolved conflict and the batch's status, or the password check's refusal."""

    conflict: Conflict | None
    status: BatchStatus | None
    refusal: str | None = None
    attempts_left: int | None = None


def resolve_batch_conflict(session: Session, batch_id: str, conflict_id: int, *,
                           user_id: str, password: str, resolution: str, via: str,
                           threshold: int, approvals_needed: int = 1) -> ConflictOutcome:
    batch = get_batch(session, batch_id)
    if conflict_id not in {c.id for c in batch_conflicts(session, batch_view(session, batch),
                                                         status=None)}:
        raise NotFoundError("unknown_conflict", f"batch {batch_id} has no conflict "
                            f"{conflict_id}")
    outcome = check_credentials(session, user_id=user_id, password=password,
                                purpose="resolve_conflict", station=via.removeprefix(
                                    "station:"), threshold=threshold)
    if not outcome.ok or outcome.user is None:
        return ConflictOutcome(None, None, outcome.refusal or "bad_credentials",
                               outcome.attempts_left)
    row = resolve_conflict(session, conflict_id, resolved_by=outcome.user.user_id,
                           resolution=resolution, via=f"review:{via}")
    return ConflictOutcome(row, batch_status(session, batch, approvals_needed))
