"""Online password checks for stations. The server is the authority on lockout and on
disabled accounts; every check is audited (never the password)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.identity import InvalidUserId, normalise_user_id
from plant_server.models import User
from plant_server.security import check_password, hash_password
from plant_server.services.audit import audit
from plant_server.services.users import lock_user, touch


@dataclass(frozen=True)
class AuthOutcome:
    ok: bool
    #: bad_credentials | account_locked | account_locked_now | account_disabled |
    #: new_password_rejected (password change only)
    refusal: str | None
    attempts_left: int | None
    user: User | None


def check_credentials(session: Session, *, user_id: str, password: str, purpose: str,
                      station: str, threshold: int) -> AuthOutcome:
    actor = f"station:{station}"
    try:
        uid = normalise_user_id(user_id)
    except InvalidUserId:
        uid = ""
    user = session.scalars(
        select(User).where(User.user_id == uid).with_for_update()
        .execution_options(populate_existing=True)
    ).first() if uid else None

    def refuse(code: str, left: int | None, target: str) -> AuthOutcome:
        audit(session, actor=actor, event="auth_failed", target=target, reason=code,
              new={"purpose": purpose})
        return AuthOutcome(False, code, left, None)

    if user is None:
        return refuse("bad_credentials", None, uid or user_id[:64])
    if not user.active:
        return refuse("account_disabled", 0, user.user_id)
    if user.locked:
        return refuse("account_locked", 0, user.user_id)
    if not check_password(user.password_hash, password):
        user.failed_attempts += 1
        if user.failed_attempts >= threshold:
            lock_user(session, user, actor=actor,
                      reason=f"{user.failed_attempts} wrong passwords in a row")
            return refuse("account_locked_now", 0, user.user_id)
        return refuse("bad_credentials", threshold - user.failed_attempts, user.user_id)
    user.failed_attempts = 0
    audit(session, actor=actor, event="auth_ok", target=user.user_id, new={"purpose": purpose})
    return AuthOutcome(True, None, threshold, user)


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
