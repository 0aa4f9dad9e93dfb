"""Completing an ``instrument_phase`` step: the phase's min/max/mean per channel and its
alarms, from the historian's rows and the alarm transitions of the phase's time window.

Every alarm raised in the window is an exception (``phase_alarm``, the channel's severity)
with its time window as evidence; a channel whose min or max lies beyond its CPP limits
without an alarm (the alarm's on-delay can hide a short excursion) raises ``cpp_excursion``;
a channel with no good value raises ``missing_data``. Times are seconds (the historian's
clock); the phase cannot be completed before its duration has run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from operator_console.domain.alarms import AlarmState, AlarmTransition
from operator_console.domain.batch_execution.exceptions import (
    ExceptionDraft,
    ExceptionKind,
    raise_exception,
)
from operator_console.domain.batch_execution.verdicts import Verdict, accept, refuse
from operator_console.domain.canonical import JsonValue
from operator_console.domain.historian_rows import HistorianRow
from operator_console.domain.recipes.model import ChannelSpec, Step

_ACTIVE = frozenset({AlarmState.ACTIVE_UNACKED, AlarmState.ACTIVE_ACKED})


@dataclass(frozen=True)
class ChannelSummary:
    channel: str
    count: int  # samples with a value
    min: float | None
    max: float | None
    mean: float | None

    def as_dict(self) -> dict[str, JsonValue]:
        return {"count": self.count, "min": self.min, "max": self.max, "mean": self.mean}


@dataclass(frozen=True)
class AlarmWindow:
    channel: str
    raised_at: float
    cleared_at: float | None  # None: still active at the end of the phase
    value: float | None
    limit: str | None

    def as_dict(self) -> dict[str, JsonValue]:
        return {"channel": self.channel, "raised_at": self.raised_at,
                "cleared_at": self.cleared_at, "value": self.value, "limit": self.limit}


def summarise(channel: str, rows: Iterable[HistorianRow]) -> ChannelSummary:
    """Merge the channel's rows exactly: min of mins, max of maxes, count-weighted mean."""
    count, low, high, total = 0, None, None, 0.0
    for row in rows:
        good = row.count - row.bad_count
        if row.channel_key != channel or good <= 0 or row.mean is None:
            continue
        count += good
        total += row.mean * good
        low = row.min if low is None or (row.min is not None and row.min < low) else low
        high = row.max if high is None or (row.max is not None and row.max > high) else high
    return ChannelSummary(channel, count, low, high, total / count if count else None)


def alarm_windows(transitions: Iterable[AlarmTransition], start: float, end: float
                  ) -> list[AlarmWindow]:
    """Alarms raised in ``[start, end]``, each with the time its condition cleared."""
    out: list[AlarmWindow] = []
    open_by_channel: dict[str, int] = {}
    for t in sorted(transitions, key=lambda tr: tr.t):
        if not start <= t.t <= end:
            continue
        raised = t.new in _ACTIVE and t.old not in _ACTIVE
        cleared = t.old in _ACTIVE and t.new not in _ACTIVE
        if raised:
            open_by_channel[t.channel_key] = len(out)
            out.append(AlarmWindow(t.channel_key, t.t, None, t.value,
                                   t.limit_kind.value if t.limit_kind else None))
        elif cleared and t.channel_key in open_by_channel:
            i = open_by_channel.pop(t.channel_key)
            w = out[i]
            out[i] = AlarmWindow(w.channel, w.raised_at, t.t, w.value, w.limit)
    return out


def _excursion(spec: ChannelSpec, summary: ChannelSummary) -> bool:
    return any(v is not None and not spec.limits.contains(v) for v in (summary.min, summary.max))


def check_phase(step: Step, rows: Iterable[HistorianRow],
                transitions: Iterable[AlarmTransition], start: float, end: float) -> Verdict:
    """The phase's summary and exceptions, or a refusal while it has not run its duration."""
    phase = step.phase
    if phase is None:
        raise ValueError(f"step {step.step_id} is not an instrument phase")
    elapsed = (end - start) / 60
    if elapsed < phase.duration_minutes:
        return refuse("phase_not_finished", elapsed=f"{elapsed:.1f}",
                      duration=f"{phase.duration_minutes:g}")
    rows = [r for r in rows if start <= r.interval_start < end]
    specs = {c.channel: c for c in phase.channels}
    alarms = [w for w in alarm_windows(transitions, start, end) if w.channel in specs]
    raised: list[ExceptionDraft] = [raise_exception(
        ExceptionKind.PHASE_ALARM, step_id=step.step_id, severity=specs[w.channel].severity,
        **w.as_dict())
        for w in alarms]
    summaries: dict[str, JsonValue] = {}
    for spec in phase.channels:
        summary = summarise(spec.channel, rows)
        summaries[spec.channel] = summary.as_dict()
        evidence: dict[str, JsonValue] = {"channel": spec.channel, **summary.as_dict(),
                                          "start": start, "end": end}
        if summary.count == 0:
            raised.append(raise_exception(
                ExceptionKind.MISSING_DATA, step_id=step.step_id, **evidence))
        elif _excursion(spec, summary) and all(w.channel != spec.channel for w in alarms):
            raised.append(raise_exception(
                ExceptionKind.CPP_EXCURSION, step_id=step.step_id, severity=spec.severity,
                limits={"low": spec.limits.low, "high": spec.limits.high}, **evidence))
    return accept({"start": start, "end": end, "channels": summaries,
                   "alarms": [w.as_dict() for w in alarms]}, *raised)
