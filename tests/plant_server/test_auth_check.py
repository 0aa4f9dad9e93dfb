"""Online password checks: the server owns lockout and the disabled state."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from plant_server.db import Database
from plant_server.models import ServerAudit
from plant_server.services import auth_check
from plant_server.services.users import unlock_user
from tests.plant_server.helpers import API, StationClient


def _check(station: StationClient, user: str, password: str) -> dict[str, Any]:
    response = station.http.post(f"{API}/auth/check", headers=station.headers,
                                 json={"user_id": user, "password": password,
                                       "purpose": "login"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_ok_returns_user(station: StationClient) -> None:
    body = _check(station, "ＯＰ０１", "demo-op01")  # full-width ID normalises
    assert body["ok"] is True and body["refusal"] is None
    assert body["user"]["user_id"] == "op01" and body["user"]["roles"] == ["operator"]


def test_lockout_after_five_failures(station: StationClient, database: Database) -> None:
    lefts = [_check(station, "op02", "wrong")["attempts_left"] for _ in range(4)]
    assert lefts == [4, 3, 2, 1]
    fifth = _check(station, "op02", "wrong")
    assert (fifth["ok"], fifth["refusal"], fifth["attempts_left"]) == (
        False, "account_locked_now", 0)
    assert _check(station, "op02", "demo-op02")["refusal"] == "account_locked"
    assert "op02" not in {v["user_id"] for v in station.pull()["offline_verifiers"]}
    with database.transaction() as session:
        unlock_user(session, "op02", actor="admin", reason="identity checked")
        events = list(session.scalars(select(ServerAudit.event).where(
            ServerAudit.target == "op02")))
    assert events.count("auth_failed") == 6 and "account_locked" in events
    assert _check(station, "op02", "demo-op02")["ok"] is True


def test_success_resets_failure_count(station: StationClient) -> None:
    _check(station, "op01", "wrong")
    _check(station, "op01", "demo-op01")
    assert _check(station, "op01", "wrong")["attempts_left"] == 4


def test_disabled_locked_unknown(station: StationClient) -> None:
    assert _check(station, "op10", "demo-op10")["refusal"] == "account_disabled"
    assert _check(station, "op09", "demo-op09")["refusal"] == "account_locked"
    unknown = _check(station, f"ghost-{uuid.uuid4().hex[:8]}", "x")
    assert (unknown["refusal"], unknown["attempts_left"]) == ("bad_credentials", 4)
    assert _check(station, "bad id with spaces", "x")["refusal"] == "bad_credentials"


def test_unknown_and_known_ids_answer_alike(station: StationClient,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Same fields, same countdown, same lockout, one password hash each; a disabled account
    is not revealed by a wrong password."""
    hashed: list[str] = []
    real = auth_check.check_password

    def counting(verifier: str, password: str) -> bool:
        hashed.append(verifier)
        return real(verifier, password)

    monkeypatch.setattr(auth_check, "check_password", counting)
    ghost = f"ghost-{uuid.uuid4().hex[:8]}"
    known = [_check(station, "op03", "wrong") for _ in range(6)]
    unknown = [_check(station, ghost, "wrong") for _ in range(6)]
    assert [sorted(b) for b in known] == [sorted(b) for b in unknown]
    assert [(b["refusal"], b["attempts_left"], b["user"]) for b in known] == \
        [(b["refusal"], b["attempts_left"], b["user"]) for b in unknown] == [
            ("bad_credentials", 4, None), ("bad_credentials", 3, None),
            ("bad_credentials", 2, None), ("bad_credentials", 1, None),
            ("account_locked_now", 0, None), ("account_locked", 0, None)]
    assert len(hashed) == 12  # every check hashed, unknown IDs included
    disabled = _check(station, "op10", "wrong")
    assert (disabled["refusal"], disabled["attempts_left"]) == ("bad_credentials", 4)


def test_unmatched_login_text_is_not_audited(station: StationClient,
                                             database: Database) -> None:
    _check(station, "Hunter2-typed-in-the-ID-field", "x")
    with database.transaction() as session:
        rows = list(session.scalars(select(ServerAudit)))
    text = " ".join(f"{r.actor} {r.target} {r.reason} {r.old_json} {r.new_json}" for r in rows)
    assert "(unknown)" in text and "hunter2" not in text.casefold()


def test_reset_then_forced_change(station: StationClient, database: Database) -> None:
    from plant_server.services.users import reset_password

    with database.transaction() as session:
        reset_password(session, "op01", "temp-pass-1", actor="admin", reason="forgot")
    body = _check(station, "op01", "temp-pass-1")
    assert body["ok"] and body["user"]["must_change_password"] is True
    url = f"{API}/auth/change-password"
    short = station.http.post(url, headers=station.headers, json={
        "user_id": "op01", "old_password": "temp-pass-1", "new_password": "short"}).json()
    assert short["refusal"] == "new_password_rejected"
    done = station.http.post(url, headers=station.headers, json={
        "user_id": "op01", "old_password": "temp-pass-1", "new_password": "new-pass-123"})
    assert done.json()["ok"] is True and done.json()["user"]["must_change_password"] is False
    assert _check(station, "op01", "new-pass-123")["ok"] is True
    assert _check(station, "op01", "temp-pass-1")["refusal"] == "bad_credentials"


def test_right_password_hands_the_verifier_where_the_user_may_work(
        station: StationClient, database: Database) -> None:
    """An online login makes the user one who works at this station: the answer carries the
    offline verifier (so offline work can follow before the next pull); not elsewhere."""
    from plant_server.models import User

    body = _check(station, "op01", "demo-op01")
    assert body["offline_verifier"]["user_id"] == "op01"
    assert body["offline_verifier"]["offline_verifier"].startswith("$argon2id$")
    with database.transaction() as session:
        user = session.get(User, "op02")
        assert user is not None
        user.allowed_stations = ["ELSEWHERE"]
    assert _check(station, "op02", "demo-op02")["offline_verifier"] is None
    assert _check(station, "op01", "wrong")["offline_verifier"] is None
