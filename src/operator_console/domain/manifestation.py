"""Signature manifestation (21 CFR 11.50) as data, and the one stored timestamp format.

A manifestation is what a person reading a record sees of each signature: the signer's
printed name, the date and time of signing and its meaning. Here it is plain data with the
meaning as a code and the time in UTC; the UI translates the meaning and shows the time in
local time with its zone (DESIGN section 5). Nothing here is translated.

Every stored time in the console is UTC text in one exact form,
``YYYY-MM-DDTHH:MM:SS.ffffffZ``, produced by :func:`format_utc_iso` and read back by
:func:`parse_utc_iso`. One form means one hash: a time that round-trips through the database
hashes the same on every station and on the plant server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: signing imports this module at run time
    from operator_console.domain.records import Meaning
    from operator_console.domain.signatures import SignatureFacts

_UTC_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z", re.ASCII)


def to_utc(dt: datetime, what: str = "time") -> datetime:
    """Return ``dt`` converted to UTC; refuse a naive datetime (its zone would be a guess)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got naive {dt.isoformat()}")
    return dt.astimezone(UTC)


def format_utc_iso(dt: datetime) -> str:
    """Format an aware datetime as UTC ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always 6 digits)."""
    u = to_utc(dt)
    # Built by hand: strftime("%Y") does not zero-pad years before 1000 on every platform.
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T"
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}Z"
    )


def parse_utc_iso(text: str) -> datetime:
    """Parse the exact form written by :func:`format_utc_iso` into an aware UTC datetime.

    Any other form (no microseconds, an offset instead of ``Z``, surrounding space) is refused
    with ``ValueError``: stored times have one spelling, and another one means a bug or an
    edit outside the console.
    """
    match = _UTC_ISO.fullmatch(text)
    if match is None:
        raise ValueError(f"not a stored UTC time (YYYY-MM-DDTHH:MM:SS.ffffffZ): {text!r}")
    year, month, day, hour, minute, second, micro = (int(g) for g in match.groups())
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


@dataclass(frozen=True)
class Manifestation:
    """What is shown with a signed record (11.50): printed name, UTC time, meaning code.

    ``offline`` is set when the signer was authenticated against cached credentials; the UI
    marks such signatures until the plant server has re-checked them (DESIGN section 2).
    """

    printed_name: str
    signed_at_utc: datetime
    meaning: Meaning
    offline: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "signed_at_utc", to_utc(self.signed_at_utc, "signed_at_utc"))

    @classmethod
    def from_facts(cls, facts: SignatureFacts) -> Manifestation:
        """The manifestation of one signature."""
        return cls(
            printed_name=facts.printed_name,
            signed_at_utc=facts.signed_at,
            meaning=facts.meaning,
            offline=facts.auth_method == "offline",
        )
