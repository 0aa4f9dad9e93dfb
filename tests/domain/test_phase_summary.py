"""Completing an instrument phase: min/max/mean per channel from historian rows, alarms with
their time windows, CPP excursions and missing data as exceptions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.alarms import AlarmState, AlarmTransition, LimitKind
from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_execution.phase import alarm_windows, check_phase, summarise
from operator_console.domain.historian_rows import HistorianRow
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity, Step

RECIPE = demo_recipe()
START = 1_000.0
END = START + 3 * 60  # ACTIVATION runs 3 minutes


def activation() -> Step:
    found = RECIPE.step("ACTIVATION")
    assert found is not None
    return found


def row(channel: str, t: float, lo: float, hi: float, mean: float, count: int = 10,
        bad: int = 0) -> HistorianRow:
    return HistorianRow(channel, t, 10.0, count, bad, 0, lo, hi, mean, mean, t + 9)


def normal_rows(t0: float = START) -> list[HistorianRow]:
    return [row("temperature", t0, 36.9, 37.1, 37.0), row("co2", t0, 4.9, 5.1, 5.0),
            row("ph", t0, 7.1, 7.2, 7.15)]


def transition(channel: str, old: AlarmState, new: AlarmState, t: float) -> AlarmTransition:
    return AlarmTransition(channel, old, new, t, 37.9, LimitKind.HIGH)


def test_a_quiet_phase_records_its_summary_and_raises_nothing() -> None:
    rows = [*normal_rows(), row("temperature", START + 10, 36.8, 37.2, 37.1, count=30)]
    verdict = check_phase(activation(), rows, [], START, END)
    assert verdict.ok and verdict.exceptions == ()
    temp = verdict.actual["channels"]["temperature"]  # type: ignore[index]
    assert temp == {"count": 40, "min": 36.8, "max": 37.2, "mean": pytest.approx(37.075)}
    assert verdict.actual["alarms"] == [] and verdict.actual["start"] == START


def test_the_phase_cannot_be_completed_before_its_duration() -> None:
    verdict = check_phase(activation(), normal_rows(), [], START, START + 100)
    assert verdict.code == "phase_not_finished" and "3 minutes" in verdict.message


def test_an_alarm_during_the_phase_is_an_exception_with_its_time_window() -> None:
    alarms = [transition("temperature", AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED,
                         START + 20),
              transition("temperature", AlarmState.ACTIVE_UNACKED, AlarmState.RETURNED_UNACKED,
                         START + 50),
              transition("co2", AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED, START + 60)]
    rows = [row("temperature", START, 36.9, 37.9, 37.2), row("co2", START, 4.9, 5.8, 5.2),
            row("ph", START, 7.1, 7.2, 7.15)]
    verdict = check_phase(activation(), rows, alarms, START, END)
    assert verdict.ok
    kinds = [(e.kind, e.severity, e.evidence["channel"]) for e in verdict.exceptions]
    assert kinds == [(ExceptionKind.PHASE_ALARM, Severity.MAJOR, "temperature"),
                     (ExceptionKind.PHASE_ALARM, Severity.MINOR, "co2")]
    first = verdict.exceptions[0].evidence
    assert (first["raised_at"], first["cleared_at"], first["limit"]) == (
        START + 20, START + 50, "high")
    assert verdict.exceptions[1].evidence["cleared_at"] is None  # still active at the end
    assert len(verdict.actual["alarms"]) == 2  # type: ignore[arg-type]


def test_an_excursion_without_alarm_raises_a_cpp_excursion() -> None:
    rows = [row("temperature", START, 36.9, 37.6, 37.1), *normal_rows()[1:]]
    verdict = check_phase(activation(), rows, [], START, END)
    assert [(e.kind, e.severity) for e in verdict.exceptions] == [
        (ExceptionKind.CPP_EXCURSION, Severity.MAJOR)]
    assert verdict.exceptions[0].evidence["max"] == 37.6


def test_a_channel_without_good_values_raises_missing_data() -> None:
    rows = [*normal_rows()[:2], row("ph", START, 0, 0, 0, count=5, bad=5)]
    verdict = check_phase(activation(), rows, [], START, END)
    assert [e.kind for e in verdict.exceptions] == [ExceptionKind.MISSING_DATA]
    assert verdict.actual["channels"]["ph"]["count"] == 0  # type: ignore[index]


def test_rows_and_alarms_outside_the_phase_or_its_channels_are_ignored() -> None:
    rows = [*normal_rows(), row("temperature", START - 60, 30, 40, 35),
            row("temperature", END, 30, 40, 35), row("agitation", START, 0, 500, 100)]
    alarms = [transition("temperature", AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED,
                         START - 5),
              transition("agitation", AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED,
                         START + 5)]
    verdict = check_phase(activation(), rows, alarms, START, END)
    assert verdict.ok and verdict.exceptions == ()
    assert "agitation" not in verdict.actual["channels"]  # type: ignore[operator]


def test_a_re_raised_alarm_is_a_second_window() -> None:
    ts = [(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED, 10.0),
          (AlarmState.ACTIVE_UNACKED, AlarmState.ACTIVE_ACKED, 12.0),
          (AlarmState.ACTIVE_ACKED, AlarmState.NORMAL, 20.0),
          (AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED, 30.0)]
    windows = alarm_windows([transition("ph", o, n, t) for o, n, t in ts], 0, 100)
    assert [(w.raised_at, w.cleared_at) for w in windows] == [(10.0, 20.0), (30.0, None)]


@given(st.lists(st.tuples(st.integers(1, 20), st.integers(0, 5),
                          st.floats(-100, 100), st.floats(0, 10)), min_size=1, max_size=8))
def test_merging_rows_gives_the_summary_of_all_their_samples(
        parts: list[tuple[int, int, float, float]]) -> None:
    rows = []
    for i, (count, bad, low, spread) in enumerate(parts):
        bad = min(bad, count - 1)
        rows.append(row("t", float(i), low, low + spread, low + spread / 2, count, bad))
    summary = summarise("t", rows)
    assert summary.count == sum(r.count - r.bad_count for r in rows)
    assert summary.min == min(r.min for r in rows if r.min is not None)
    assert summary.max == max(r.max for r in rows if r.max is not None)
    assert summary.mean is not None and summary.min <= summary.mean + 1e-9
    assert summary.mean <= summary.max + 1e-9
