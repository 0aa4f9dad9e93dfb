"""Alarm state machine: limits, on-delay, hysteresis, acknowledgement, quality."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import replace

import pytest

from operator_console.domain.alarms import (
    AlarmEvaluator,
    AlarmState,
    AlarmTransition,
    LimitKind,
)
from operator_console.domain.channels import ChannelConfig, demo_channels

N, AU, AA, RU = (
    AlarmState.NORMAL,
    AlarmState.ACTIVE_UNACKED,
    AlarmState.ACTIVE_ACKED,
    AlarmState.RETURNED_UNACKED,
)

BASE = ChannelConfig(
    key="temperature", endpoint="opc.tcp://x:1/", node_id="ns=2;s=T", name_en="Temperature",
    name_ja="温度", unit="°C", display_min=30.0, display_max=45.0,
    low_limit=36.5, high_limit=37.5, hysteresis=0.2, alarm_delay_s=0.0,
)


def evaluator(**changes: object) -> AlarmEvaluator:
    return AlarmEvaluator(replace(BASE, **changes))  # type: ignore[arg-type]


def feed(
    ev: AlarmEvaluator, samples: Sequence[tuple[float, float | None]], good: bool = True
) -> list[AlarmTransition]:
    out: list[AlarmTransition] = []
    for t, v in samples:
        out.extend(ev.update(t, v, good))
    return out


def raised_high(**changes: object) -> AlarmEvaluator:
    ev = evaluator(**changes)
    assert [x.new for x in ev.update(0.0, 38.0, True)] == [AU]
    return ev


# --- raising ------------------------------------------------------------------------------
def test_inside_limits_stays_normal() -> None:
    ev = evaluator()
    assert feed(ev, [(t, 37.0 + 0.4 * math.sin(t)) for t in range(100)]) == []
    assert ev.state is N and ev.limit_kind is None and not ev.condition_active


def test_value_on_the_limit_is_not_beyond_it() -> None:
    ev = evaluator()
    assert feed(ev, [(0, 37.5), (1, 36.5)]) == []


def test_high_raises_with_details() -> None:
    ev = evaluator()
    (tr,) = ev.update(12.5, 37.9, True)
    assert tr == AlarmTransition("temperature", N, AU, 12.5, 37.9, LimitKind.HIGH, None)
    assert ev.state is AU and ev.condition_active and ev.limit_kind is LimitKind.HIGH


def test_low_raises_with_low_kind() -> None:
    ev = evaluator()
    (tr,) = ev.update(1.0, 36.0, True)
    assert (tr.new, tr.limit_kind) == (AU, LimitKind.LOW)


def test_only_high_limit_configured() -> None:
    ev = evaluator(low_limit=None)
    assert ev.update(0, -1000.0, True) == []
    assert [t.limit_kind for t in ev.update(1, 40.0, True)] == [LimitKind.HIGH]


def test_no_limits_never_alarms() -> None:
    ev = evaluator(low_limit=None, high_limit=None)
    assert feed(ev, [(0, 1e9), (1, -1e9)]) == []


def test_staying_beyond_raises_once() -> None:
    ev = evaluator()
    events = feed(ev, [(t, 38.0 + 0.01 * t) for t in range(50)])
    assert [e.new for e in events] == [AU]


# --- on-delay -----------------------------------------------------------------------------
def test_delay_needs_value_beyond_for_the_whole_delay() -> None:
    ev = evaluator(alarm_delay_s=5.0)
    assert feed(ev, [(0.0, 38.0), (2.0, 38.0), (4.9, 38.0)]) == []
    (tr,) = ev.update(5.0, 38.1, True)
    assert (tr.new, tr.t, tr.value) == (AU, 5.0, 38.1)


def test_delay_restarts_when_value_dips_back_inside() -> None:
    ev = evaluator(alarm_delay_s=5.0)
    assert feed(ev, [(0, 38.0), (4, 38.0), (4.5, 37.4), (5, 38.0), (9.9, 38.0)]) == []
    assert [e.new for e in ev.update(10.0, 38.0, True)] == [AU]


def test_short_spike_shorter_than_delay_does_not_raise() -> None:
    ev = evaluator(alarm_delay_s=3.0)
    assert feed(ev, [(0, 37.0), (1, 39.0), (2, 39.0), (3, 37.0), (10, 37.0)]) == []
    assert ev.state is N


def test_delay_restarts_when_switching_from_high_to_low() -> None:
    ev = evaluator(alarm_delay_s=2.0)
    assert feed(ev, [(0, 38.0), (1.5, 36.0), (3.0, 36.0)]) == []
    (tr,) = ev.update(3.5, 36.0, True)
    assert tr.limit_kind is LimitKind.LOW


# --- clearing and hysteresis --------------------------------------------------------------
def test_clear_needs_more_than_hysteresis_inside() -> None:
    ev = raised_high()
    assert feed(ev, [(1, 37.45), (2, 37.31), (3, 37.3)]) == []  # 37.3 = limit - hyst: not more
    (tr,) = ev.update(4, 37.29, True)
    assert (tr.old, tr.new, tr.limit_kind) == (AU, RU, LimitKind.HIGH)
    assert not ev.condition_active and ev.limit_kind is LimitKind.HIGH


def test_low_clear_uses_hysteresis_above_low_limit() -> None:
    ev = evaluator()
    ev.update(0, 36.0, True)
    assert feed(ev, [(1, 36.6), (2, 36.7)]) == []
    assert [e.new for e in ev.update(3, 36.71, True)] == [RU]


def test_noise_around_limit_does_not_flap() -> None:
    rng = random.Random(7)
    ev = evaluator(hysteresis=0.2)
    noisy = [(t * 0.1, 37.5 + rng.uniform(-0.15, 0.15)) for t in range(2000)]
    events = feed(ev, noisy)
    assert [e.new for e in events] == [AU]  # raised once, never chattered


def test_noise_around_limit_with_delay_raises_at_most_once() -> None:
    rng = random.Random(3)
    ev = evaluator(hysteresis=0.2, alarm_delay_s=1.0)
    noisy = [(t * 0.1, 37.6 + rng.uniform(-0.05, 0.05)) for t in range(500)]
    assert [e.new for e in feed(ev, noisy)] == [AU]


def test_cleared_and_beyond_other_limit_in_one_sample() -> None:
    ev = raised_high()
    events = ev.update(1, 30.0, True)
    assert [(e.new, e.limit_kind) for e in events] == [(RU, LimitKind.HIGH), (AU, LimitKind.LOW)]


# --- acknowledgement ----------------------------------------------------------------------
def test_ack_normal_is_noop() -> None:
    ev = evaluator()
    assert ev.acknowledge("alice", 1.0) is False
    assert ev.acknowledge_event("alice", 1.0) is None
    assert ev.state is N


def test_ack_active_unacked_goes_active_acked() -> None:
    ev = raised_high()
    tr = ev.acknowledge_event("alice", 3.0)
    assert tr == AlarmTransition("temperature", AU, AA, 3.0, 38.0, LimitKind.HIGH, "alice")
    assert ev.state is AA


def test_ack_active_acked_is_noop() -> None:
    ev = raised_high()
    assert ev.acknowledge("alice", 1.0) is True
    assert ev.acknowledge("bob", 2.0) is False
    assert ev.state is AA


def test_active_acked_clears_to_normal() -> None:
    ev = raised_high()
    ev.acknowledge("alice", 1.0)
    (tr,) = ev.update(2.0, 37.0, True)
    assert (tr.old, tr.new) == (AA, N)


def test_returned_unacked_then_ack_goes_normal() -> None:
    ev = raised_high()
    ev.update(1.0, 37.0, True)
    assert ev.state is RU
    tr = ev.acknowledge_event("bob", 5.0)
    assert tr is not None and (tr.old, tr.new, tr.user) == (RU, N, "bob")
    assert ev.acknowledge("bob", 6.0) is False


def test_returned_unacked_raises_again_without_ack() -> None:
    ev = raised_high()
    ev.update(1.0, 37.0, True)
    (tr,) = ev.update(2.0, 38.0, True)
    assert (tr.old, tr.new) == (RU, AU)


def test_acked_alarm_can_raise_again_after_clearing() -> None:
    ev = raised_high()
    ev.acknowledge("alice", 1.0)
    ev.update(2.0, 37.0, True)
    assert [(e.old, e.new) for e in ev.update(3.0, 38.0, True)] == [(N, AU)]


def test_full_cycle_sequence() -> None:
    ev = evaluator(alarm_delay_s=1.0)
    events = feed(ev, [(0, 37.0), (1, 37.8), (2, 37.8), (3, 37.4), (4, 37.0)])
    assert [(e.old, e.new) for e in events] == [(N, AU), (AU, RU)]


# --- quality ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [None, math.nan, math.inf])
def test_missing_values_are_ignored(value: float | None) -> None:
    ev = evaluator()
    assert ev.update(0, value, True) == []
    assert ev.state is N


def test_bad_quality_does_not_raise() -> None:
    ev = evaluator()
    assert feed(ev, [(0, 99.0), (10, 99.0)], good=False) == []
    assert ev.state is N


def test_bad_quality_does_not_clear() -> None:
    ev = raised_high()
    assert feed(ev, [(1, 37.0), (2, None)], good=False) == []
    assert ev.state is AU and ev.condition_active


def test_bad_quality_samples_do_not_interrupt_the_delay() -> None:
    ev = evaluator(alarm_delay_s=2.0)
    ev.update(0, 38.0, True)
    ev.update(1, 37.0, False)  # unusable, ignored as if not received
    assert [e.new for e in ev.update(2, 38.0, True)] == [AU]


def test_ack_transition_carries_last_value() -> None:
    ev = raised_high()
    ev.update(1, 37.4, True)
    tr = ev.acknowledge_event("alice", 2)
    assert tr is not None and tr.value == 37.4


# --- configuration ------------------------------------------------------------------------
def test_demo_channels_are_valid_and_named() -> None:
    channels = demo_channels("opc.tcp://127.0.0.1:4841/")
    keys = [c.key for c in channels]
    assert len(set(keys)) == len(keys) == 7
    by_key = {c.key: c for c in channels}
    assert (by_key["temperature"].low_limit, by_key["temperature"].high_limit) == (36.5, 37.5)
    assert by_key["dissolved_o2"].name("ja") == "溶存酸素"
    assert by_key["viable_cell_density"].high_limit is None
    assert all(c.node_id.startswith("ns=2;s=Bioreactor1.") for c in channels)


@pytest.mark.parametrize(
    "changes",
    [
        {"low_limit": 38.0},
        {"display_min": 50.0},
        {"hysteresis": -1.0},
        {"alarm_delay_s": math.nan},
        {"stale_after_s": 0.0},
        {"key": ""},
    ],
)
def test_invalid_channel_config_is_rejected(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        replace(BASE, **changes)  # type: ignore[arg-type]
