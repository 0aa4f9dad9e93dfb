"""Active alarms as the operator sees them, and what acknowledging one records.

The evaluator (``domain.alarms``) decides *whether* a channel is in alarm and on which side;
this module keeps, per alarm, what a person needs to judge it: the side and limit as the
evaluator raised it (never guessed from the current value), when it began, the worst value
since (the peak, on the alarm's side), when the value came back inside, and the live value.
``AlarmBook`` is fed by the instrument runtime; the banner, the lock and login screens and the
acknowledgement dialog only read it. ``acknowledgement_content`` is the codes-only record
content of an acknowledgement. Pure Python: no Qt, no SQL, no clock (times are passed in).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from operator_console.auth.signing_service import SigningService, SignOutcome
from operator_console.domain.alarms import AlarmState, AlarmTransition, LimitKind
from operator_console.domain.channels import ChannelConfig
from operator_console.domain.records import RecordDraft, RecordType

# Most severe first: a condition nobody has seen, one that is seen but still there, one that
# is over but was never seen.
_SEVERITY = {AlarmState.ACTIVE_UNACKED: 0, AlarmState.ACTIVE_ACKED: 1,
             AlarmState.RETURNED_UNACKED: 2}
MAX_COMMENT = 500


@dataclass(frozen=True, slots=True)
class ActiveAlarm:
    """One channel that is not NORMAL, with what the operator needs to judge it."""

    channel_key: str
    state: AlarmState
    limit_kind: LimitKind | None
    limit: float | None
    started_at: float
    peak: float | None
    peak_at: float | None
    ended_at: float | None = None
    value: float | None = None

    @property
    def needs_ack(self) -> bool:
        """True while an operator still has to acknowledge it."""
        return self.state in (AlarmState.ACTIVE_UNACKED, AlarmState.RETURNED_UNACKED)

    @property
    def condition_active(self) -> bool:
        """True while the value is still beyond the limit."""
        return self.state in (AlarmState.ACTIVE_UNACKED, AlarmState.ACTIVE_ACKED)


def limit_value(channel: ChannelConfig, kind: LimitKind | None) -> float | None:
    """The limit an alarm of ``kind`` on ``channel`` is about."""
    if kind is LimitKind.HIGH:
        return channel.high_limit
    if kind is LimitKind.LOW:
        return channel.low_limit
    return None


def _worse(kind: LimitKind | None, value: float, than: float | None) -> bool:
    if than is None:
        return True
    return value < than if kind is LimitKind.LOW else value > than


class AlarmBook:
    """The active alarms of a station's channels, most severe first."""

    def __init__(self, channels: Iterable[ChannelConfig]) -> None:
        self._channels = {c.key: c for c in channels}
        self._alarms: dict[str, ActiveAlarm] = {}

    @property
    def channels(self) -> dict[str, ChannelConfig]:
        return dict(self._channels)

    def apply(self, transitions: Sequence[AlarmTransition]) -> None:
        """Take the evaluator's transitions, oldest first."""
        for tr in transitions:
            channel = self._channels.get(tr.channel_key)
            if channel is None:
                continue
            current = self._alarms.get(tr.channel_key)
            if tr.new is AlarmState.NORMAL:
                self._alarms.pop(tr.channel_key, None)
            elif tr.new is AlarmState.ACTIVE_UNACKED and (
                    current is None or not current.condition_active):
                # A new alarm (or a raise again after a return to normal): it starts now.
                value = tr.value if tr.value is not None and math.isfinite(tr.value) else None
                self._alarms[tr.channel_key] = ActiveAlarm(
                    tr.channel_key, tr.new, tr.limit_kind, limit_value(channel, tr.limit_kind),
                    tr.t, value, tr.t if value is not None else None, None, value)
            elif current is not None:
                ended = tr.t if tr.new is AlarmState.RETURNED_UNACKED else current.ended_at
                self._alarms[tr.channel_key] = replace(current, state=tr.new, ended_at=ended)

    def observe(self, key: str, times: Sequence[float], values: Sequence[float]) -> None:
        """Samples of ``key`` received since the last call: the peak follows the worst one
        while the condition is active."""
        alarm = self._alarms.get(key)
        if alarm is None or not alarm.condition_active:
            return
        peak, peak_at = alarm.peak, alarm.peak_at
        for t, v in zip(times, values, strict=False):
            if t >= alarm.started_at and math.isfinite(v) and _worse(alarm.limit_kind, v, peak):
                peak, peak_at = float(v), float(t)
        if peak != alarm.peak:
            self._alarms[key] = replace(alarm, peak=peak, peak_at=peak_at)

    def set_live(self, values: Mapping[str, float | None]) -> None:
        """The newest value of each channel (shown beside the peak)."""
        for key, alarm in self._alarms.items():
            value = values.get(key)
            if value is not None and not math.isfinite(value):
                value = None
            if value != alarm.value:
                self._alarms[key] = replace(alarm, value=value)

    def active(self) -> list[ActiveAlarm]:
        """Every alarm not NORMAL, most severe first (then the oldest first)."""
        return sorted(self._alarms.values(),
                      key=lambda a: (_SEVERITY.get(a.state, 9), a.started_at))

    def get(self, key: str) -> ActiveAlarm | None:
        return self._alarms.get(key)


def _iso(t: float | None) -> str | None:
    if t is None:
        return None
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _num(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(float(value), max(decimals, 0) + 2)


def acknowledgement_content(alarm: ActiveAlarm, channel: ChannelConfig,
                            comment: str = "") -> dict[str, Any]:
    """The record content of acknowledging ``alarm``: codes and numbers only (names and
    words are added when it is shown). ``ended_at`` is None while the value is still out."""
    comment = " ".join(comment.split())[:MAX_COMMENT]
    content: dict[str, Any] = {
        "channel": channel.key,
        "limit_kind": alarm.limit_kind.value if alarm.limit_kind else None,
        "limit": alarm.limit,
        "unit": channel.unit,
        "started_at": _iso(alarm.started_at),
        "peak": _num(alarm.peak, channel.decimals),
        "peak_at": _iso(alarm.peak_at),
        "ended_at": _iso(alarm.ended_at),
        "value_at_ack": _num(alarm.value, channel.decimals),
        "state_at_ack": alarm.state.value,
    }
    if comment:
        content["comment"] = comment
    return content


def acknowledgement_outcome(signing: SigningService, alarm: ActiveAlarm, channel: ChannelConfig,
                            batch_id: str, comment: str, user_id: str,
                            password: str) -> SignOutcome:
    """Confirm an acknowledgement (on a worker: the password check is slow).

    With a current batch the acknowledgement is a signed batch record (the policy of
    ``alarm_ack`` asks for a signature); without one the password is still checked, and the
    acknowledgement is audited only. Nothing is written unless the password is right; the
    caller then acknowledges the alarm itself (audited with the comment)."""
    if batch_id:
        draft = RecordDraft(RecordType.ALARM_ACK, batch_id,
                            acknowledgement_content(alarm, channel, comment))
        return signing.create_and_sign(draft, user_id, password)
    auth = signing.auth.reauthenticate(user_id, password, "alarm_ack")
    if not auth.ok:
        return SignOutcome(None, auth_refusal=auth.refusal, attempts_left=auth.attempts_left)
    return SignOutcome("", auth.user.printed_name if auth.user else "")
