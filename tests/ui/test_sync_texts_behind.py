"""The operator is told plainly when the station is behind the plant server (issue 13,
point 10), in English and Japanese."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from operator_console.sync.status import BEHIND_SERVER, SyncStatus
from operator_console.ui.names.sync import strip_text, tile_text
from operator_console.ui.shell.language import LanguageManager


def test_behind_server_is_an_alarm_with_what_to_do(qapp: QApplication) -> None:
    status = SyncStatus(BEHIND_SERVER, since=0.0, pending=3, last_error="details")
    languages = LanguageManager()
    try:
        strip, state = strip_text(status)
        value, detail, tile_state = tile_text(status)
        assert (state, tile_state) == ("alarm", "alarm")
        assert "syncing stopped" in strip and value == "Syncing stopped"
        assert "restored from an old copy" in detail and "call QA" in detail
        languages.set_language("ja")
        assert "同期を停止" in strip_text(status)[0]
        assert "QAに連絡" in tile_text(status)[1]
    finally:
        languages.set_language("en")
