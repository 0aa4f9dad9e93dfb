"""A completed demo batch with its process data, for ``plant-server init-demo``: batch
``B-2026-0139`` of the demo CAR-T recipe, executed step by step at station ``DEMO-STATION-03``
over the last twelve days, so the batch report (and QA's review) can be seen without running a
batch first.

Nothing is written behind the server's back: the demo recipe is imported and approved by two
QA people (passwords checked), the batch is created from it, and the station's work arrives as
a station's outbox would push it (records, signatures, the hash-chained audit entries and the
instrument phases' process data in bounded chunks) through :func:`services.push.push`, which
checks every entry as it checks a real station's. The station's online signatures carry the
signing proofs the server would have issued at the time (backdated: this is history); two are
offline, as after a network outage. Its exceptions (an alarm during the expansion phase, a cell
count outside its limits, an offline verification) are dispositioned by QA.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from operator_console.domain.batch_execution.exceptions import (
    ExceptionKind,
    disposition_content,
    exception_content,
    raise_exception,
)
from operator_console.domain.batch_execution.step_record import step_record_content
from operator_console.domain.canonical import JsonValue
from operator_console.domain.demo_data import DEMO_USERS
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.process_data import PhaseData, RawWindow, alarm_spans
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Recipe, Step
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from plant_server.models import Batch, Station, User, VerifierPeriod
from plant_server.recipe_models import RecipeVersion
from plant_server.services.batches import create_batch
from plant_server.services.common import utcnow
from plant_server.services.demo_station import DemoOutbox
from plant_server.services.stations import add_station

COMPLETED_BATCH = "B-2026-0139"
PATIENT, DIN, COI = "P-0139", "A999926100139", "CHA99992600139C"
HISTORY_STATION = "DEMO-STATION-03"
PASSWORDS = {u.user_id: u.password for u in DEMO_USERS}


def _effective_demo_recipe(session: Session) -> RecipeVersion:
    from plant_server.services.demo_release import ensure_demo_recipe

    return ensure_demo_recipe(session)


def _wave(t: float, base: float, amp: float, period: float, phase: float) -> float:
    return base + amp * math.sin(2 * math.pi * t / period + phase) \
        + 0.25 * amp * math.sin(2 * math.pi * t / (period / 7.3) + 2 * phase)


def _phase_data(step: Step, record_id: str, start: float, seconds: int,
                alarm: tuple[str, float, float] | None) -> PhaseData:
    """Per-second rows of a 10 Hz signal near the middle of each channel's limits; during
    ``alarm`` (channel, from, to) that channel runs above its high limit."""
    assert step.phase is not None
    channels: dict[str, tuple[tuple[float | int | None, ...], ...]] = {}
    raw: dict[str, list[tuple[float, float, int]]] = {}
    spans = alarm_spans([(alarm[0], alarm[1], alarm[2])] if alarm else [], start,
                        start + seconds)
    for n, spec in enumerate(step.phase.channels):
        low, high = spec.limits.low or 0.0, spec.limits.high or 1.0
        base, amp = (low + high) / 2, (high - low) / 8
        noise = random.Random(f"{step.step_id}/{spec.channel}")  # the same demo every time
        rows = []
        for s in range(seconds):
            t0 = start + s
            values = [_wave(t0 + k / 10 - start, base, amp, 1800.0, n)
                      + noise.gauss(0.0, amp / 12) for k in range(10)]
            if alarm and spec.channel == alarm[0] and alarm[1] - 8 <= t0 <= alarm[2]:
                values = [high + (high - low) * 0.12 + 0.01 * k for k in range(10)]
            for ch, lo, hi in spans:
                if ch == spec.channel and lo <= t0 <= hi:
                    raw.setdefault(ch, []).extend(
                        (round(t0 + k / 10, 1), round(v, 4), 0) for k, v in enumerate(values))
            rows.append((int(t0), 1, 10, round(min(values), 4), round(max(values), 4),
                         round(sum(values) / 10, 4)))
        channels[spec.channel] = tuple(rows)
    windows = tuple(RawWindow(ch, lo, hi, tuple(p for p in raw.get(ch, ()) if lo <= p[0] <= hi))
                    for ch, lo, hi in spans)
    return PhaseData(COMPLETED_BATCH, step.step_id, record_id, start, float(start + seconds),
                     channels, windows)


def _actual(step: Step, data: PhaseData | None, ts: float, alarm: tuple[str, float, float]
            | None) -> dict[str, JsonValue]:
    """What the step's screen recorded (as the domain's checks accept it)."""
    kind = step.step_type.value
    if kind == "bay_clearance":
        return {"confirmed": [c.item_id for c in step.checklist]}
    if kind == "material_receipt":
        return {"label": {"kind": "isbt128", "din": DIN, "flags": "00", "check_character": "R",
                          "product_code": "E0001V00", "expiry": None, "coi": COI},
                "scan": f"={DIN}00=<E0001V00&/{COI}", "typed": False}
    if kind in ("cassette_load", "cassette_unload"):
        return {"cassette_record": None, "serial": "CS0139A1", "bay": "B3"}
    if kind == "reagent":
        assert step.reagent is not None
        return {"material": step.reagent.material, "lot": f"L{step.step_id[:3]}2611",
                "expiry": "2027-06-30", "typed": False}
    if kind == "sample":
        assert step.sample is not None
        return {"sample_id": f"{COI}-{step.sample.sample_code}"}
    if kind == "data_entry":
        values = {"CELL-COUNT": {"VCD": 6.4, "VIABILITY": 91.5},
                  "HARVEST": {"VOLUME": 101.0, "TVC": 2.6, "VIABILITY": 90.2},
                  "FORMULATION": {"FILL-VOLUME": 70.1}}[step.step_id]
        return {"values": values}
    if kind == "instrument_phase":
        assert data is not None
        summary = {}
        for key, rows in data.channels.items():
            n = sum(int(r[2] or 0) for r in rows)
            summary[key] = {"count": n, "min": min(float(r[3] or 0) for r in rows),
                            "max": max(float(r[4] or 0) for r in rows),
                            "mean": round(sum(float(r[5] or 0) * int(r[2] or 0)
                                              for r in rows) / n, 4)}
        alarms = [{"channel": alarm[0], "raised_at": alarm[1], "cleared_at": alarm[2],
                   "value": summary[alarm[0]]["max"], "limit": "high"}] if alarm else []
        return {"start": data.start, "end": data.end, "channels": summary, "alarms": alarms}
    return {"confirmed": True}


def _run(st: DemoOutbox, recipe: Recipe, start: datetime) -> None:
    ref = recipe_ref(recipe)
    exceptions: list[tuple[str, str]] = []
    at = start
    for step in recipe.steps:
        at += timedelta(hours=17)
        data, alarm = None, None
        record_id = str(uuid.uuid4())
        if step.phase is not None:
            seconds = 1200 if step.step_id == "ACTIVATION" else 3600
            t0 = at.timestamp()
            if step.step_id == "EXPANSION":
                alarm = ("temperature", t0 + 2100.0, t0 + 2145.0)
            data = _phase_data(step, record_id, t0, seconds, alarm)
            at += timedelta(seconds=seconds + 60)
        actual = _actual(step, data, at.timestamp(), alarm)
        draft = RecordDraft(RecordType.STEP_RECORD, COMPLETED_BATCH,
                            step_record_content(ref, step, actual))
        rec = st.record(draft, "op01", at)
        if data is not None:  # the phase's data names the step record it belongs to
            data = PhaseData(data.batch_id, data.step_id, rec, data.start, data.end,
                             data.channels, data.windows)
        st.sign(rec, "op01", Meaning.PERFORMED, at + timedelta(seconds=30))
        offline = step.step_id == "HARVEST"
        if step.signature.policy.value == "two_person":
            st.sign(rec, "ver01", Meaning.VERIFIED, at + timedelta(minutes=4), online=not offline)
        raised = []
        if alarm is not None:
            raised.append((raise_exception(
                ExceptionKind.PHASE_ALARM, step_id=step.step_id, channel="temperature",
                raised_at=alarm[1], cleared_at=alarm[2],
                value=actual["channels"]["temperature"]["max"], limit="high"),
                "工程内サンプル採取のためインキュベーターの扉を開放。45秒で管理範囲内に復帰。"
                "トレンドを確認し、製品への影響なし。"))
        if step.step_id == "CELL-COUNT":
            raised.append((raise_exception(
                ExceptionKind.OUT_OF_LIMITS, step_id=step.step_id, field="VCD", value=6.4,
                unit="×10⁶ cells/mL", limits={"low": 0.5, "high": 6.0}),
                "7日目の細胞密度の上限超過は増殖良好によるもの。QA判断で回収を前倒し。"
                "生存率91.5%。"))
        if offline:
            raised.append((raise_exception(
                ExceptionKind.OFFLINE_SIGNATURE, step_id=step.step_id, record=rec,
                signer="ver01", meaning=Meaning.VERIFIED.value,
                signed_at=format_utc_iso(at + timedelta(minutes=4))),
                "クリーンルーム内のネットワーク障害。同期時に工場サーバーが署名を再確認し、"
                "受理。"))
        for draft_exc, reason in raised:
            exc = st.record(RecordDraft(RecordType.EXCEPTION, COMPLETED_BATCH,
                                        exception_content(draft_exc, ref)), "op01",
                            at + timedelta(minutes=5))
            exceptions.append((exc, reason))
        if data is not None:
            st.process_data(data)
    at += timedelta(hours=20)
    for n, (exc, reason) in enumerate(exceptions):
        closing = st.record(RecordDraft(RecordType.EXCEPTION_DISPOSITION, COMPLETED_BATCH,
                                        disposition_content(exc, reason)), "qa01",
                            at + timedelta(minutes=10 * n))
        st.sign(closing, "qa01", Meaning.PERFORMED, at + timedelta(minutes=10 * n, seconds=40))


def seed_completed_batch(session: Session) -> bool:
    """Seed the completed demo batch (idempotent); True if it was added now. Needs the demo
    users (``services.demo``)."""
    if session.get(Batch, COMPLETED_BATCH) is not None or session.get(User, "qa01") is None:
        return False
    recipe_row = _effective_demo_recipe(session)
    station, _code = add_station(session, HISTORY_STATION, actor="system", minutes=1)
    create_batch(session, recipe=f"{recipe_row.recipe_id}:{recipe_row.version}",
                 patient_id=PATIENT, din=DIN, coi=COI, station=HISTORY_STATION,
                 actor="system", batch_id=COMPLETED_BATCH, reason="demo: completed batch")
    start = utcnow() - timedelta(days=13)
    _held_verifiers(session, station, since=start - timedelta(days=1))
    st = DemoOutbox(session, station)
    _run(st, demo_recipe(), start)
    session.flush()
    refused = st.deliver()
    if refused:
        raise RuntimeError(f"the demo batch's entries were refused: {refused[:5]}")
    return True


def _held_verifiers(session: Session, station: Station, *, since: datetime) -> None:
    """The station's history: it pulled from this server the day before the batch began and
    held the demo signers' offline verifiers since (its offline signatures are judged
    against these periods, as a real station's are)."""
    station.first_pull_at = format_utc_iso(since)
    until = format_utc_iso(utcnow() + timedelta(days=1))
    for user_id in sorted(PASSWORDS):
        if session.get(User, user_id) is not None:
            session.add(VerifierPeriod(station_id=station.id, user_id=user_id,
                                       valid_from=format_utc_iso(since), valid_until=until))
    session.flush()
