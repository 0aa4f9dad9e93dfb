"""Demo data for ``plant-server init-demo``: the console's demo users (same IDs, passwords,
roles and qualifications) and the console's demo master data (``demo_cassettes``: batches
``B-2026-0142`` and ``B-2026-0143``, their registered cassettes, bays B1-B6), so a console
running ``--demo`` against this server pulls exactly what it already shows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from operator_console.domain import demo_data
from operator_console.domain.channels import demo_channels
from operator_console.domain.demo_data import DEMO_BATCH, DEMO_STATION, DEMO_USERS
from plant_server.models import Batch, Bay, Channel, ExpectedCassette, User
from plant_server.services.common import next_change_seq, utcnow
from plant_server.services.demo_release import seed_release_demo
from plant_server.services.users import create_user, grant_qualification, grant_role, lock_user

DEMO_ENDPOINT = "opc.tcp://127.0.0.1:4840/"
REASON = "demo data"


def _users(session: Session) -> int:
    now = utcnow()
    added = 0
    for demo in DEMO_USERS:
        if session.get(User, demo.user_id) is not None:
            continue
        create_user(session, actor="system", user_id=demo.user_id, printed_name=demo.printed_name,
                    password=demo.password, language=demo.language, badge_code=demo.badge,
                    active=demo.active, reason=REASON)
        for role in demo.roles:
            # Backdated like the qualifications, so records a console made before this
            # server was seeded still pass the role checks on sync.
            grant_role(session, demo.user_id, role.value, actor="system", reason=REASON,
                       valid_from=now - timedelta(days=30))
        for proc in demo.procedures:
            if demo.qualification_expired:
                start, end = now - timedelta(days=400), now - timedelta(days=35)
            else:
                start, end = now - timedelta(days=30), now + timedelta(days=335)
            grant_qualification(session, demo.user_id, proc, actor="system", reason=REASON,
                                valid_from=start, valid_until=end)
        if demo.locked:
            user = session.get(User, demo.user_id)
            assert user is not None
            user.failed_attempts = 5
            lock_user(session, user, actor="system", reason="demo: locked account")
        added += 1
    return added


def _master_data(session: Session, station: str, endpoint: str) -> None:
    if session.get(Batch, DEMO_BATCH) is not None:
        return
    for batch_id, patient, din, coi in demo_data.BATCHES:
        session.add(Batch(batch_id=batch_id, patient_id=patient, din=din, coi_id=coi,
                          status="open", data={"product": demo_data.PRODUCT,
                                               "current_step": demo_data.STEP},
                          change_seq=next_change_seq(session)))
    session.flush()
    cassettes = [(DEMO_BATCH, *c) for c in demo_data.REGISTERED]
    cassettes.append((demo_data.OTHER_BATCH, *demo_data.OTHER_CASSETTE))
    for batch_id, serial, step, lot, disposition in cassettes:
        session.add(ExpectedCassette(batch_id=batch_id, step=step, gtin=demo_data.GTIN,
                                     serial=serial, active=True,
                                     data={"lot": lot, "disposition": disposition},
                                     change_seq=next_change_seq(session)))
    for bay, position, in_service in demo_data.BAYS:
        session.add(Bay(station_name=station, bay_id=bay, in_service=in_service,
                        data={"instrument": demo_data.INSTRUMENT, "position": position},
                        change_seq=next_change_seq(session)))
    for ch in demo_channels(endpoint):
        extra: dict[str, Any] = {"key": ch.key, "hysteresis": ch.hysteresis,
                                 "alarm_delay_s": ch.alarm_delay_s,
                                 "stale_after_s": ch.stale_after_s, "decimals": ch.decimals}
        session.add(Channel(endpoint=ch.endpoint, node_id=ch.node_id, name_en=ch.name_en,
                            name_ja=ch.name_ja, unit=ch.unit, range_low=ch.display_min,
                            range_high=ch.display_max, limit_low=ch.low_limit,
                            limit_high=ch.high_limit, active=True, data=extra,
                            change_seq=next_change_seq(session)))


def init_demo(session: Session, *, station: str = DEMO_STATION,
              endpoint: str = DEMO_ENDPOINT, batches: bool = True) -> int:
    """Seed demo users and master data (idempotent); returns how many users were added.
    ``batches``: also the demo recipe (effective) with its executed batches: the finished
    ones waiting for or past QA (``demo_release``) and the completed one with its process
    data (``demo_batch``; a few seconds)."""
    added = _users(session)
    _master_data(session, station, endpoint)
    if batches:
        seed_release_demo(session)
        _completed_batch(session)
    return added


def _completed_batch(session: Session) -> None:
    """A completed batch with its process data, for the batch report (``demo_batch``)."""
    from plant_server.services.demo_batch import seed_completed_batch

    seed_completed_batch(session)
