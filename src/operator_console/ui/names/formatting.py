"""Showing stored values to people: local time with zone, per the current QLocale."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from operator_console.domain.manifestation import parse_utc_iso


def to_qdatetime(value: datetime) -> QDateTime:
    ms = int(value.timestamp() * 1000)
    return QDateTime.fromMSecsSinceEpoch(ms, QTimeZone.systemTimeZone())


def format_local(value: datetime | str, *, seconds: bool = True) -> str:
    """Local date and time with the zone abbreviation, in the current language's style.

    Japanese: ``2026年11月27日 14:05:03 JST``; English: ``2026-11-27 14:05:03 UTC+9``-like
    ISO form with the zone, as the glossary asks.
    """
    dt = parse_utc_iso(value) if isinstance(value, str) else value
    qdt = to_qdatetime(dt)
    locale = QLocale()
    time_fmt = "HH:mm:ss" if seconds else "HH:mm"
    if locale.language() == QLocale.Language.Japanese:
        text = locale.toString(qdt, f"yyyy年M月d日 {time_fmt}")
    else:
        text = locale.toString(qdt, f"yyyy-MM-dd {time_fmt}")
    zone = qdt.timeZoneAbbreviation() or qdt.timeZone().displayName(qdt)
    return f"{text} {zone}"


def format_count(value: int) -> str:
    return QLocale().toString(value)
