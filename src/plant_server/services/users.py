"""User administration. Every change is audited and bumps the user's ``change_seq``."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.identity import (
    InvalidUserId,
    check_new_user_id,
    normalise_user_id,
    skeleton,
)
from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso
from operator_console.domain.people import Person, Qualification, Role
from plant_server.models import QualificationGrant, RoleGrant, User
from plant_server.security import hash_password
from plant_server.services.audit import audit
from plant_server.services.common import ConflictError, NotFoundError, ServiceError, next_change_seq
from plant_server.services.common import now_iso as _now


def get_user(session: Session, user_id: str) -> User:
    user = session.get(User, normalise_user_id(user_id))
    if user is None:
        raise NotFoundError("unknown_user", f"no user {user_id!r}")
    return user


def touch(session: Session, user: User) -> None:
    """Mark the user changed so the next pull delivers it."""
    user.change_seq = next_change_seq(session)


def create_user(session: Session, *, actor: str, user_id: str, printed_name: str,
                password: str, language: str = "ja", badge_code: str | None = None,
                active: bool = True, reason: str = "",
                password_hashes: tuple[str, str] | None = None) -> User:
    """Add a user. ``password_hashes`` (server hash, offline verifier) skips hashing."""
    try:
        uid = check_new_user_id(user_id)
    except InvalidUserId as exc:
        raise ServiceError("bad_user_id", str(exc)) from exc
    if session.get(User, uid) is not None:
        raise ConflictError("user_exists", f"user {uid!r} exists; IDs are never reused")
    shape = skeleton(uid)
    other = session.scalar(select(User.user_id).where(User.id_skeleton == shape))
    if other is not None:
        raise ConflictError("user_id_confusable",
                            f"user ID {uid!r} looks like the existing {other!r}")
    if not printed_name.strip():
        raise ServiceError("printed_name_required", "a user needs a printed name")
    if language not in ("ja", "en"):
        raise ServiceError("bad_language", "language must be 'ja' or 'en'")
    server_hash, offline = password_hashes or (hash_password(password), hash_password(password))
    now = _now()
    user = User(user_id=uid, id_skeleton=shape, printed_name=printed_name, language=language,
                badge_code=badge_code, password_hash=server_hash, offline_verifier=offline,
                must_change_password=False, active=active,
                disabled_at=None if active else now, locked=False, failed_attempts=0,
                created_at=now, change_seq=next_change_seq(session))
    session.add(user)
    audit(session, actor=actor, event="user_created", target=uid, reason=reason,
          new={"printed_name": printed_name, "language": language, "active": active})
    return user


def disable_user(session: Session, user_id: str, *, actor: str, reason: str) -> User:
    user = get_user(session, user_id)
    if not user.active:
        raise ConflictError("already_disabled", f"user {user.user_id!r} is already disabled")
    user.active, user.disabled_at = False, _now()
    touch(session, user)
    audit(session, actor=actor, event="user_disabled", target=user.user_id, reason=reason,
          old={"active": True}, new={"active": False})
    return user


def lock_user(session: Session, user: User, *, actor: str, reason: str) -> None:
    user.locked, user.locked_at = True, _now()
    touch(session, user)
    audit(session, actor=actor, event="account_locked", target=user.user_id, reason=reason)


def unlock_user(session: Session, user_id: str, *, actor: str, reason: str) -> User:
    user = get_user(session, user_id)
    old = {"locked": user.locked, "failed_attempts": user.failed_attempts}
    user.locked, user.locked_at, user.failed_attempts = False, None, 0
    touch(session, user)
    audit(session, actor=actor, event="account_unlocked", target=user.user_id, reason=reason,
          old=old, new={"locked": False, "failed_attempts": 0})
    return user


def reset_password(session: Session, user_id: str, new_password: str, *, actor: str,
                   reason: str) -> User:
    """Set a temporary password; the user must change it at the next login."""
    user = get_user(session, user_id)
    user.password_hash = hash_password(new_password)
    user.offline_verifier = hash_password(new_password)
    user.must_change_password = True
    user.failed_attempts = 0
    touch(session, user)
    audit(session, actor=actor, event="password_reset", target=user.user_id, reason=reason,
          new={"must_change_password": True})
    return user


def set_allowed_stations(session: Session, user_id: str, stations: list[str] | None, *,
                         actor: str, reason: str) -> User:
    """Where the user may work (``None``: every station). Stations hand out offline
    verifiers only to users who work there."""
    user = get_user(session, user_id)
    names = None if stations is None else sorted({s.strip() for s in stations if s.strip()})
    old = user.allowed_stations
    user.allowed_stations = names
    touch(session, user)
    audit(session, actor=actor, event="user_stations_set", target=user.user_id, reason=reason,
          old={"allowed_stations": old}, new={"allowed_stations": names})
    return user


def announce_started_grants(session: Session) -> int:
    """Mark as changed the users whose role grants for a later date have started since, so
    the next pull sends them (a grant's start is a change no one makes); how many."""
    now = _now()
    started = list(session.scalars(select(RoleGrant).where(
        RoleGrant.announced.is_(False), RoleGrant.valid_from <= now)))
    for grant in started:
        grant.announced = True
        touch(session, grant.user)
    return len(started)


def grant_role(session: Session, user_id: str, role: str, *, actor: str, reason: str,
               valid_from: datetime | None = None) -> RoleGrant:
    user = get_user(session, user_id)
    try:
        code = Role(role).value
    except ValueError as exc:
        raise ServiceError("bad_role", f"unknown role {role!r}") from exc
    if any(g.role == code and g.revoked_at is None for g in user.roles):
        raise ConflictError("role_held", f"user {user.user_id!r} already holds {code!r}")
    starts = format_utc_iso(valid_from) if valid_from else _now()
    grant = RoleGrant(user_id=user.user_id, role=code, granted_by=actor, valid_from=starts,
                      announced=starts <= _now())
    user.roles.append(grant)
    touch(session, user)
    audit(session, actor=actor, event="role_granted", target=user.user_id, reason=reason,
          new={"role": code, "valid_from": grant.valid_from})
    return grant


def grant_qualification(session: Session, user_id: str, procedure: str, *, actor: str,
                        reason: str, valid_from: datetime,
                        valid_until: datetime | None) -> QualificationGrant:
    user = get_user(session, user_id)
    if not procedure.strip():
        raise ServiceError("bad_procedure", "a qualification needs a procedure code")
    if valid_until is not None and valid_until <= valid_from:
        raise ServiceError("bad_period", "valid_until must be after valid_from")
    grant = QualificationGrant(
        user_id=user.user_id, procedure=procedure.strip(), granted_by=actor, granted_at=_now(),
        valid_from=format_utc_iso(valid_from),
        valid_until=format_utc_iso(valid_until) if valid_until else None)
    user.qualifications.append(grant)
    touch(session, user)
    audit(session, actor=actor, event="qualification_granted", target=user.user_id,
          reason=reason, new={"procedure": grant.procedure, "valid_from": grant.valid_from,
                              "valid_until": grant.valid_until})
    return grant


def current_roles(user: User, at: datetime | None = None) -> list[str]:
    """Roles in force now: granted (valid_from passed) and not revoked. A grant that starts
    in the future is not sent to stations before it starts."""
    moment = format_utc_iso(at or datetime.now(UTC))
    return sorted({g.role for g in user.roles
                   if g.valid_from <= moment and (g.revoked_at is None or g.revoked_at > moment)})


def person_at(user: User, at: datetime, *, ignore_account_state: bool = False) -> Person:
    """The user as the signature rules saw them at ``at`` (roles, account state).

    ``ignore_account_state`` reports the account as active and unlocked (offline signatures:
    the station could not know; a conflict is raised instead).
    """
    moment = format_utc_iso(at)
    roles = {g.role for g in user.roles
             if g.valid_from <= moment and (g.revoked_at is None or g.revoked_at > moment)}
    disabled = user.disabled_at is not None and user.disabled_at <= moment
    locked = user.locked and user.locked_at is not None and user.locked_at <= moment
    quals = tuple(
        Qualification(q.procedure, parse_utc_iso(q.valid_from),
                      parse_utc_iso(q.valid_until) if q.valid_until else None)
        for q in user.qualifications
    )
    return Person(user.user_id, user.printed_name, frozenset(Role(r) for r in roles), quals,
                  active=ignore_account_state or not disabled,
                  locked=locked and not ignore_account_state)


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.user_id)))
