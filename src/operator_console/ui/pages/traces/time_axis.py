"""A time axis whose day and month names follow the operator's language.

pyqtgraph's ``DateAxisItem`` formats its ticks with ``strftime``, whose day and month names
are the C locale's: the 24 h axis read "Tue 01" on a Japanese screen. ``LocaleDateAxis``
keeps pyqtgraph's choice of ticks and formats their labels with ``QLocale`` instead: in
Japanese "1日(火)", "11月", "2026年"; in English "Tue 01", "Nov", "2026". Times of day
(``%H:%M``, ``%H:%M:%S``) are the same in both.
"""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from pyqtgraph.graphicsItems import DateAxisItem as _date_axis  # noqa: N813 (a module)
from PySide6.QtCore import QLocale

from operator_console.ui.widgets.alarm_banner import language_code

_SHORT = QLocale.FormatType.ShortFormat


def format_tick(fmt: str, when: datetime, locale: QLocale) -> str:
    """One tick label: ``fmt`` is one of pyqtgraph's tick formats, ``when`` the tick's time
    as shown (already in the displayed zone), names from ``locale``."""
    ja = locale.language() == QLocale.Language.Japanese
    day_name = locale.dayName(when.isoweekday(), _SHORT)
    month_name = locale.monthName(when.month, _SHORT)
    if fmt == "%a %d":
        return f"{when.day}日({day_name})" if ja else f"{day_name} {when.day:02d}"
    if fmt == "%d":
        return f"{when.day}日" if ja else f"{when.day:02d}"
    if fmt == "%b":
        return month_name
    if fmt == "%Y":
        return f"{when.year}年" if ja else str(when.year)
    text = when.strftime(fmt)  # digits only: %H:%M, %H:%M:%S, %S.%f
    return text[:-3] if "%f" in fmt else text


class LocaleDateAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """``DateAxisItem`` with labels in the current language (see the module docstring)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        if spec is None:
            return list(super().tickStrings(values, scale, spacing))
        lang = language_code()
        key = (lang, spec.format, self.utcOffset)
        if key != self._labels_key or len(self._labels) > 4096:
            self._labels_key, self._labels = key, {}
        labels = self._labels
        locale: QLocale | None = None
        out = []
        for v in values:
            text = labels.get(v)
            if text is None:
                # Worked out once per tick: while following, the axis moves every frame
                # and asked for the same labels again each time.
                if locale is None:
                    locale = QLocale(QLocale.Language.Japanese if lang == "ja"
                                     else QLocale.Language.English)
                try:
                    when = _date_axis.utcfromtimestamp(
                        _date_axis.adjustTimestampToPreferredUtcOffset(v, self.utcOffset))
                except (OverflowError, ValueError, OSError):
                    text = ""
                else:
                    text = format_tick(spec.format, when, locale)
                labels[v] = text
            out.append(text)
        return out

    _labels_key: tuple[str, str, object] | None = None
    _labels: dict[float, str] = {}  # noqa: RUF012 (replaced per instance before use)
