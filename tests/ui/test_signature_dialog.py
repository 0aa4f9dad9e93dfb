"""The signature dialog driven by typing and clicking, in English and Japanese.

Every refusal a verifier can meet at the station is tried through the dialog; the texts for
the remaining codes are checked to exist and be translated.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from operator_console.auth.service import AuthRefusal
from operator_console.domain.records import Meaning, RecordDraft, RecordStatus, RecordType
from operator_console.domain.signatures import RefusalCode
from operator_console.services import Services
from operator_console.store.records import RecordFilter, load_records
from operator_console.store.records_reader import RecordsReader
from operator_console.store.users import UserInfo, find_user, info_of
from operator_console.ui.dialogs.signature import (
    SignatureDialog,
    sign_auth_text,
)
from operator_console.ui.names.records import refusal_text
from operator_console.ui.shell.language import LanguageManager
from operator_console.ui.shell.tasks import TaskRunner

STEP = RecordDraft(RecordType.STEP_COMPLETION, "B-2026-0142", {
    "step": "EXPANSION", "instrument": "CPX-01", "duration_min": 15,
    "result": "within_limits"})
COMMENT = RecordDraft(RecordType.COMMENT, "B-2026-0142", {"text": "目視確認、異常なし。"})


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait()


@pytest.fixture(params=["en", "ja"])
def lang(request: pytest.FixtureRequest, languages: LanguageManager) -> Iterator[str]:
    languages.set_language(request.param)
    yield request.param
    languages.set_language("en")


def _user(services: Services, uid: str) -> UserInfo:
    with services.db.read() as s:
        row = find_user(s, uid)
        assert row is not None
        return info_of(row)


def _dialog(qtbot: QtBot, services: Services, runner: TaskRunner, draft: RecordDraft,
            uid: str = "op01") -> SignatureDialog:
    dlg = SignatureDialog.for_draft(draft, services.signing, runner, _user(services, uid))
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a keyboard or badge scanner; full-width characters arrive as key events
    with text (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def _submit(qtbot: QtBot, dlg: SignatureDialog, runner: TaskRunner, password: str,
            login: str | None = None) -> None:
    if login is not None:
        dlg.user_edit.clear()
        type_text(qtbot, dlg.user_edit, login)
    qtbot.keyClicks(dlg.password_edit, password)
    qtbot.mouseClick(dlg.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not runner.busy and not dlg.busy)


def _record(services: Services, record_id: str):  # type: ignore[no-untyped-def]
    with services.db.read() as s:
        return load_records(s, RecordFilter(record_ids=[record_id]))[0]


def test_complete_two_person_signing(qtbot: QtBot, services: Services, runner: TaskRunner,
                                     lang: str) -> None:
    dlg = _dialog(qtbot, services, runner, STEP)
    assert dlg.type_value.text() == ("工程完了" if lang == "ja" else "Step completion")
    assert ("実施" if lang == "ja" else "Performed") in dlg.meaning_label.text()
    assert "山田 花子" in dlg.who_label.text()
    assert not dlg.user_edit.isVisible()
    # Labelled fields in reading order, codes named, units added: not the stored keys.
    ja = lang == "ja"
    assert dlg.content_table.lines == (
        [("工程", "拡大培養"), ("結果", "管理範囲内"), ("所要時間", "15 分"), ("装置", "CPX-01")]
        if ja else [("Process step", "Expansion"), ("Result", "Within limits"),
                    ("Duration", "15 min"), ("Instrument", "CPX-01")])
    _submit(qtbot, dlg, runner, "demo-op01")
    assert dlg.record_id is not None and dlg.isVisible()
    assert dlg.user_edit.isVisible() and dlg.later_button.isVisible()
    assert not dlg.cancel_button.isVisible()  # the record exists: no more "nothing happened"
    assert ("確認" if lang == "ja" else "Verified") in dlg.meaning_label.text()
    with qtbot.waitSignal(dlg.accepted):
        _submit(qtbot, dlg, runner, "demo-ver01", login="ver01")
    view = _record(services, dlg.record_id)
    assert view.status is RecordStatus.COMPLETE
    assert [(s.facts.signer_id, s.facts.meaning) for s in view.signatures] == [
        ("op01", Meaning.PERFORMED), ("ver01", Meaning.VERIFIED)]
    assert [s.facts.printed_name for s in view.signatures] == ["山田 花子", "佐藤 健"]


VERIFIER_REFUSALS = [
    ("ＯＰ０１", "demo-op01", "different person", "別の人"),
    ("OP01", "demo-op01", "different person", "別の人"),
    ("op03", "demo-op03", "verifier role", "確認者の権限"),
    ("ver03", "demo-ver03", "has expired", "期限が切れて"),
    ("ver04", "demo-ver04", "not qualified for procedure STEP-COMPLETE", "STEP-COMPLETE"),
    ("op09", "demo-op09", "is locked", "ロックされて"),
    ("op10", "demo-op10", "is disabled", "無効"),
    ("ver01", "wrong-password", "Attempts left before the account is locked: 4", "残り回数：4"),
]


def test_every_verifier_refusal_is_shown(qtbot: QtBot, services: Services, runner: TaskRunner,
                                         lang: str) -> None:
    dlg = _dialog(qtbot, services, runner, STEP)
    _submit(qtbot, dlg, runner, "demo-op01")
    record_id = dlg.record_id
    assert record_id is not None
    for login, password, en, ja in VERIFIER_REFUSALS:
        _submit(qtbot, dlg, runner, password, login=login)
        assert dlg.message.isVisible(), login
        assert (ja if lang == "ja" else en) in dlg.message.text(), (login, dlg.message.text())
        assert dlg.password_edit.text() == ""  # never left in the field
        assert dlg.sign_button.isEnabled() and dlg.isVisible()
    view = _record(services, record_id)
    assert view.status is RecordStatus.AWAITING_VERIFICATION
    assert len(view.signatures) == 1
    # The failures were audited with their codes.
    from sqlalchemy import select

    from operator_console.store.models import AuditEntry
    with services.db.read() as s:
        reasons = set(s.scalars(select(AuditEntry.reason).where(
            AuditEntry.event == "signature_refused")))
    assert {"same_person", "not_verifier", "qualification_expired",
            "qualification_missing"} <= reasons


def test_performer_wrong_password_counts_toward_lockout(
        qtbot: QtBot, services: Services, runner: TaskRunner, lang: str) -> None:
    before = RecordsReader(services.db).count()
    dlg = _dialog(qtbot, services, runner, COMMENT)
    _submit(qtbot, dlg, runner, "nope")
    assert ("残り回数：4" if lang == "ja" else "Attempts left before the account is locked: 4"
            ) in dlg.message.text()
    assert dlg.record_id is None and RecordsReader(services.db).count() == before
    with qtbot.waitSignal(dlg.accepted):  # a comment needs the performer only
        _submit(qtbot, dlg, runner, "demo-op01")
    assert RecordsReader(services.db).count() == before + 1
    assert _record(services, dlg.record_id or "").status is RecordStatus.COMPLETE


def test_busy_while_signing(qtbot: QtBot, services: Services, runner: TaskRunner) -> None:
    dlg = _dialog(qtbot, services, runner, COMMENT)
    qtbot.keyClicks(dlg.password_edit, "demo-op01")
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)
    assert dlg.busy and dlg.progress.isVisible()
    assert not dlg.password_edit.isEnabled() and not dlg.sign_button.isEnabled()
    assert not dlg.cancel_button.isEnabled()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)  # cannot be closed while committing
    assert dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted)


def test_cancel_before_signing_changes_nothing(qtbot: QtBot, services: Services,
                                               runner: TaskRunner, lang: str) -> None:
    reader = RecordsReader(services.db)
    before = reader.count()
    dlg = _dialog(qtbot, services, runner, STEP)
    qtbot.keyClicks(dlg.password_edit, "demo-op01")
    with qtbot.waitSignal(dlg.rejected):
        qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)
    runner.wait()
    assert reader.count() == before and dlg.record_id is None


def test_verify_later_leaves_the_record_awaiting(qtbot: QtBot, services: Services,
                                                 runner: TaskRunner, lang: str) -> None:
    dlg = _dialog(qtbot, services, runner, STEP)
    _submit(qtbot, dlg, runner, "demo-op01")
    with qtbot.waitSignal(dlg.accepted):
        qtbot.mouseClick(dlg.later_button, Qt.MouseButton.LeftButton)
    assert dlg.status_after is RecordStatus.AWAITING_VERIFICATION
    view = _record(services, dlg.record_id or "")
    assert view.status is RecordStatus.AWAITING_VERIFICATION
    # ...and later, at step 2 directly, by another verifier.
    later = SignatureDialog.for_record(view, services.signing, runner, _user(services, "op02"))
    qtbot.addWidget(later)
    later.show()
    assert later.user_edit.isVisible() and not later.later_button.isVisible()
    with qtbot.waitSignal(later.accepted):
        _submit(qtbot, later, runner, "demo-ver02", login="ver02")
    assert _record(services, view.record_id).status is RecordStatus.COMPLETE


def test_every_code_has_a_translated_message(languages: LanguageManager) -> None:
    params = {"meaning": "verified", "record_type": "cassette_load", "procedure": "P-1"}
    try:
        english = {c: refusal_text(c, params) for c in RefusalCode}
        english_auth = {c: sign_auth_text(c, 2, own_id=True) for c in AuthRefusal}
        languages.set_language("ja")
        for code in RefusalCode:
            text = refusal_text(code, params)
            assert text and text != english[code] and "%" not in text, code
        for auth_code in AuthRefusal:
            text = sign_auth_text(auth_code, 2, own_id=True)
            assert text and text != english_auth[auth_code], auth_code
        assert "確認" in refusal_text(RefusalCode.SAME_PERSON, params)
        assert "カセット装填" in refusal_text(RefusalCode.NOT_OPERATOR, params)
    finally:
        languages.set_language("en")


LOAD = RecordDraft(RecordType.CASSETTE_LOAD, "B-2026-0142", {
    "action": "load", "station": "DEMO-STATION-01", "step": "ACTIVATION",
    "patient_id": "P-0142", "batch_entry": "chosen", "bay": "B2", "bay_entry": "chosen",
    "cassette": {"gtin": "04569951120015", "lot": "L2611", "serial": "CS0142A1",
                 "expiry": "2030-12-31", "entry": "scanned"},
    "bag": {"din": "A999926100142", "product_code": "E7644V00", "expiry": "2030-12-31T23:59",
            "coi": "COI-0142", "entry": "scanned"}})


def test_verifier_sees_the_whole_load_without_scrolling(
        qtbot: QtBot, services: Services, runner: TaskRunner, lang: str) -> None:
    # What the verifier gets for a load awaiting verification (step 2).
    dlg = SignatureDialog(services.signing, runner, _user(services, "op01"),
                          record_type=LOAD.record_type, batch_id=LOAD.batch_id,
                          content=LOAD.content, record_id="0" * 36)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.user_edit.isVisible()
    table = dlg.content_table
    labels = [label for label, _v in table.lines]
    assert len(labels) == 17 and "bag.coi" not in labels and "bay_entry" not in labels
    assert table.text_of("工程" if lang == "ja" else "Process step") == (
        "T細胞活性化" if lang == "ja" else "T-cell activation")
    assert table.text_of("ベイの入力方法" if lang == "ja" else "Bay entered by") == (
        "画面で選択" if lang == "ja" else "Chosen on screen")
    assert not table.verticalScrollBar().isVisible()
    qtbot.waitUntil(lambda: dlg.isVisible())
    # Nothing squashed: the fields start below the whole table (Qt's adjustSize alone stops
    # at two thirds of the screen and laid the fields over the content).
    table_bottom = table.mapTo(dlg, table.rect().bottomLeft()).y()
    qtbot.waitUntil(lambda: dlg.user_edit.mapTo(dlg, dlg.user_edit.rect().topLeft()).y()
                    > table.mapTo(dlg, table.rect().bottomLeft()).y())
    assert table_bottom > 0
    assert dlg.height() <= 1080 - 40  # fits a 1080-line screen with its frame
    for row in range(table.rowCount()):  # every row inside the table's own height
        assert table.rowViewportPosition(row) + table.rowHeight(row) <= table.viewport().height()
