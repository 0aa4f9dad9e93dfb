"""Demo data: users with Japanese and English names covering every login and signing case.

``seed-demo`` and ``--demo`` both call :func:`seed_demo`; it creates users through the same
audited repository functions an administrator's changes go through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from operator_console.auth.passwords import hash_password
from operator_console.domain.people import Role
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.models import User
from operator_console.store.settings import set_setting
from operator_console.store.users import create_user, grant_qualification, grant_role

PROCEDURES = ("CASSETTE-LOAD", "CASSETTE-UNLOAD", "ALARM-ACK", "STEP-COMPLETE")


@dataclass(frozen=True)
class DemoUser:
    user_id: str
    password: str
    printed_name: str
    language: str
    roles: tuple[Role, ...]
    badge: str | None = None
    procedures: tuple[str, ...] = PROCEDURES
    qualification_expired: bool = False
    locked: bool = False
    active: bool = True
    note: str = ""  # English; the hint panel translates by user ID


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("op01", "demo-op01", "山田 花子", "ja", (Role.OPERATOR,), badge="BADGE-0001",
             note="operator"),
    DemoUser("op02", "demo-op02", "John Smith", "en", (Role.OPERATOR,), badge="BADGE-0002",
             note="operator"),
    DemoUser("ver01", "demo-ver01", "佐藤 健", "ja", (Role.OPERATOR, Role.VERIFIER),
             badge="BADGE-0101", note="verifier"),
    DemoUser("ver02", "demo-ver02", "Emily Clark", "en", (Role.VERIFIER,), note="verifier"),
    DemoUser("ver03", "demo-ver03", "鈴木 一郎", "ja", (Role.VERIFIER,),
             qualification_expired=True, note="verifier, qualification expired"),
    DemoUser("ver04", "demo-ver04", "Maria Garcia", "en", (Role.VERIFIER,),
             procedures=("ALARM-ACK",), note="verifier, not qualified for cassette steps"),
    DemoUser("op03", "demo-op03", "田中 美咲", "ja", (Role.OPERATOR,), note="operator only"),
    DemoUser("qa01", "demo-qa01", "高橋 誠", "ja", (Role.QA, Role.VERIFIER), note="QA"),
    DemoUser("admin", "demo-admin", "管理者 太郎", "ja", (Role.ADMINISTRATOR,),
             procedures=(), note="administrator"),
    DemoUser("op09", "demo-op09", "伊藤 翔", "ja", (Role.OPERATOR,), locked=True,
             note="locked account"),
    DemoUser("op10", "demo-op10", "渡辺 恵", "ja", (Role.OPERATOR,), active=False,
             note="disabled account"),
)


def seed_demo(db: Database, audit: AuditLog, *, station_name: str = "DEMO-STATION-01") -> int:
    """Create the demo station's users; returns how many were added (0 if already seeded)."""
    now = datetime.now(UTC)
    hashes = {u.user_id: hash_password(u.password) for u in DEMO_USERS}
    added = 0
    reason = "demo data"
    with db.transaction() as s:
        set_setting(s, audit, "station_name", station_name, actor="system", reason=reason)
        audit.station = station_name  # entries from here on carry the new station name
        for demo in DEMO_USERS:
            if s.get(User, demo.user_id) is not None:
                continue
            user = create_user(
                s, audit, actor="system", user_id=demo.user_id, printed_name=demo.printed_name,
                password_hash=hashes[demo.user_id], language=demo.language,
                badge_code=demo.badge, active=demo.active, reason=reason,
            )
            for role in demo.roles:
                grant_role(s, audit, user, role, actor="system", reason=reason)
            for proc in demo.procedures:
                if demo.qualification_expired:
                    start, end = now - timedelta(days=400), now - timedelta(days=35)
                else:
                    start, end = now - timedelta(days=30), now + timedelta(days=335)
                grant_qualification(s, audit, user, proc, start, end, actor="system",
                                    reason=reason)
            if demo.locked:
                user.locked = True
                user.failed_attempts = 5
                audit.append(s, actor="system", event="account_locked", target=user.user_id,
                             reason="demo: locked account")
            added += 1
    return added
