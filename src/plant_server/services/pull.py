"""Master data for a station since a cursor (the global change counter), plus the station's
offline verifiers (always complete; only of users who work there) and its open conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import format_utc_iso
from plant_server.models import (
    Batch,
    Bay,
    Channel,
    Conflict,
    ExpectedCassette,
    Station,
    StationWorker,
    User,
    VerifierPeriod,
)
from plant_server.recipe_models import RecipeVersion
from plant_server.release_models import BatchAct
from plant_server.services.common import current_change_seq, now_iso, utcnow
from plant_server.services.conflicts import list_conflicts
from plant_server.services.users import all_users, announce_started_grants, current_roles


@dataclass
class PullResult:
    cursor: int
    next_cursor: int
    full: bool  # True: the lists are complete (cursor was 0 or unknown to this server)
    users: list[User] = field(default_factory=list)
    verifiers: list[tuple[str, str, str]] = field(default_factory=list)  # id, verifier, expiry
    batches: list[Batch] = field(default_factory=list)
    expected_cassettes: list[ExpectedCassette] = field(default_factory=list)
    bays: list[Bay] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    #: Recipe versions that are or were effective (drafts never leave the server), with
    #: their content: a station executes its batches offline against the pinned version.
    recipes: list[RecipeVersion] = field(default_factory=list)
    server_time: str = ""
    #: Per batch listed: the exceptions QA dispositioned at this server (record IDs), so the
    #: station unblocks a batch whose critical exception is closed.
    dispositions: dict[str, list[str]] = field(default_factory=dict)


def allowed_at(user: User, station: str) -> bool:
    """May ``user`` work at ``station``? Active, unlocked, a role, station allowed."""
    if not user.active or user.locked or not current_roles(user):
        return False
    return user.allowed_stations is None or station in user.allowed_stations


def works_at(session: Session, station: str) -> set[str]:
    """Users whose password this server has checked at ``station`` (online logins there)."""
    return set(session.scalars(select(StationWorker.user_id).where(
        StationWorker.station_name == station)))


def note_worker(session: Session, station: str, user_id: str) -> None:
    """Remember that ``user_id`` logged in online at ``station`` (once)."""
    if session.get(StationWorker, (station, user_id)) is not None:
        return
    try:
        with session.begin_nested():  # a concurrent first login there may have added it
            session.add(StationWorker(station_name=station, user_id=user_id,
                                      first_seen_at=now_iso()))
    except IntegrityError:
        pass


def verifier_holders(session: Session, station: str, users: list[User]) -> list[User]:
    """Who gets an offline verifier at ``station``: allowed there, and either assigned to it
    by name (``allowed_stations``) or seen logging in online there. A station never receives
    the verifiers of the whole plant."""
    seen = works_at(session, station)
    return [u for u in users if allowed_at(u, station)
            and ((u.allowed_stations is not None and station in u.allowed_stations)
                 or u.user_id in seen)]


def record_issues(session: Session, station: Station, holders: list[User], expiry: str, *,
                  first_pull: bool = True) -> None:
    """Remember which verifiers this station holds and until when (offline signatures there
    are judged against it): a hand-out while the user's current period still runs extends
    it; one after it lapsed opens a new period, so the lapse stays on record.
    ``first_pull``: this is a pull (marks the station's first)."""
    now = now_iso()
    if first_pull and station.first_pull_at is None:
        station.first_pull_at = now
    if not holders:
        return
    latest: dict[str, VerifierPeriod] = {}
    for period in session.scalars(select(VerifierPeriod).where(
            VerifierPeriod.station_id == station.id,
            VerifierPeriod.user_id.in_([u.user_id for u in holders]),
            VerifierPeriod.valid_until >= now)):
        if period.user_id not in latest or period.valid_until > latest[period.user_id].valid_until:
            latest[period.user_id] = period
    for user in holders:
        current = latest.get(user.user_id)
        if current is None:
            session.add(VerifierPeriod(station_id=station.id, user_id=user.user_id,
                                       valid_from=now, valid_until=expiry))
        else:
            current.valid_until = max(current.valid_until, expiry)


def user_json(user: User) -> dict[str, Any]:
    return {
        "user_id": user.user_id, "printed_name": user.printed_name, "language": user.language,
        "badge_code": user.badge_code, "active": user.active, "locked": user.locked,
        "must_change_password": user.must_change_password, "roles": current_roles(user),
        "qualifications": [
            {"procedure": q.procedure, "valid_from": q.valid_from, "valid_until": q.valid_until}
            for q in user.qualifications],
    }


def pull(session: Session, station: Station, cursor: int, grace_hours: int) -> PullResult:
    # Read the counter before the rows and bound the rows by it: a change committed while we
    # read gets a higher number and arrives with the next pull instead of being skipped.
    announce_started_grants(session)  # before the counter is read: they belong to this pull
    upto = current_change_seq(session)
    full = cursor <= 0 or cursor > upto
    since = 0 if full else cursor

    def changed(model: Any) -> Any:
        return select(model).where(model.change_seq > since, model.change_seq <= upto)

    expiry = format_utc_iso(utcnow() + timedelta(hours=grace_hours))
    users = all_users(session)
    holders = verifier_holders(session, station.name, users)
    record_issues(session, station, holders, expiry)
    station.last_seen_at = now_iso()
    result = PullResult(
        cursor=cursor, next_cursor=upto, full=full,
        users=[u for u in users if since < u.change_seq <= upto],
        verifiers=[(u.user_id, u.offline_verifier, expiry) for u in holders],
        # The station's batches, and those of before recipes (no station named).
        batches=list(session.scalars(changed(Batch).where(
            Batch.station_name.is_(None) | (Batch.station_name == station.name))
            .order_by(Batch.batch_id))),
        # The cassettes of those batches only (a station never holds a cassette whose batch
        # it was not given).
        expected_cassettes=list(session.scalars(
            changed(ExpectedCassette).join(Batch, Batch.batch_id == ExpectedCassette.batch_id)
            .where(Batch.station_name.is_(None) | (Batch.station_name == station.name))
            .order_by(ExpectedCassette.id))),
        bays=list(session.scalars(changed(Bay).where(Bay.station_name == station.name)
                                  .order_by(Bay.bay_id))),
        channels=list(session.scalars(changed(Channel).order_by(Channel.id))),
        conflicts=list_conflicts(session, station=station.name),
        recipes=list(session.scalars(changed(RecipeVersion).where(
            RecipeVersion.state != "draft").order_by(RecipeVersion.id))),
        server_time=now_iso(),
    )
    ids = [b.batch_id for b in result.batches]
    for start in range(0, len(ids), 500):
        for batch_id, target in session.execute(select(BatchAct.batch_id, BatchAct.target)
                                                .where(BatchAct.act == "disposition",
                                                       BatchAct.batch_id.in_(
                                                           ids[start:start + 500]))
                                                .order_by(BatchAct.id)):
            result.dispositions.setdefault(batch_id, []).append(target)
    return result
