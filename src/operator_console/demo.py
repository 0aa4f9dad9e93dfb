"""Demo data: users with Japanese and English names covering every login and signing case.

``seed-demo`` and ``--demo`` both call :func:`seed_demo`; it creates users through the same
audited repository functions an administrator's changes go through.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from operator_console.auth.passwords import hash_password
from operator_console.domain.demo_data import DEMO_BATCH, DEMO_USERS, PROCEDURES, DemoUser

__all__ = ["DEMO_BATCH", "DEMO_USERS", "PROCEDURES", "DemoUser", "seed_demo",
           "seed_demo_records"]
from operator_console.services import Services
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.models import User
from operator_console.store.settings import set_setting
from operator_console.store.users import create_user, grant_qualification, grant_role


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


def seed_demo_records(services: Services) -> int:
    """A demo batch with signed records: verified ones, one awaiting verification, one
    corrected. Goes through the real signing service, so every rule and audit entry applies.
    Returns how many records were added (0 if the batch already has its step records; the
    demo's cassette loads, seeded with the master data, do not count)."""
    from operator_console.domain.records import Meaning, RecordDraft, RecordType
    from operator_console.store.records import RecordFilter, load_records

    with services.db.read() as s:
        if load_records(s, RecordFilter(batch_id=DEMO_BATCH,
                                        record_type=RecordType.STEP_COMPLETION.value, limit=1)):
            return 0
    sign = services.signing
    created: list[str] = []

    def performed(draft: RecordDraft, who: str) -> str:
        outcome = sign.create_and_sign(draft, who, f"demo-{who}")
        if not outcome.ok or outcome.record_id is None:
            raise RuntimeError(f"demo record refused: {outcome}")
        created.append(outcome.record_id)
        return outcome.record_id

    def verified(record_id: str, who: str) -> None:
        outcome = sign.sign(record_id, who, f"demo-{who}", Meaning.VERIFIED)
        if not outcome.ok:
            raise RuntimeError(f"demo verification refused: {outcome}")

    step = RecordDraft(RecordType.STEP_COMPLETION, DEMO_BATCH, {
        "step": "ACTIVATION", "instrument": "CPX-01", "duration_min": 45,
        "result": "within_limits"})
    verified(performed(step, "op01"), "ver01")
    comment = RecordDraft(RecordType.COMMENT, DEMO_BATCH, {
        "text": "培地交換を予定より10分早く実施。"})
    original = performed(comment, "op01")
    performed(RecordDraft(RecordType.CORRECTION, DEMO_BATCH, {
        "text": "培地交換を予定より15分早く実施。"}, corrects=original,
        reason="時間の記入誤り"), "op01")
    wash = RecordDraft(RecordType.STEP_COMPLETION, DEMO_BATCH, {
        "step": "CELL_WASH", "instrument": "CPX-01", "duration_min": 30,
        "result": "within_limits"})
    verified(performed(wash, "op02"), "ver02")
    harvest = RecordDraft(RecordType.STEP_COMPLETION, DEMO_BATCH, {
        "step": "HARVEST", "instrument": "CPX-01", "duration_min": 20,
        "result": "within_limits"})
    performed(harvest, "op01")  # left awaiting verification
    with services.db.transaction() as s:
        set_setting(s, services.audit, "current_batch", DEMO_BATCH, actor="system",
                    reason="demo data")
    return len(created)
