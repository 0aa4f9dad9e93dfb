"""Names of alarm states and limits in the viewer's language."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QTimeZone

from operator_console.application.alarms import ActiveAlarm
from operator_console.domain.alarms import AlarmState, LimitKind
from operator_console.domain.channels import ChannelConfig
from operator_console.ui.names.enum_names import EnumNames

alarm_state_name = EnumNames("AlarmState", AlarmState, {
    AlarmState.NORMAL: QT_TRANSLATE_NOOP("AlarmState", "Normal"),
    AlarmState.ACTIVE_UNACKED: QT_TRANSLATE_NOOP("AlarmState", "Active, not acknowledged"),
    AlarmState.ACTIVE_ACKED: QT_TRANSLATE_NOOP("AlarmState", "Active, acknowledged"),
    AlarmState.RETURNED_UNACKED: QT_TRANSLATE_NOOP(
        "AlarmState", "Returned to normal, not acknowledged"),
})
limit_name = EnumNames("AlarmLimit", LimitKind, {
    LimitKind.HIGH: QT_TRANSLATE_NOOP("AlarmLimit", "High"),
    LimitKind.LOW: QT_TRANSLATE_NOOP("AlarmLimit", "Low"),
})


def format_value(channel: ChannelConfig, value: float | None) -> str:
    """``value`` with the channel's decimals and unit in the current locale, "—" if unknown."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{QLocale().toString(float(value), 'f', channel.decimals)} {channel.unit}".strip()


def channel_name(channel: ChannelConfig) -> str:
    """The channel's name in the viewer's language."""
    return channel.name("ja" if QLocale().language() == QLocale.Language.Japanese else "en")


def limit_text(alarm: ActiveAlarm, channel: ChannelConfig) -> str:
    """'Low limit 30.0 %': the side the evaluator raised the alarm on, never a guess."""
    if alarm.limit_kind is None or alarm.limit is None:
        return ""
    return QCoreApplication.translate("AlarmText", "%1 limit %2").replace(
        "%1", limit_name(alarm.limit_kind)).replace("%2", format_value(channel, alarm.limit))


def time_of_day(t: float | None) -> str:
    """Local time of day with the zone (an alarm is read on the day it happens)."""
    if t is None:
        return "—"
    qdt = QDateTime.fromMSecsSinceEpoch(int(t * 1000), QTimeZone.systemTimeZone())
    zone = qdt.timeZoneAbbreviation()
    return f"{QLocale().toString(qdt, 'HH:mm:ss')} {zone}".strip()


def since_text(alarm: ActiveAlarm) -> str:
    return QCoreApplication.translate("AlarmText", "since %1").replace(
        "%1", time_of_day(alarm.started_at))


def peak_text(alarm: ActiveAlarm, channel: ChannelConfig) -> str:
    return QCoreApplication.translate("AlarmText", "peak %1").replace(
        "%1", format_value(channel, alarm.peak))


def summary_line(alarm: ActiveAlarm, channel: ChannelConfig) -> str:
    """One line for lists: name, live value, side and limit, peak, since."""
    sep = "、" if QLocale().language() == QLocale.Language.Japanese else ", "
    parts = [channel_name(channel), format_value(channel, alarm.value),
             limit_text(alarm, channel), peak_text(alarm, channel), since_text(alarm)]
    return sep.join(p for p in parts if p)
