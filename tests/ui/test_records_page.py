"""The Records page through the real controller: list, manifestation, verify, comment,
correction, export request and the Home tile."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from operator_console.domain.records import RecordDraft, RecordStatus, RecordType
from operator_console.services import Services
from operator_console.store.records_reader import RecordsReader
from operator_console.store.settings import set_setting
from operator_console.ui.dialogs.signature import SignatureDialog
from operator_console.ui.pages.records.page import RecordsPage
from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]


@pytest.fixture(autouse=True)
def known_batches(services: Services) -> None:
    """The master data's batches: a comment names one of the batches the station knows."""
    from operator_console.store.cassettes import put_batch

    with services.db.transaction() as s:
        for batch, patient in (("B-2026-0142", "P-0142"), ("B-2026-0143", "P-0143")):
            put_batch(s, batch_id=batch, patient_id=patient, current_step="ACTIVATION",
                      dins=(), updated_at="2026-11-01T00:00:00Z")


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_records(qtbot: QtBot, ctl: AppController, user: str = "op01") -> RecordsPage:
    log_in(qtbot, ctl, user, f"demo-{user}")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    click(qtbot, ctl.workspace.nav_buttons["records"])
    page = ctl.workspace.records
    qtbot.waitUntil(lambda: page.model.rowCount() >= 5)
    return page


