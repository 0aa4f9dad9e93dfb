"""Administering the link to the plant server from a station: reading what waits, and a QA
person resolving an entry the plant server rejected.

Resolving is one act with two checks, in this order: the person's password (re-entered, and
audited like any other re-authentication; failures count toward the lockout), then the rule
that only an active QA user may resolve, with a written resolution, an entry not yet resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from operator_console.auth.service import AuthRefusal, AuthService
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.sync_queue import (
    RejectionView,
    ResolveRefusedError,
    SyncQueueView,
    read_sync_queue,
    resolve_rejection,
)


class ResolveProblem(StrEnum):
    """Why a resolution was not recorded (besides a refused password)."""

    NOT_QA = "not_qa"
    RESOLUTION_REQUIRED = "resolution_required"
    ALREADY_RESOLVED = "already_resolved"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ResolveResult:
    """The resolved rejection, or why not: a password refusal or a rule."""

    resolved: RejectionView | None = None
    auth_refusal: AuthRefusal | None = None
    attempts_left: int | None = None
    problem: ResolveProblem | None = None


@dataclass(frozen=True)
class SyncAdmin:
    """The sync queue's use cases over the station's store; every method blocks (database,
    password hashing), so call them from a worker."""

    db: Database
    audit: AuditLog
    auth: AuthService

    def queue(self) -> SyncQueueView:
        return read_sync_queue(self.db)

    def resolve(self, user_id: str, password: str, rejection_id: int,
                resolution: str) -> ResolveResult:
        outcome = self.auth.reauthenticate(user_id, password, "resolve")
        if not outcome.ok:
            return ResolveResult(auth_refusal=outcome.refusal or AuthRefusal.BAD_CREDENTIALS,
                                 attempts_left=outcome.attempts_left)
        try:
            view = resolve_rejection(self.db, self.audit, rejection_id, user_id=user_id,
                                     resolution=resolution)
        except ResolveRefusedError as exc:
            return ResolveResult(problem=ResolveProblem(exc.code))
        return ResolveResult(resolved=view)
