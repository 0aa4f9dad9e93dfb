"""Online password checks for stations. The server is the authority on lockout and on
disabled accounts; every check is audited (never the password)."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.identity import InvalidUserId, normalise_user_id
from plant_server.models import User
from plant_server.security import check_password, hash_password
from plant_server.services.audit import audit
from plant_server.services.pull import note_worker
from plant_server.services.users import lock_user, touch


@dataclass(frozen=True)
class AuthOutcome:
    ok: bool
    #: bad_credentials | account_locked | account_locked_now | account_disabled |
    #: new_password_rejected (password change only)
    refusal: str | None
    attempts_left: int | None  # always a number from check_credentials
    user: User | None


def check_credentials(session: Session, *, user_id: str, password: str, purpose: str,
                      station: str, threshold: int) -> AuthOutcome:
    """Answer a password check so that it tells nothing about the ID: unknown, known,
    disabled and locked IDs all cost one argon2 verification and answer with the same fields.
    Failures count toward a lockout for unknown IDs too (in this process's memory), so
    ``attempts_left`` runs down the same way; a disabled account is only named once the
    password was right. The typed ID is audited only when it names a user."""
    actor = f"station:{station}"
    try:
        uid = normalise_user_id(user_id)
    except InvalidUserId:
        uid = ""
    user = session.scalars(
        select(User).where(User.user_id == uid).with_for_update()
        .execution_options(populate_existing=True)
    ).first() if uid else None
    matches = check_password(user.password_hash if user is not None else _dummy_verifier(),
                             password)

    def refuse(code: str, left: int, target: str) -> AuthOutcome:
        audit(session, actor=actor, event="auth_failed", target=target, reason=code,
              new={"purpose": purpose})
        return AuthOutcome(False, code, left, None)

    if user is None:
        failures = _phantom_failure(uid or user_id)
        if failures > threshold:
            return refuse("account_locked", 0, UNKNOWN_USER)
        if failures == threshold:
            return refuse("account_locked_now", 0, UNKNOWN_USER)
        return refuse("bad_credentials", threshold - failures, UNKNOWN_USER)
    if user.locked:
        return refuse("account_locked", 0, user.user_id)
    if not matches:
        user.failed_attempts += 1
        if user.failed_attempts >= threshold:
            lock_user(session, user, actor=actor,
                      reason=f"{user.failed_attempts} wrong passwords in a row")
            return refuse("account_locked_now", 0, user.user_id)
        return refuse("bad_credentials", threshold - user.failed_attempts, user.user_id)
    if not user.active:
        return refuse("account_disabled", 0, user.user_id)
    user.failed_attempts = 0
    audit(session, actor=actor, event="auth_ok", target=user.user_id, new={"purpose": purpose})
    note_worker(session, station, user.user_id)
    return AuthOutcome(True, None, threshold, user)


#: What the audit trail says for an ID that names no user (the typed text is never kept: it
#: is often a password typed into the ID field).
UNKNOWN_USER = "(unknown)"
_PHANTOMS: OrderedDict[str, int] = OrderedDict()
_PHANTOM_LIMIT = 10_000
_phantom_lock = threading.Lock()
_dummy: list[str] = []


def _dummy_verifier() -> str:
    """Checked against for unknown IDs, so that they cost what a known ID costs."""
    if not _dummy:
        _dummy.append(hash_password(secrets.token_urlsafe(16)))
    return _dummy[0]


def _phantom_failure(login: str) -> int:
    """Count one more failure for an ID that names nobody (keyed by a hash, bounded)."""
    key = hashlib.sha256(login.encode("utf-8", "surrogatepass")).hexdigest()
    with _phantom_lock:
        count = _PHANTOMS.pop(key, 0) + 1
        _PHANTOMS[key] = count
        while len(_PHANTOMS) > _PHANTOM_LIMIT:
            _PHANTOMS.popitem(last=False)
        return count


MIN_PASSWORD_LENGTH = 8


def change_password(session: Session, *, user_id: str, old_password: str, new_password: str,
                    station: str, threshold: int) -> AuthOutcome:
    """The user's own password change (also clears a forced change after a reset).

    The old password is checked exactly like ``/auth/check`` (failures count to lockout).
    """
    outcome = check_credentials(session, user_id=user_id, password=old_password,
                                purpose="change_password", station=station,
                                threshold=threshold)
    if not outcome.ok or outcome.user is None:
        return outcome
    user = outcome.user
    if len(new_password) < MIN_PASSWORD_LENGTH or new_password == old_password:
        audit(session, actor=user.user_id, event="password_change_refused",
              target=user.user_id, reason="new_password_rejected")
        return AuthOutcome(False, "new_password_rejected", None, None)
    user.password_hash = hash_password(new_password)
    user.offline_verifier = hash_password(new_password)
    user.must_change_password = False
    touch(session, user)
    audit(session, actor=user.user_id, event="password_changed", target=user.user_id,
          new={"station": station})
    return AuthOutcome(True, None, threshold, user)
