"""The server judges pushed signatures itself (issue 13, points 2, 3 and 4): at its own time,
with its own user's printed name, at the station the user may work at, and offline only with
a verifier it gave that station and only within its validity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod
from plant_server.db import Database
from plant_server.models import SecurityEvent, User, VerifierPeriod
from tests.plant_server.helpers import API, StationClient, statuses

OFFLINE = AuthMethod.OFFLINE


def _login_and_pull(station: StationClient, *user_ids: str) -> None:
    """Online logins at the station, then a pull: the station now holds their verifiers."""
    for user_id in user_ids:
        answer = station.http.post(f"{API}/auth/check", headers=station.headers,
                                   json={"user_id": user_id, "password": f"demo-{user_id}"})
        assert answer.json()["ok"] is True
    station.pull()


def test_offline_signature_by_disabled_or_locked_user_refused(station: StationClient) -> None:
    record_id, record = station.record(created_by="op01")
    results = station.push(record,
                           station.signature(record_id, "op10", Meaning.PERFORMED, OFFLINE),
                           station.signature(record_id, "op09", Meaning.PERFORMED, OFFLINE))
    assert statuses(results)[1:] == [("rejected", "signature_refused:account_disabled"),
                                     ("rejected", "signature_refused:account_locked")]


def test_signature_in_the_future_or_before_its_record_refused(station: StationClient,
                                                              database: Database) -> None:
    now = datetime.now(UTC)
    record_id, record = station.record()
    _, future_record = station.record(at=now + timedelta(hours=1))
    results = station.push(
        record, future_record,
        station.signature(record_id, "op01", Meaning.PERFORMED, OFFLINE,
                          at=now + timedelta(hours=1)),
        station.signature(record_id, "op01", Meaning.PERFORMED, OFFLINE,
                          at=now - timedelta(hours=1)))
    assert statuses(results)[1:] == [("rejected", "created_in_future"),
                                     ("rejected", "signed_in_future"),
                                     ("rejected", "signed_before_record")]
    with database.transaction() as session:
        kinds = list(session.scalars(select(SecurityEvent.kind)))
    assert set(kinds) == {"created_in_future", "signed_in_future", "signed_before_record"}


def test_printed_name_must_be_the_signers_own(station: StationClient) -> None:
    record_id, record = station.record(created_by="op01")
    results = station.push(
        record, station.signature(record_id, "op01", Meaning.PERFORMED),
        station.signature(record_id, "ver01", Meaning.VERIFIED, printed_name="Emily Clark"),
        station.signature(record_id, "ver01", Meaning.VERIFIED))  # 佐藤 健: accepted
    assert statuses(results)[1:] == [("accepted", ""), ("rejected", "printed_name_mismatch"),
                                     ("accepted", "")]


def test_station_restrictions_hold_at_push(station: StationClient, database: Database) -> None:
    with database.transaction() as session:
        user = session.get(User, "op02")
        assert user is not None
        user.allowed_stations = ["DEMO-STATION-02"]
    record_id, record = station.record(created_by="op02")
    results = station.push(record,
                           station.signature(record_id, "op02", Meaning.PERFORMED),
                           station.signature(record_id, "op02", Meaning.PERFORMED, OFFLINE))
    assert statuses(results)[1:] == [("rejected", "signer_not_allowed_at_station")] * 2


def test_offline_signature_needs_a_verifier_given_to_this_station(
        station: StationClient, database: Database) -> None:
    _login_and_pull(station, "op01")  # op01 works here; op02 never logged in here
    record_id, record = station.record(created_by="op01")
    other_id, other = station.record(created_by="op02")
    results = station.push(record, other,
                           station.signature(other_id, "op02", Meaning.PERFORMED, OFFLINE),
                           station.signature(record_id, "op01", Meaning.PERFORMED, OFFLINE))
    assert statuses(results)[2:] == [("rejected", "offline_verifier_missing"), ("accepted", "")]


def test_offline_signature_after_the_verifier_expired_refused(
        station: StationClient, database: Database) -> None:
    _login_and_pull(station, "op01")
    now = datetime.now(UTC)
    with database.transaction() as session:
        period = session.scalars(select(VerifierPeriod).where(
            VerifierPeriod.user_id == "op01")).one()
        period.valid_from = format_utc_iso(now - timedelta(days=10))
        period.valid_until = format_utc_iso(now - timedelta(days=2))
    record_id, record = station.record(created_by="op01")
    early_id, early = station.record(created_by="op01", at=now - timedelta(days=5))
    older_id, older = station.record(created_by="op01", at=now - timedelta(days=20))
    results = station.push(
        record, early, older,
        station.signature(record_id, "op01", Meaning.PERFORMED, OFFLINE),  # after expiry
        station.signature(early_id, "op01", Meaning.PERFORMED, OFFLINE,  # within validity
                          at=now - timedelta(days=5)),
        station.signature(older_id, "op01", Meaning.PERFORMED, OFFLINE,  # before it was given
                          at=now - timedelta(days=20)))
    assert statuses(results)[3:] == [("rejected", "offline_verifier_expired"), ("accepted", ""),
                                     ("rejected", "offline_verifier_missing")]


def test_back_dated_offline_signature_by_expired_verifier_refused(
        station: StationClient) -> None:
    """ver03's qualification ran out 35 days ago; dating the signature into its validity
    does not help once the station has pulled (no verifier was given for that time)."""
    _login_and_pull(station, "op01", "ver03")
    then = datetime.now(UTC) - timedelta(days=40)
    record_id, record = station.record(created_by="op01", at=then)
    results = station.push(
        record, station.signature(record_id, "op01", Meaning.PERFORMED, OFFLINE, at=then),
        station.signature(record_id, "ver03", Meaning.VERIFIED, OFFLINE, at=then))
    assert [status for status, _ in statuses(results)[1:]] == ["rejected"] * 2


def test_offline_signature_before_the_first_pull_refused(station: StationClient) -> None:
    """Until its first pull a station holds no verifier from this server: an offline
    signature pushed then (a user the station created itself, a copied store) is refused."""
    record_id, record = station.record(created_by="op01")
    results = station.push(record, station.signature(record_id, "op01", Meaning.PERFORMED,
                                                     OFFLINE))
    assert statuses(results)[1:] == [("rejected", "offline_verifier_missing")]


def test_a_lapse_between_two_pulls_is_kept_and_judged(
        station: StationClient, database: Database) -> None:
    """op01's verifier ran out between two pulls: the server keeps both periods, accepts
    signatures inside either and refuses one dated into the gap."""
    _login_and_pull(station, "op01")
    now = datetime.now(UTC)
    with database.transaction() as session:
        period = session.scalars(select(VerifierPeriod).where(
            VerifierPeriod.user_id == "op01")).one()
        period.valid_from = format_utc_iso(now - timedelta(days=10))
        period.valid_until = format_utc_iso(now - timedelta(days=6))
    station.pull()  # hands the verifier out again: a new period, the old one kept
    with database.transaction() as session:
        periods = sorted(session.execute(select(VerifierPeriod.valid_from,
                                                VerifierPeriod.valid_until).where(
            VerifierPeriod.user_id == "op01")).all())
    assert len(periods) == 2 and periods[0][1] < periods[1][0]
    station.pull()  # a pull within the current period extends it, adds none
    with database.transaction() as session:
        assert len(session.scalars(select(VerifierPeriod).where(
            VerifierPeriod.user_id == "op01")).all()) == 2
    first_id, first = station.record(created_by="op01", at=now - timedelta(days=8))
    gap_id, gap = station.record(created_by="op01", at=now - timedelta(days=3))
    now_id, current = station.record(created_by="op01")
    results = station.push(
        first, gap, current,
        station.signature(first_id, "op01", Meaning.PERFORMED, OFFLINE,
                          at=now - timedelta(days=8)),
        station.signature(gap_id, "op01", Meaning.PERFORMED, OFFLINE,
                          at=now - timedelta(days=3)),
        station.signature(now_id, "op01", Meaning.PERFORMED, OFFLINE))
    assert statuses(results)[3:] == [("accepted", ""), ("rejected", "offline_verifier_expired"),
                                     ("accepted", "")]
