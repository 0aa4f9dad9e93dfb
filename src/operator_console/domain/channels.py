"""Instrument channel configuration: what a monitored value is, where it comes from, its limits.

A channel is one process value of one instrument (bioreactor temperature, pH, ...), read from an
OPC UA node. The same configuration drives the trace (display range, decimals), the alarm
evaluator (limits, hysteresis, on-delay) and stale detection. Pure data: no I/O here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEMO_INSTRUMENT = "Bioreactor1"


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    """One monitored process value.

    ``low_limit``/``high_limit`` are the alarm limits (``None``: no limit on that side).
    ``hysteresis`` is absolute, in the channel's unit: an active alarm clears only once the value
    is back inside the limit by more than this. ``alarm_delay_s`` is the on-delay: the value must
    stay beyond the limit this long before the alarm raises. A channel with no update for
    ``stale_after_s`` is stale.
    """

    key: str
    endpoint: str
    node_id: str
    name_en: str
    name_ja: str
    unit: str
    display_min: float
    display_max: float
    low_limit: float | None = None
    high_limit: float | None = None
    hysteresis: float = 0.0
    alarm_delay_s: float = 0.0
    stale_after_s: float = 5.0
    decimals: int = 1

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("channel key must not be empty")
        if not self.display_min < self.display_max:
            raise ValueError(f"{self.key}: display_min must be below display_max")
        if (
            self.low_limit is not None
            and self.high_limit is not None
            and not self.low_limit < self.high_limit
        ):
            raise ValueError(f"{self.key}: low_limit must be below high_limit")
        for name in ("hysteresis", "alarm_delay_s"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{self.key}: {name} must be a finite number >= 0")
        if not self.stale_after_s > 0:
            raise ValueError(f"{self.key}: stale_after_s must be > 0")
        if self.decimals < 0:
            raise ValueError(f"{self.key}: decimals must be >= 0")

    @property
    def has_limits(self) -> bool:
        """True when at least one alarm limit is configured."""
        return self.low_limit is not None or self.high_limit is not None

    def name(self, language: str) -> str:
        """The display name in ``language`` ("ja" or anything else for English)."""
        return self.name_ja if language.startswith("ja") else self.name_en


def demo_channels(endpoint: str, instrument: str = DEMO_INSTRUMENT) -> list[ChannelConfig]:
    """The channels the built-in simulator serves at ``endpoint`` (namespace index 2)."""

    def node(suffix: str) -> str:
        return f"ns=2;s={instrument}.{suffix}"

    return [
        ChannelConfig(
            key="temperature", endpoint=endpoint, node_id=node("Temperature"),
            name_en="Temperature", name_ja="温度", unit="°C",
            display_min=35.0, display_max=39.0, low_limit=36.5, high_limit=37.5,
            hysteresis=0.1, alarm_delay_s=3.0, stale_after_s=5.0, decimals=2,
        ),
        ChannelConfig(
            key="ph", endpoint=endpoint, node_id=node("pH"),
            name_en="pH", name_ja="pH", unit="pH",
            display_min=6.5, display_max=7.9, low_limit=6.9, high_limit=7.5,
            hysteresis=0.03, alarm_delay_s=5.0, stale_after_s=5.0, decimals=2,
        ),
        ChannelConfig(
            key="dissolved_o2", endpoint=endpoint, node_id=node("DissolvedO2"),
            name_en="Dissolved O2", name_ja="溶存酸素", unit="%",
            display_min=0.0, display_max=100.0, low_limit=30.0, high_limit=60.0,
            hysteresis=2.0, alarm_delay_s=5.0, stale_after_s=5.0, decimals=1,
        ),
        ChannelConfig(
            key="co2", endpoint=endpoint, node_id=node("CO2"),
            name_en="CO2", name_ja="CO2濃度", unit="%",
            display_min=3.0, display_max=7.0, low_limit=4.5, high_limit=5.5,
            hysteresis=0.1, alarm_delay_s=5.0, stale_after_s=5.0, decimals=2,
        ),
        ChannelConfig(
            key="agitation", endpoint=endpoint, node_id=node("Agitation"),
            name_en="Agitation", name_ja="撹拌速度", unit="rpm",
            display_min=0.0, display_max=200.0, low_limit=90.0, high_limit=150.0,
            hysteresis=3.0, alarm_delay_s=5.0, stale_after_s=5.0, decimals=0,
        ),
        ChannelConfig(
            key="pressure", endpoint=endpoint, node_id=node("Pressure"),
            name_en="Headspace pressure", name_ja="圧力", unit="kPa",
            display_min=0.0, display_max=10.0, low_limit=None, high_limit=5.0,
            hysteresis=0.2, alarm_delay_s=3.0, stale_after_s=5.0, decimals=2,
        ),
        ChannelConfig(
            key="viable_cell_density", endpoint=endpoint, node_id=node("ViableCellDensity"),
            name_en="Viable cell density", name_ja="生細胞密度", unit="×10⁶ cells/mL",
            display_min=0.0, display_max=10.0, low_limit=0.2, high_limit=None,
            hysteresis=0.05, alarm_delay_s=30.0, stale_after_s=5.0, decimals=2,
        ),
    ]
