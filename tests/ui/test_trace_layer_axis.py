"""Time axis labels follow the operator's language (QLocale day and month names)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from pyqtgraph.graphicsItems.DateAxisItem import DAY_HOUR_ZOOM_LEVEL
from PySide6.QtCore import QLocale

from operator_console.ui.pages.traces.time_axis import LocaleDateAxis, format_tick
from operator_console.ui.shell.language import LanguageManager

TUESDAY = datetime(2026, 12, 1, 14, 5, 9)
JA = QLocale(QLocale.Language.Japanese)
EN = QLocale(QLocale.Language.English)


@pytest.mark.parametrize(("fmt", "ja", "en"), [
    ("%a %d", "1日(火)", "Tue 01"),
    ("%d", "1日", "01"),
    ("%b", "12月", "Dec"),
    ("%Y", "2026年", "2026"),
    ("%H:%M", "14:05", "14:05"),
    ("%H:%M:%S", "14:05:09", "14:05:09"),
])
def test_tick_formats(fmt: str, ja: str, en: str) -> None:
    assert format_tick(fmt, TUESDAY, JA) == ja
    assert format_tick(fmt, TUESDAY, EN) == en


def test_the_24_h_axis_in_japanese_has_no_english_day_names(
    qapp: object, languages: LanguageManager
) -> None:
    axis = LocaleDateAxis(orientation="bottom")
    axis.zoomLevel = DAY_HOUR_ZOOM_LEVEL  # what pyqtgraph picks for 24 h over 1,500 px
    day_spec = axis.zoomLevel.tickSpecs[0]
    values = [1_796_083_200.0 + i * 86400 for i in range(3)]
    languages.set_language("ja")
    try:
        labels = axis.tickStrings(values, 1.0, day_spec.spacing)
    finally:
        languages.set_language("en")
    assert labels and all(re.fullmatch(r"\d+日\(.\)", label) for label in labels), labels
    english = axis.tickStrings(values, 1.0, day_spec.spacing)
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d\d", label) for label in english), english
