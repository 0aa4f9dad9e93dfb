"""The release clock in words: how long a batch has waited for QA (for an autologous
therapy, the patient's clock)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def waited_text(seconds: int | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("ReleaseClock", "not yet complete")
    minutes = max(0, seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = QCoreApplication.translate("ReleaseClock", "%1 d %2 h %3 min")
        return text.replace("%1", str(days)).replace("%2", str(hours)).replace("%3", str(mins))
    if hours:
        text = QCoreApplication.translate("ReleaseClock", "%1 h %2 min")
        return text.replace("%1", str(hours)).replace("%2", str(mins))
    return QCoreApplication.translate("ReleaseClock", "%1 min").replace("%1", str(mins))
