"""Active alarms and the acknowledgement record, without Qt."""

from __future__ import annotations

from dataclasses import replace

from operator_console.application.alarms import (
    ActiveAlarm,
    AlarmBook,
    acknowledgement_content,
)
from operator_console.domain.alarms import AlarmEvaluator, AlarmState, LimitKind
from operator_console.domain.channels import demo_channels

CHANNELS = {c.key: replace(c, alarm_delay_s=0.0) for c in demo_channels("opc.tcp://x")}


def _feed(book: AlarmBook, ev: AlarmEvaluator, samples: list[tuple[float, float]]) -> None:
    for t, v in samples:
        book.apply(ev.update(t, v, True))
        book.observe(ev.channel.key, [t], [v])


def test_low_excursion_on_a_channel_near_its_high_limit_is_a_low_alarm() -> None:
    # Dissolved O2: low 30 %, high 60 %. A value of 50 % after the raise is nearer the high
    # limit: a guess from the value says "High"; the evaluator knows it was the low limit.
    ch = CHANNELS["dissolved_o2"]
    book, ev = AlarmBook([ch]), AlarmEvaluator(ch)
    _feed(book, ev, [(0.0, 45.0), (1.0, 28.0), (2.0, 25.5), (3.0, 27.0)])
    alarm = book.get("dissolved_o2")
    assert alarm is not None
    assert alarm.limit_kind is LimitKind.LOW and alarm.limit == 30.0
    assert alarm.started_at == 1.0
    assert (alarm.peak, alarm.peak_at) == (25.5, 2.0)  # the lowest, not the highest
    book.set_live({"dissolved_o2": 27.0})
    assert book.get("dissolved_o2").value == 27.0  # type: ignore[union-attr]
    _feed(book, ev, [(4.0, 50.0)])  # back inside: returned, not acknowledged
    alarm = book.get("dissolved_o2")
    assert alarm is not None and alarm.state is AlarmState.RETURNED_UNACKED
    assert alarm.ended_at == 4.0 and alarm.peak == 25.5 and alarm.limit_kind is LimitKind.LOW


def test_most_severe_first_and_normal_drops_out() -> None:
    t, o2 = CHANNELS["temperature"], CHANNELS["dissolved_o2"]
    book = AlarmBook([t, o2])
    ev_t, ev_o = AlarmEvaluator(t), AlarmEvaluator(o2)
    _feed(book, ev_t, [(0.0, 38.0)])
    _feed(book, ev_o, [(1.0, 20.0)])
    book.apply([e for e in [ev_t.acknowledge_event("u", 2.0)] if e])
    assert [a.channel_key for a in book.active()] == ["dissolved_o2", "temperature"]
    _feed(book, ev_t, [(3.0, 37.0)])  # acknowledged and back inside: normal
    assert [a.channel_key for a in book.active()] == ["dissolved_o2"]


def test_acknowledgement_content_is_codes_with_start_peak_end() -> None:
    ch = CHANNELS["dissolved_o2"]
    alarm = ActiveAlarm("dissolved_o2", AlarmState.RETURNED_UNACKED, LimitKind.LOW, 30.0,
                        1_764_560_000.0, 25.456, 1_764_560_030.0, 1_764_560_090.0, 31.0)
    content = acknowledgement_content(alarm, ch, "  opened the  gas valve ")
    assert content == {
        "channel": "dissolved_o2", "limit_kind": "low", "limit": 30.0, "unit": "%",
        "started_at": "2025-12-01T03:33:20Z", "peak": 25.456,
        "peak_at": "2025-12-01T03:33:50Z", "ended_at": "2025-12-01T03:34:50Z",
        "value_at_ack": 31.0, "state_at_ack": "returned_unacked",
        "comment": "opened the gas valve",
    }
    still = replace(alarm, state=AlarmState.ACTIVE_UNACKED, ended_at=None)
    content = acknowledgement_content(still, ch)
    assert content["ended_at"] is None and "comment" not in content
