"""The demo accounts as plain data (no database imports: the login screen's demo hint panel
shows them before the store is opened)."""

from __future__ import annotations

from dataclasses import dataclass

from operator_console.domain.people import Role

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
