"""Login, lockout, disabled accounts and badge login against the local store."""

from __future__ import annotations

from sqlalchemy import select

from operator_console.auth.service import UNKNOWN_USER, AuthRefusal
from operator_console.services import Services
from operator_console.store.models import AuditEntry, OutboxEntry, User
from operator_console.store.users import set_active


def _events(services: Services, target: str) -> list[str]:
    with services.db.read() as s:
        return list(s.scalars(select(AuditEntry.event).where(AuditEntry.target == target)
                              .order_by(AuditEntry.seq)))


def test_login_succeeds_and_is_audited(services: Services) -> None:
    outcome = services.auth.login("op01", "demo-op01")
    assert outcome.ok and outcome.user is not None
    assert outcome.user.printed_name == "山田 花子"
    assert _events(services, "op01")[-1] == "login_succeeded"


def test_full_width_and_upper_case_id_is_the_same_user(services: Services) -> None:
    assert services.auth.login("ＯＰ０１", "demo-op01").ok
    assert services.auth.login("OP01", "demo-op01").ok


def test_badge_then_password(services: Services) -> None:
    outcome = services.auth.login("BADGE-0002", "demo-op02")
    assert outcome.ok and outcome.user is not None and outcome.user.user_id == "op02"


def test_wrong_password_is_refused_and_audited(services: Services) -> None:
    outcome = services.auth.login("op01", "nope")
    assert outcome.refusal is AuthRefusal.BAD_CREDENTIALS
    assert outcome.attempts_left == 4
    assert _events(services, "op01")[-1] == "login_failed"


def test_unknown_user_is_refused_like_a_wrong_password(services: Services) -> None:
    outcome = services.auth.login("nobody", "whatever")
    assert outcome.refusal is AuthRefusal.BAD_CREDENTIALS
    assert _events(services, UNKNOWN_USER) == ["login_failed"]


def test_unmatched_login_text_is_never_recorded(services: Services) -> None:
    """A password typed into the ID field stays out of the audit trail (and the outbox)."""
    services.auth.login("Secret-Passw0rd!", "whatever")
    with services.db.read() as s:
        texts = [e.actor + e.target + e.reason + (e.new_json or "") for e in
                 s.scalars(select(AuditEntry))]
        outbox = list(s.scalars(select(OutboxEntry.payload_json)))
    assert texts and not any("secret-passw0rd" in t.casefold() for t in texts)
    assert not any("secret-passw0rd" in p.casefold() for p in outbox)


def test_five_failures_lock_the_account(services: Services) -> None:
    for _ in range(4):
        assert services.auth.login("op02", "bad").refusal is AuthRefusal.BAD_CREDENTIALS
    assert services.auth.login("op02", "bad").refusal is AuthRefusal.ACCOUNT_LOCKED_NOW
    # Even the right password no longer works.
    assert services.auth.login("op02", "demo-op02").refusal is AuthRefusal.ACCOUNT_LOCKED
    assert "account_locked" in _events(services, "op02")
    with services.db.read() as s:
        user = s.get(User, "op02")
        assert user is not None and user.locked


def test_success_resets_the_failure_count(services: Services) -> None:
    for _ in range(4):
        services.auth.login("op01", "bad")
    assert services.auth.login("op01", "demo-op01").ok
    for _ in range(4):
        assert services.auth.login("op01", "bad").refusal is AuthRefusal.BAD_CREDENTIALS


def test_locked_and_disabled_accounts_cannot_log_in(services: Services) -> None:
    assert services.auth.login("op09", "demo-op09").refusal is AuthRefusal.ACCOUNT_LOCKED
    assert services.auth.login("op10", "demo-op10").refusal is AuthRefusal.ACCOUNT_DISABLED


def test_disabling_is_audited_and_effective(services: Services) -> None:
    with services.db.transaction() as s:
        user = s.get(User, "op01")
        assert user is not None
        set_active(s, services.audit, user, False, actor="admin", reason="left the company")
    assert services.auth.login("op01", "demo-op01").refusal is AuthRefusal.ACCOUNT_DISABLED
    assert "user_disabled" in _events(services, "op01")


def test_reauthenticate_refuses_someone_else(services: Services) -> None:
    outcome = services.auth.reauthenticate("op01", "demo-op02", "unlock")
    assert not outcome.ok
    assert services.auth.reauthenticate("op01", "demo-op01", "unlock").ok
