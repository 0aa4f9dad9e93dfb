"""An enrolled station: the plant server decides when it answers; cached verifiers otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from operator_console.auth.service import AuthRefusal
from operator_console.domain.manifestation import format_utc_iso
from operator_console.services import Services
from operator_console.store.models import User
from operator_console.sync.apply import apply_pull
from operator_console.sync.engine import get_state, set_state


class _Server:
    def __init__(self, answer: dict[str, Any] | None) -> None:
        self.answer = answer

    def check(self, user_id: str, password: str, purpose: str,
              binding: object = None) -> dict[str, Any] | None:
        return self.answer


def _enroll(services: Services) -> None:
    set_state(services.db, "server_url", "http://plant.test")


def test_server_answer_decides_and_marks_seen_online(services: Services) -> None:
    _enroll(services)
    services.auth.remote = _Server({"ok": True, "refusal": None, "attempts_left": None})
    out = services.auth.login("op01", "anything")  # the server said yes
    assert out.ok and out.method == "online"
    services.auth.remote = _Server({"ok": False, "refusal": "password_expired_new_code"})
    assert services.auth.login("op01", "x").refusal is AuthRefusal.BAD_CREDENTIALS


def test_offline_needs_seen_online_and_a_current_verifier(services: Services) -> None:
    _enroll(services)
    services.auth.remote = _Server(None)  # unreachable
    # Never seen online at this station: refused even with the right password.
    assert services.auth.login("op01", "demo-op01").refusal is AuthRefusal.OFFLINE_NOT_ALLOWED
    future = format_utc_iso(datetime.now(UTC) + timedelta(hours=72))
    with services.db.transaction() as s:
        user = s.get(User, "op01")
        assert user is not None
        user.seen_online_at, user.verifier_expires_at = format_utc_iso(datetime.now(UTC)), future
    out = services.auth.login("op01", "demo-op01")
    assert out.ok and out.method == "offline"
    # Enrolled but the link is gone (no credential): still only the offline rules.
    services.auth.remote = None
    with services.db.transaction() as s:
        user = s.get(User, "op01")
        assert user is not None
        user.verifier_expires_at = format_utc_iso(datetime.now(UTC) - timedelta(seconds=1))
    assert services.auth.login("op01", "demo-op01").refusal is AuthRefusal.OFFLINE_NOT_ALLOWED


def test_pull_refreshes_verifiers_and_moves_registrations(services: Services) -> None:
    from operator_console.demo_cassettes import seed_demo_master_data
    from operator_console.store.cassettes import registrations

    seed_demo_master_data(services)
    later = format_utc_iso(datetime.now(UTC) + timedelta(hours=72))
    with services.db.read() as s:
        regs = registrations(s, "04569951120015", "CS0142A1")
    assert regs and regs[0].batch_id == "B-2026-0142"
    apply_pull(services.db, services.audit, {
        "next_cursor": 7, "users": [],
        "offline_verifiers": [{"user_id": "op02", "offline_verifier": "$argon2id$v=19$x",
                               "verifier_expires_at": later}],
        "expected_cassettes": [{"batch_id": "B-2026-0143", "step": regs[0].step,
                                "gtin": "04569951120015", "serial": "CS0142A1",
                                "active": True, "data": {"lot": "L2611"}}],
    })
    with services.db.read() as s:
        op02, op01 = s.get(User, "op02"), s.get(User, "op01")
        assert op02 is not None and op02.verifier_expires_at == later
        assert op01 is not None and op01.verifier_expires_at is None
        moved = registrations(s, "04569951120015", "CS0142A1")
    assert [r.batch_id for r in moved] == ["B-2026-0143"]
    assert get_state(services.db, "pull_cursor") == "7"


def _pulled_user(user_id: str, *, locked: bool) -> dict[str, Any]:
    return {"user_id": user_id, "printed_name": "John Smith", "language": "en",
            "badge_code": None, "active": True, "locked": locked, "roles": ["operator"],
            "qualifications": []}


def test_an_offline_lockout_stands_until_the_plant_server_has_it(services: Services) -> None:
    from sqlalchemy import update

    from operator_console.store.models import OutboxEntry

    _enroll(services)
    services.auth.remote = _Server(None)  # unreachable: this station counts the failures
    future = format_utc_iso(datetime.now(UTC) + timedelta(hours=72))
    with services.db.transaction() as s:
        user = s.get(User, "op02")
        assert user is not None
        user.seen_online_at, user.verifier_expires_at = format_utc_iso(datetime.now(UTC)), future
        verifiers = [{"user_id": "op02", "offline_verifier": user.password_hash,
                      "verifier_expires_at": future}]
    refusals = [services.auth.login("op02", "wrong").refusal for _ in range(5)]
    assert refusals[-1] is AuthRefusal.ACCOUNT_LOCKED_NOW
    # A pull from before the plant server heard of it says "not locked": the lock stands.
    apply_pull(services.db, services.audit, {"next_cursor": 3, "offline_verifiers": verifiers,
                                             "users": [_pulled_user("op02", locked=False)]})
    assert services.auth.login("op02", "demo-op02").refusal is AuthRefusal.ACCOUNT_LOCKED
    # Pushed (acknowledged), the plant holds the lockout; its answer now decides, and only
    # an unlock at the plant server opens the account again.
    with services.db.transaction() as s:
        s.execute(update(OutboxEntry).values(acked_at=format_utc_iso(datetime.now(UTC))))
    apply_pull(services.db, services.audit, {"next_cursor": 4, "offline_verifiers": verifiers,
                                             "users": [_pulled_user("op02", locked=True)]})
    assert services.auth.login("op02", "demo-op02").refusal is AuthRefusal.ACCOUNT_LOCKED
    apply_pull(services.db, services.audit, {"next_cursor": 5, "offline_verifiers": verifiers,
                                             "users": [_pulled_user("op02", locked=False)]})
    assert services.auth.login("op02", "demo-op02").ok


def test_an_unreadable_pending_lockout_keeps_the_lock(services: Services) -> None:
    """A lockout entry in the outbox that cannot be read is not taken as "not a lockout"
    (outbox rows cannot be changed; only a damaged file could hold one)."""
    from operator_console.store.models import OutboxEntry
    from operator_console.store.outbox import enqueue
    from operator_console.sync.apply import _lockout_not_pushed

    with services.db.transaction() as s:
        assert not _lockout_not_pushed(s, "op02")
        entry = enqueue(s, "audit", {"event": "account_locked", "actor": "system",
                                     "target": "op09"})
        assert not _lockout_not_pushed(s, "op02")  # another user's lockout
        s.add(OutboxEntry(station_seq=entry.station_seq + 1, entry_id="damaged", kind="audit",
                          payload_json='{"event":"account_locked", trunc', payload_hash="0",
                          created_at=entry.created_at, acked_at=None))
        s.flush()
        assert _lockout_not_pushed(s, "op02")
        s.rollback()
