"""Process alarm logic for one channel: limits, on-delay, hysteresis and acknowledgement.

The state model follows ISA-18.2: the *condition* (is the value beyond a limit?) and the
*acknowledgement* (has an operator seen it?) are tracked separately, giving four states::

    NORMAL --raise--> ACTIVE_UNACKED --ack--> ACTIVE_ACKED --clear--> NORMAL
                          |                                    ^
                        clear                                  |
                          v                                    |
                   RETURNED_UNACKED ----------ack--------------+
                   (raise again -> ACTIVE_UNACKED)

Raising needs the value beyond the limit continuously for ``alarm_delay_s`` (noise that dips
back inside restarts the delay). Clearing needs the value back inside by more than
``hysteresis``, so noise around a limit cannot make the alarm chatter. Samples with bad quality
(or no value) are ignored: they neither raise nor clear. Every change is returned as an
``AlarmTransition`` for the audit trail. Pure Python, no clock: callers pass times in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from operator_console.domain.channels import ChannelConfig


class AlarmState(StrEnum):
    """Alarm state of one channel; values are the stored codes."""

    NORMAL = "normal"
    ACTIVE_UNACKED = "active_unacked"
    ACTIVE_ACKED = "active_acked"
    RETURNED_UNACKED = "returned_unacked"


class LimitKind(StrEnum):
    """Which limit an alarm is about."""

    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class AlarmTransition:
    """One alarm state change. ``user`` is set for acknowledgements, ``None`` otherwise."""

    channel_key: str
    old: AlarmState
    new: AlarmState
    t: float
    value: float | None
    limit_kind: LimitKind | None
    user: str | None = None


class AlarmEvaluator:
    """Feeds samples of one channel through the alarm state machine.

    Not thread-safe: the owner serialises ``update`` and ``acknowledge`` calls.
    """

    def __init__(self, channel: ChannelConfig) -> None:
        self.channel = channel
        self._state = AlarmState.NORMAL
        self._active_kind: LimitKind | None = None  # condition currently active, and which limit
        self._last_kind: LimitKind | None = None  # limit of the latest raise (kept after clear)
        self._pending_kind: LimitKind | None = None
        self._pending_since = 0.0
        self._last_value: float | None = None

    @property
    def state(self) -> AlarmState:
        """Current alarm state."""
        return self._state

    @property
    def condition_active(self) -> bool:
        """True while the value is in alarm (raised and not yet cleared)."""
        return self._active_kind is not None

    @property
    def limit_kind(self) -> LimitKind | None:
        """The limit of the current or latest alarm; ``None`` if none was ever raised."""
        return self._last_kind

    def _beyond(self, value: float) -> LimitKind | None:
        high, low = self.channel.high_limit, self.channel.low_limit
        if high is not None and value > high:
            return LimitKind.HIGH
        if low is not None and value < low:
            return LimitKind.LOW
        return None

    def _cleared(self, value: float) -> bool:
        hyst = self.channel.hysteresis
        if self._active_kind is LimitKind.HIGH:
            assert self.channel.high_limit is not None
            return value < self.channel.high_limit - hyst
        assert self.channel.low_limit is not None
        return value > self.channel.low_limit + hyst

    def _move(self, new: AlarmState, t: float, user: str | None = None) -> AlarmTransition:
        old, self._state = self._state, new
        return AlarmTransition(
            self.channel.key, old, new, t, self._last_value, self._last_kind, user
        )

    def update(self, t: float, value: float | None, good_quality: bool) -> list[AlarmTransition]:
        """Evaluate one sample taken at ``t`` (seconds); return the transitions it caused."""
        if not good_quality or value is None or not math.isfinite(value):
            return []
        self._last_value = value
        events: list[AlarmTransition] = []
        if self._active_kind is not None:
            if not self._cleared(value):
                return events
            self._active_kind = None
            cleared = (
                AlarmState.NORMAL
                if self._state is AlarmState.ACTIVE_ACKED
                else AlarmState.RETURNED_UNACKED
            )
            events.append(self._move(cleared, t))
        kind = self._beyond(value)
        if kind is None:
            self._pending_kind = None
            return events
        if kind is not self._pending_kind:
            self._pending_kind, self._pending_since = kind, t
        if t - self._pending_since >= self.channel.alarm_delay_s:
            self._pending_kind = None
            self._active_kind = self._last_kind = kind
            events.append(self._move(AlarmState.ACTIVE_UNACKED, t))
        return events

    def acknowledge_event(self, user: str, t: float) -> AlarmTransition | None:
        """Acknowledge as ``user`` at ``t``; the transition, or ``None`` if nothing to ack."""
        if self._state is AlarmState.ACTIVE_UNACKED:
            return self._move(AlarmState.ACTIVE_ACKED, t, user)
        if self._state is AlarmState.RETURNED_UNACKED:
            return self._move(AlarmState.NORMAL, t, user)
        return None

    def acknowledge(self, user: str, t: float) -> bool:
        """Acknowledge as ``user`` at ``t``; False (and no change) if nothing to acknowledge."""
        return self.acknowledge_event(user, t) is not None
