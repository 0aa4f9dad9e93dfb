"""A station speaks only for itself (issue 13, point 7): audit entries naming another station
are refused, and a pushed lockout needs the failed attempts behind it."""

from __future__ import annotations

from sqlalchemy import select

from plant_server.db import Database
from plant_server.models import SecurityEvent, User
from tests.plant_server.helpers import StationClient, statuses


def _locked(database: Database, user_id: str) -> bool:
    with database.transaction() as session:
        user = session.get(User, user_id)
        assert user is not None
        return user.locked


def _events(database: Database) -> list[str]:
    with database.transaction() as session:
        return list(session.scalars(select(SecurityEvent.kind).order_by(SecurityEvent.id)))


def test_bare_lockout_locks_nothing(station: StationClient, database: Database) -> None:
    for target in ("qa01", "admin", "op01"):
        result = station.push(station.audit("account_locked", actor="system", target=target,
                                            reason="5 consecutive failed attempts"))
        assert statuses(result) == [("accepted", "")]  # stored: the chain stays whole
        assert not _locked(database, target)
    assert _events(database) == ["lockout_without_failed_attempts"] * 3


def test_too_few_or_interrupted_failures_lock_nothing(station: StationClient,
                                                      database: Database) -> None:
    entries = [station.audit("login_failed", actor="op01", target="op01",
                             reason="wrong password") for _ in range(3)]
    entries.append(station.audit("login_succeeded", actor="op01", target="op01"))
    entries += [station.audit("login_failed", actor="op01", target="op01",
                              reason="wrong password") for _ in range(2)]
    entries += [station.audit("login_failed", actor="op02", target="op02",
                              reason="wrong password") for _ in range(5)]  # someone else
    entries.append(station.audit("account_locked", actor="system", target="op01",
                                 reason="5 consecutive failed attempts"))
    station.push(*entries)
    assert not _locked(database, "op01")
    assert _events(database) == ["lockout_without_failed_attempts"]


def test_lockout_with_failures_behind_it_locks(station: StationClient,
                                               database: Database) -> None:
    station.push(*[station.audit("sign_failed", actor="qa01", target="qa01",
                                 reason="wrong password") for _ in range(5)])
    station.push(station.audit("account_locked", actor="system", target="qa01",
                               reason="5 consecutive failed attempts"))
    assert _locked(database, "qa01") and _events(database) == []


def test_audit_entry_naming_another_station_refused(station: StationClient,
                                                    database: Database) -> None:
    forged = station.audit("login", actor="op01", station="DEMO-STATION-02")
    assert statuses(station.push(forged)) == [("rejected", "station_mismatch")]
    assert _events(database) == ["station_mismatch"]
    # The chain goes on: the refused link is kept, the next entry continues it.
    assert statuses(station.push(station.audit("logout", actor="op01"))) == [("accepted", "")]