def select(qtbot: QtBot, page: RecordsPage, pred: Callable[..., bool]) -> None:
    rows = [r for r in range(page.model.rowCount()) if pred(page.model.row_at(r))]
    assert rows
    rect = page.table.visualRect(page.model.index(rows[0], 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.selected() is not None and pred(page.selected()))


def sign(qtbot: QtBot, ctl: AppController, dlg: SignatureDialog, password: str,
         login: str | None = None) -> None:
    if login is not None:
        qtbot.keyClicks(dlg.user_edit, login)
    qtbot.keyClicks(dlg.password_edit, password)
    click(qtbot, dlg.sign_button)
    qtbot.waitUntil(lambda: not dlg.busy and not ctl.runner.busy)


def test_manifestation_and_correction_link_ja(qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller(language="ja")
    page = open_records(qtbot, ctl)  # op01 prefers Japanese
    assert page.heading.text() == "記録と署名"
    select(qtbot, page, lambda v: v.corrected_by is not None)
    assert page.corrected_label.isVisible() and "訂正" in page.corrected_label.text()
    assert not page.correct_button.isEnabled()
    sig = page.signature_table
    assert sig.item(0, 0).text() == "実施"
    assert sig.item(0, 1).text() == "山田 花子"
    assert sig.item(0, 2).text().startswith("20") and "年" in sig.item(0, 2).text()
    assert sig.item(0, 2).text().endswith(("JST", "UTC+9", "GMT+9"))
    assert sig.item(0, 3).text().startswith("✓")
    click(qtbot, page.open_correction_button)
    qtbot.waitUntil(lambda: page.selected() is not None
                    and page.selected().record_type is RecordType.CORRECTION)
    assert "時間の記入誤り" in page.corrects_label.text()
    assert page.open_original_button.isVisible()


def test_verify_awaiting_from_the_page_en(qtbot: QtBot, make_controller: Factory,
                                          services: Services) -> None:
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    click(qtbot, page.awaiting_button)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    select(qtbot, page, lambda v: v.status is RecordStatus.AWAITING_VERIFICATION)
    assert "Awaiting verification" in page.detail_title.text()
    assert page.verify_button.isEnabled()
    click(qtbot, page.verify_button)
    dlg = page.sign_dialog
    assert dlg is not None and dlg.user_edit.isVisible()
    sign(qtbot, ctl, dlg, "demo-op01", login="OP01")  # the performer: refused
    assert "different person" in dlg.message.text()
    sign(qtbot, ctl, dlg, "demo-ver02", login="ver02")
    qtbot.waitUntil(lambda: page.sign_dialog is None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not ctl.runner.busy)
    assert "complete" in page.message.text()
    qtbot.waitUntil(lambda: ctl.workspace.home.signatures.value.text() == "None")


def test_verify_later_then_verify_from_records_ja(qtbot: QtBot, make_controller: Factory,
                                                  services: Services) -> None:
    ctl = make_controller(language="ja")
    page = open_records(qtbot, ctl)
    assert ctl.user is not None
    # A step completion signed where the work is done (e.g. the cassette page), verify later.
    draft = RecordDraft(RecordType.STEP_COMPLETION, "B-2026-0142", {"step": "Expansion"})
    dlg = SignatureDialog.for_draft(draft, services.signing, ctl.runner, ctl.user,
                                    parent=page)
    dlg.open()
    sign(qtbot, ctl, dlg, "demo-op01")
    assert dlg.later_button.text() == "後で確認"
    click(qtbot, dlg.later_button)
    record_id = dlg.record_id
    click(qtbot, page.awaiting_button)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    select(qtbot, page, lambda v: v.record_id == record_id)
    click(qtbot, page.verify_button)
    vdlg = page.sign_dialog
    assert vdlg is not None and vdlg.heading.text() == "二者確認"
    sign(qtbot, ctl, vdlg, "demo-ver01", login="ver01")
    qtbot.waitUntil(lambda: page.sign_dialog is None and not ctl.runner.busy)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_of(record_id or "") is None


def test_add_comment_then_correct_with_mandatory_reason(
        qtbot: QtBot, make_controller: Factory, services: Services) -> None:
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    reader = RecordsReader(services.db)
    before = reader.count()
    click(qtbot, page.add_comment_button)
    entry = page.entry_dialog
    assert entry is not None
    qtbot.keyClicks(entry.fields["text"], "Bag label checked twice.")
    click(qtbot, entry.next_button)
    dlg = page.sign_dialog
    assert dlg is not None and dlg.type_value.text() == "Comment"
    sign(qtbot, ctl, dlg, "demo-op02")
    qtbot.waitUntil(lambda: page.sign_dialog is None and not ctl.runner.busy)
    assert reader.count() == before + 1
    qtbot.waitUntil(lambda: page.selected() is not None
                    and page.selected().body == {"text": "Bag label checked twice."})
    click(qtbot, page.correct_button)
    entry = page.entry_dialog
    assert entry is not None
    text = entry.fields["text"]
    text.selectAll()
    qtbot.keyClicks(text, "Bag label checked three times.")
    click(qtbot, entry.next_button)  # no reason: refused, nothing signed
    assert entry.isVisible() and "reason" in entry.error.text()
    assert page.sign_dialog is None
    qtbot.keyClicks(entry.reason_edit, "Wrong count written")
    click(qtbot, entry.next_button)
    dlg = page.sign_dialog
    assert dlg is not None and dlg.reason_value.text() == "Wrong count written"
    assert dlg.original_value.isVisible()
    sign(qtbot, ctl, dlg, "demo-op02")
    qtbot.waitUntil(lambda: page.sign_dialog is None and not ctl.runner.busy)
    assert reader.count() == before + 2
    qtbot.waitUntil(lambda: page.selected() is not None
                    and page.selected().record_type is RecordType.CORRECTION)
    assert "Wrong count written" in page.corrects_label.text()
    click(qtbot, page.open_original_button)
    qtbot.waitUntil(lambda: page.selected() is not None
                    and page.selected().status is RecordStatus.CORRECTED)


def test_cancel_changes_nothing(qtbot: QtBot, make_controller: Factory,
                                services: Services) -> None:
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    reader = RecordsReader(services.db)
    before = reader.count()
    click(qtbot, page.add_comment_button)
    entry = page.entry_dialog
    assert entry is not None
    qtbot.keyClicks(entry.fields["text"], "never signed")
    click(qtbot, entry.next_button)
    dlg = page.sign_dialog
    assert dlg is not None
    qtbot.keyClicks(dlg.password_edit, "demo-op02")
    click(qtbot, dlg.cancel_button)
    qtbot.waitUntil(lambda: page.sign_dialog is None and not ctl.runner.busy)
    assert reader.count() == before
    click(qtbot, page.add_comment_button)
    assert page.entry_dialog is not None
    click(qtbot, page.entry_dialog.cancel_button)
    ctl.runner.wait()
    assert reader.count() == before


def test_export_button_requests_the_batch(qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    assert isinstance(page.export_button, QPushButton)
    select(qtbot, page, lambda v: True)
    with qtbot.waitSignal(page.sig_export_requested) as blocker:
        click(qtbot, page.export_button)
    assert blocker.args == ["B-2026-0142"]


def test_home_tile_turns_to_alarm_when_overdue(qtbot: QtBot, make_controller: Factory,
                                               services: Services) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    tile = ctl.workspace.home.signatures
    qtbot.waitUntil(lambda: tile.value.text() == "1")
    assert tile.property("state") == "warn"
    with services.db.transaction() as s:
        set_setting(s, services.audit, "verification_overdue_minutes", "0", actor="admin")
    ctl.refresh_status()
    qtbot.waitUntil(lambda: tile.property("state") == "alarm")
    assert "OVERDUE" in tile.detail.text()


def test_a_comment_is_for_a_known_batch_picked_from_the_list(
        qtbot: QtBot, make_controller: Factory, services: Services) -> None:
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    click(qtbot, page.add_comment_button)
    entry = page.entry_dialog
    assert entry is not None
    combo = entry.batch_edit
    assert not combo.isEditable()  # no free text: B-9999-XXXX cannot be entered
    assert [combo.itemText(i) for i in range(combo.count())] == ["B-2026-0142", "B-2026-0143"]
    click(qtbot, entry.cancel_button)


def test_newest_first_is_by_creation_time_and_export_says_why_disabled(
        qtbot: QtBot, make_controller: Factory, services: Services) -> None:
    from datetime import UTC, datetime, timedelta

    from operator_console.auth.signing_service import SigningService

    # A record made earlier (e.g. synced in from another station) arrives last.
    earlier = SigningService(services.db, services.audit, services.auth,
                             clock=lambda: datetime.now(UTC) - timedelta(days=3))
    old = earlier.create_and_sign(RecordDraft(RecordType.COMMENT, "B-2026-0142",
                                              {"text": "three days ago"}), "op02", "demo-op02")
    assert old.ok
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    times = [page.model.row_at(r).created_at for r in range(page.model.rowCount())]
    assert times == sorted(times, reverse=True)
    assert page.model.row_at(0).record_id != old.record_id
    assert not page.export_button.isEnabled() and not page.print_button.isEnabled()
    assert "To export or print, choose a batch above or select a record." in \
        page.count_label.text()
    select(qtbot, page, lambda v: True)
    assert page.export_button.isEnabled() and page.print_button.isEnabled()
    assert "To export" not in page.count_label.text()


def test_a_confirmation_clears_when_the_person_moves_on(
        qtbot: QtBot, make_controller: Factory, services: Services) -> None:
    ctl = make_controller()
    page = open_records(qtbot, ctl, "op02")
    click(qtbot, page.add_comment_button)
    entry = page.entry_dialog
    assert entry is not None
    qtbot.keyClicks(entry.fields["text"], "Checked.")
    click(qtbot, entry.next_button)
    dlg = page.sign_dialog
    assert dlg is not None
    sign(qtbot, ctl, dlg, "demo-op02")
    qtbot.waitUntil(lambda: page.message.isVisible() and page.selected() is not None)
    assert page.message.text() == "Signed. The record is complete."
    assert page._message_timer.isActive()  # it clears itself after a while
    signed = page.selected()
    assert signed is not None
    select(qtbot, page, lambda v: v.record_id != signed.record_id)
    assert not page.message.isVisible()
