"""Pull: cursor semantics over the change counter, offline verifiers and their expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher

from operator_console.domain.manifestation import parse_utc_iso
from plant_server.db import Database
from plant_server.services.users import disable_user, grant_role
from tests.plant_server.helpers import API, StationClient


def test_full_pull_then_only_changes(station: StationClient, database: Database) -> None:
    full = station.pull(0)
    assert full["full"] is True
    users = {u["user_id"]: u for u in full["users"]}
    assert len(users) == 12 and users["ver01"]["roles"] == ["operator", "verifier"]
    assert users["op01"]["printed_name"] == "山田 花子"
    assert "demo-op01" not in str(full) and "$argon2" not in str(full["users"])
    # The same master data as the console's demo (demo_cassettes).
    assert [(b["batch_id"], b["patient_id"], b["din"]) for b in full["batches"]] == [
        ("B-2026-0142", "P-0142", "A999926100142"), ("B-2026-0143", "P-0143", "A999926100143")]
    assert len(full["expected_cassettes"]) == 12 and len(full["bays"]) == 6
    assert len(full["channels"]) >= 5
    cursor = full["next_cursor"]
    same = station.pull(cursor)
    assert same["full"] is False and same["users"] == [] and same["batches"] == []
    assert same["next_cursor"] == cursor
    with database.transaction() as session:
        grant_role(session, "op02", "verifier", actor="admin", reason="trained")
    changed = station.pull(cursor)
    assert [u["user_id"] for u in changed["users"]] == ["op02"]
    assert changed["next_cursor"] > cursor
    assert station.pull(changed["next_cursor"])["users"] == []


def test_unknown_future_cursor_gives_full_data(station: StationClient) -> None:
    body = station.pull(10**9)
    assert body["full"] is True and len(body["users"]) == 12


def test_offline_verifiers_only_for_allowed_users_and_expire(station: StationClient,
                                                             database: Database) -> None:
    before = datetime.now(UTC)
    for user_id in ("op01", "ver01", "qa01", "admin", "op09", "op10"):  # online logins here
        station.http.post(f"{API}/auth/check", headers=station.headers,
                          json={"user_id": user_id, "password": f"demo-{user_id}"})
    body = station.pull(0)
    verifiers = {v["user_id"]: v for v in body["offline_verifiers"]}
    assert "op09" not in verifiers and "op10" not in verifiers  # locked, disabled
    assert set(verifiers) == {"op01", "ver01", "qa01", "admin"}  # only who works here
    op01 = verifiers["op01"]
    assert op01["offline_verifier"].startswith("$argon2id$")
    assert PasswordHasher().verify(op01["offline_verifier"], "demo-op01")
    expires = parse_utc_iso(op01["verifier_expires_at"])
    assert before + timedelta(hours=72) <= expires <= datetime.now(UTC) + timedelta(hours=72)
    with database.transaction() as session:
        disable_user(session, "op01", actor="admin", reason="test")
    after = station.pull(body["next_cursor"])
    assert "op01" not in {v["user_id"] for v in after["offline_verifiers"]}
    assert [(u["user_id"], u["active"]) for u in after["users"]] == [("op01", False)]


def test_a_lockout_counted_at_a_station_locks_the_account_at_the_plant(
        station: StationClient, database: Database) -> None:
    """Offline, only the station counts failed attempts; its pushed lockout must stand."""
    from sqlalchemy import select

    from plant_server.models import ServerAudit
    from plant_server.services.users import unlock_user

    cursor = station.pull(0)["next_cursor"]
    failures = [station.audit("login_failed", actor="op02", target="op02",
                              reason="wrong password") for _ in range(5)]
    results = station.push(*failures, station.audit(
        "account_locked", actor="system", target="op02", reason="5 consecutive failed attempts"))
    assert {r["status"] for r in results} == {"accepted"}
    changed = station.pull(cursor)
    assert [(u["user_id"], u["locked"]) for u in changed["users"]] == [("op02", True)]
    with database.transaction() as session:
        locks = list(session.scalars(select(ServerAudit.actor).where(
            ServerAudit.event == "account_locked", ServerAudit.target == "op02")))
        assert locks == [f"station:{station.name}"]
        unlock_user(session, "op02", actor="admin", reason="identity checked")
    # A station's other audit entries (a person's own, not a lockout) change nothing.
    station.push(station.audit("account_locked", actor="op01", target="op03"))
    assert [(u["user_id"], u["locked"]) for u in station.pull(changed["next_cursor"])["users"]
            ] == [("op02", False)]


def test_a_role_granted_for_a_later_date_reaches_stations_when_it_starts(
        station: StationClient, database: Database) -> None:
    """Nobody changes the user when the grant starts; the first pull after it announces it."""
    from sqlalchemy import select, update

    from plant_server.models import RoleGrant

    cursor = station.pull(0)["next_cursor"]
    with database.transaction() as session:
        grant_role(session, "op02", "verifier", actor="admin", reason="trained",
                   valid_from=datetime.now(UTC) + timedelta(days=1))
    before = station.pull(cursor)
    assert [(u["user_id"], u["roles"]) for u in before["users"]] == [("op02", ["operator"])]
    assert station.pull(before["next_cursor"])["users"] == []
    with database.transaction() as session:  # a day later
        session.execute(update(RoleGrant).where(RoleGrant.role == "verifier",
                                                RoleGrant.user_id == "op02")
                        .values(valid_from="2026-01-01T00:00:00.000000Z"))
    started = station.pull(before["next_cursor"])
    assert [(u["user_id"], u["roles"]) for u in started["users"]] == [
        ("op02", ["operator", "verifier"])]
    assert station.pull(started["next_cursor"])["users"] == []  # announced once
    with database.transaction() as session:
        assert all(session.scalars(select(RoleGrant.announced)))
