"""Users, roles and qualifications in the local store; every change is audited.

These functions run inside the caller's transaction (see ``Database.transaction``) and append
the matching audit entry there, so a change and its audit entry commit together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.identity import normalise_user_id
from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso
from operator_console.domain.people import Person, Qualification, Role
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.models import User, UserQualification, UserRole


class UserExistsError(ValueError):
    """The normalised user ID is already taken (IDs are never reused)."""


@dataclass(frozen=True)
class UserInfo:
    """What the application needs to know about the logged-in person."""

    user_id: str
    display_id: str
    printed_name: str
    roles: frozenset[str]
    language: str


def info_of(user: User) -> UserInfo:
    return UserInfo(
        user_id=user.user_id,
        display_id=user.display_id,
        printed_name=user.printed_name,
        roles=frozenset(r.role for r in user.roles),
        language=user.language,
    )


def person_of(user: User) -> Person:
    """The domain view of a stored user, for the signature rules."""
    quals = tuple(
        Qualification(
            procedure=q.procedure,
            valid_from=parse_utc_iso(q.valid_from),
            valid_until=parse_utc_iso(q.valid_until) if q.valid_until else None,
        )
        for q in user.qualifications
    )
    return Person(
        user_id=user.user_id,
        printed_name=user.printed_name,
        roles=frozenset(Role(r.role) for r in user.roles),
        qualifications=quals,
        active=user.active,
        locked=user.locked,
    )


def find_user(session: Session, login_text: str) -> User | None:
    """The user whose normalised ID or badge code matches ``login_text``."""
    raw = login_text.strip()
    if not raw:
        return None
    by_badge = session.scalar(select(User).where(User.badge_code == raw))
    if by_badge is not None:
        return by_badge
    try:
        uid = normalise_user_id(raw)
    except ValueError:
        return None
    return session.get(User, uid)


def create_user(
    session: Session,
    audit: AuditLog,
    *,
    actor: str,
    user_id: str,
    printed_name: str,
    password_hash: str,
    language: str = "ja",
    badge_code: str | None = None,
    active: bool = True,
    reason: str = "",
) -> User:
    uid = normalise_user_id(user_id)
    if session.get(User, uid) is not None:
        raise UserExistsError(uid)
    user = User(
        user_id=uid,
        display_id=user_id.strip(),
        printed_name=printed_name,
        badge_code=badge_code,
        password_hash=password_hash,
        active=active,
        locked=False,
        failed_attempts=0,
        language=language,
        created_at=format_utc_iso(datetime.now(UTC)),
    )
    session.add(user)
    audit.append(
        session, actor=actor, event="user_created", target=uid, reason=reason,
        new={"printed_name": printed_name, "active": active, "language": language,
             "badge": badge_code is not None},
    )
    return user


def grant_role(session: Session, audit: AuditLog, user: User, role: Role, *, actor: str,
               reason: str = "") -> None:
    if any(r.role == role.value for r in user.roles):
        return
    user.roles.append(UserRole(role=role.value))
    audit.append(session, actor=actor, event="role_granted", target=user.user_id,
                 reason=reason, new={"role": role.value})


def grant_qualification(
    session: Session, audit: AuditLog, user: User, procedure: str, valid_from: datetime,
    valid_until: datetime | None, *, actor: str, reason: str = "",
) -> None:
    q = UserQualification(
        procedure=procedure,
        valid_from=format_utc_iso(valid_from),
        valid_until=format_utc_iso(valid_until) if valid_until else None,
    )
    user.qualifications.append(q)
    audit.append(session, actor=actor, event="qualification_granted", target=user.user_id,
                 reason=reason,
                 new={"procedure": procedure, "valid_from": q.valid_from,
                      "valid_until": q.valid_until})


def set_active(session: Session, audit: AuditLog, user: User, active: bool, *, actor: str,
               reason: str) -> None:
    if user.active == active:
        return
    audit.append(session, actor=actor, event="user_enabled" if active else "user_disabled",
                 target=user.user_id, reason=reason, old={"active": user.active},
                 new={"active": active})
    user.active = active


def unlock(session: Session, audit: AuditLog, user: User, *, actor: str, reason: str) -> None:
    audit.append(session, actor=actor, event="account_unlocked", target=user.user_id,
                 reason=reason, old={"locked": user.locked, "failed": user.failed_attempts},
                 new={"locked": False, "failed": 0})
    user.locked = False
    user.failed_attempts = 0


def set_language(session: Session, audit: AuditLog, user: User, language: str) -> None:
    if user.language == language:
        return
    audit.append(session, actor=user.user_id, event="language_changed", target=user.user_id,
                 old={"language": user.language}, new={"language": language})
    user.language = language


def save_language(db: Database, audit: AuditLog, user_id: str, language: str) -> None:
    """Remember ``user_id``'s language (audited when it changed); nothing for an unknown ID."""
    with db.transaction() as s:
        user = s.get(User, user_id)
        if user is not None:
            set_language(s, audit, user, language)


def printed_names(db: Database) -> dict[str, str]:
    """Every user's printed name by user ID (as entered), for showing who did what."""
    with db.read() as s:
        return {str(uid): str(name) for uid, name in
                s.execute(select(User.user_id, User.printed_name)).all()}
