"""The Audit page shows an entry's old and new values in plain language (issue 12, item 16),
and names alarm channels from the channel master data in the viewer's language (item 19)."""

from __future__ import annotations

import json

from operator_console.domain.channels import demo_channels
from operator_console.store.audit import AuditRow
from operator_console.ui.names.audit_changes import change_text
from operator_console.ui.pages.audit.model import AuditTableModel, Column
from operator_console.ui.shell.language import LanguageManager


def _row(event: str, target: str, old: object, new: object) -> AuditRow:
    return AuditRow(1, "2026-12-01T05:00:00.000000Z", "op01", event, target, "",
                    json.dumps(old), json.dumps(new))


def test_changes_in_words_in_both_languages(languages: LanguageManager) -> None:
    unlock = (json.dumps({"locked": True, "failed": 5}),
              json.dumps({"locked": False, "failed": 0}))
    alarm = (json.dumps({"state": "active_unacked"}),
             json.dumps({"state": "normal", "value": 61.25, "limit_kind": "low", "limit": 30.0,
                         "unit": "%"}))
    setting = (json.dumps("300"), json.dumps("600"))
    languages.set_language("en")
    assert change_text(*unlock) == "Locked: Yes → No; Wrong passwords: 5 → 0"
    assert change_text(*alarm) == ("State: Active, not acknowledged → Normal; Value: 61.25 %; "
                                   "Limit: Low; Limit value: 30 %")
    assert change_text(*setting) == "300 → 600"
    assert change_text("null", "null") == ""
    assert change_text("null", json.dumps({"language": "ja"})) == "Language: Japanese"
    languages.set_language("ja")
    try:
        assert change_text(*unlock) == "ロック：はい → いいえ、パスワード誤り回数：5 → 0"
        assert change_text("null", json.dumps({"language": "en"})) == "言語：英語"
    finally:
        languages.set_language("en")


def test_the_audit_table_names_channels_and_shows_the_change(languages: LanguageManager) -> None:
    model = AuditTableModel()
    model.channels = {c.key: c for c in demo_channels("opc.tcp://127.0.0.1:4840/")}
    do = next(k for k, c in model.channels.items() if c.name_en == "Dissolved O2")
    row = _row("alarm_raised", do, {"state": "normal"},
               {"state": "active_unacked", "value": 28.0, "limit_kind": "low", "limit": 30.0,
                "unit": "%"})
    languages.set_language("ja")
    try:
        assert model.cell(row, Column.TARGET) == "溶存酸素"
        assert "28 %" in model.cell(row, Column.CHANGE)
    finally:
        languages.set_language("en")
    assert model.cell(row, Column.TARGET) == "Dissolved O2"
    assert model.cell(row, Column.CHANGE).startswith("State: Normal → Active, not acknowledged")


def test_records_name_the_channel_in_the_readers_language(languages: LanguageManager) -> None:
    """An alarm acknowledgement stores the channel's key; the dialog, the Records page and
    the PDF (one rendering) show its master-data name."""
    from operator_console.domain.records import RecordType
    from operator_console.ui.names.channel_names import remember_channels
    from operator_console.ui.names.record_content import readable_content

    channels = demo_channels("opc.tcp://127.0.0.1:4840/")
    do = next(c for c in channels if c.name_en == "Dissolved O2")
    body = {"channel": do.key, "limit_kind": "low", "limit": 30.0, "unit": "%",
            "started_at": "2026-12-01T05:00:00.000000Z", "peak": 21.5,
            "peak_at": "2026-12-01T05:01:00.000000Z", "ended_at": None, "value_at_ack": 22.0,
            "state_at_ack": "active_unacked"}
    unknown = {**body, "channel": "retired_channel"}
    assert dict(readable_content(RecordType.ALARM_ACK, unknown))["Channel"] == "retired_channel"
    remember_channels(channels)
    assert dict(readable_content(RecordType.ALARM_ACK, body))["Channel"] == "Dissolved O2"
    languages.set_language("ja")
    try:
        assert "溶存酸素" in dict(readable_content(RecordType.ALARM_ACK, body)).values()
    finally:
        languages.set_language("en")
