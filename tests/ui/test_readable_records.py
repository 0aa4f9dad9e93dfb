"""One readable rendering of a record (labelled, ordered, translated, names for codes) on the
Records page and in the PDF; offline signatures marked with the plant server's re-check;
PDF times local with the zone and UTC beside."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from operator_console.application.exports import export_batch_record
from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.services import Services
from operator_console.ui.dialogs.signature import SignatureDialog
from operator_console.ui.pages.records.model import Column
from operator_console.ui.reports.batch_record_pdf import render_pdf
from operator_console.ui.shell.controller import AppController
from tests.helpers.offline import go_offline
from tests.ui.conftest import log_in


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    return unicodedata.normalize("NFKC", out)


def test_records_page_reads_in_words_and_marks_offline_signatures(
        qtbot: QtBot, make_controller: object, services: Services) -> None:
    go_offline(services, "op02")
    out = services.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, DEMO_BATCH, {"text": "offline note"}), "op02",
        "demo-op02")
    assert out.ok
    ctl: AppController = make_controller()  # type: ignore[operator]
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace, timeout=10000)
    qtbot.mouseClick(ctl.workspace.nav_buttons["records"], Qt.MouseButton.LeftButton)
    page = ctl.workspace.records
    qtbot.waitUntil(lambda: page.model.rowCount() >= 5)
    texts = {page.model.cell(page.model.row_at(r), Column.SUMMARY)
             for r in range(page.model.rowCount())}
    assert "T-cell activation, Within limits" in texts  # a step completion, not codes
    row = page.model.row_of(out.record_id or "")
    assert row is not None
    view = page.model.row_at(row)
    assert page.model.cell(view, Column.SIGNATURES) == (
        "Performed: John Smith ✓ (offline, not re-checked yet)")
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.signature_table.rowCount() == 1)
    assert "Offline signature: not yet re-checked by the plant server" in \
        page.signature_table.item(0, 3).text()
    assert page.content_table.item(0, 0).text() == "Text"


def test_verifier_sees_that_the_performer_signed_offline(
        qtbot: QtBot, make_controller: object, services: Services) -> None:
    go_offline(services, "op02", "op01")
    out = services.signing.create_and_sign(RecordDraft(
        RecordType.STEP_COMPLETION, DEMO_BATCH, {"step": "HARVEST", "result": "within_limits"}),
        "op02", "demo-op02")
    assert out.ok
    ctl: AppController = make_controller()  # type: ignore[operator]
    log_in(qtbot, ctl, "op01", "demo-op01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace, timeout=10000)
    qtbot.mouseClick(ctl.workspace.nav_buttons["records"], Qt.MouseButton.LeftButton)
    page = ctl.workspace.records
    qtbot.waitUntil(lambda: page.model.row_of(out.record_id or "") is not None)
    page.table.selectRow(page.model.row_of(out.record_id or "") or 0)
    qtbot.waitUntil(lambda: page.verify_button.isEnabled())
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(SignatureDialog) is not None
                    and page.findChild(SignatureDialog).isVisible())  # type: ignore[union-attr]
    dialog = page.findChild(SignatureDialog)
    assert dialog is not None
    # op01 works in Japanese.
    assert "実施：John Smith、" in dialog.signed_value.text()
    assert "オフライン署名：工場サーバーによる再検証はまだです" in dialog.signed_value.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pdf_reads_in_words_with_local_time_and_utc(
        qapp: object, services: Services, tmp_path: Path, lang: str) -> None:
    go_offline(services, "op02")
    assert services.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, DEMO_BATCH, {"text": "offline note"}), "op02",
        "demo-op02").ok
    result = export_batch_record(services.db, DEMO_BATCH, lang, render_pdf,
                                 tmp_path / "b.pdf", tmp_path / "b.json")
    text = _pdf_text(result.pdf).replace("\n", "" if lang == "ja" else " ")
    assert "duration_min" not in text and '{"' not in text  # no keys, no raw JSON
    assert "UTC 20" in text and "JST" in text  # local with zone, UTC beside
    if lang == "ja":
        for words in ("T細胞活性化", "管理範囲内", "所要時間", "45 分",
                      "オフライン署名:工場サーバーによる再検証はまだです"):
            assert words in text, words
        assert "Within limits" not in text and "T-cell activation" not in text
    else:
        for words in ("T-cell activation", "Within limits", "Duration", "45 min",
                      "Offline signature: not yet re-checked by the plant server"):
            assert words in text, words
