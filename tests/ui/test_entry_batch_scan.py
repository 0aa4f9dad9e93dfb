"""Records → Add comment: a batch label scanned picks the batch (issue 12, item 10); a batch
this station does not know is refused in words; typing into the comment stays typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from operator_console.ui.dialogs.record_entry import EntryDialog
from operator_console.ui.shell.language import LanguageManager

BATCHES = ("B-2026-0142", "B-2026-0143")


def _scan(qtbot: QtBot, dialog: EntryDialog, text: str) -> None:
    target = dialog.focusWidget() or dialog
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_scanning_a_batch_label_picks_it(qtbot: QtBot, languages: LanguageManager) -> None:
    dialog = EntryDialog(batches=BATCHES, batch=BATCHES[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.batch_edit.setFocus()
    _scan(qtbot, dialog, "B-2026-0143")
    assert dialog.batch_edit.currentText() == "B-2026-0143" and not dialog.error.isVisible()
    _scan(qtbot, dialog, "B-9999-XXXX")
    assert dialog.batch_edit.currentText() == "B-2026-0143"
    assert dialog.error.isVisible() and "B-9999-XXXX is not known" in dialog.error.text()
    comment = dialog.fields["text"]
    comment.setFocus()
    qtbot.keyClicks(comment, "B-2026-0142 checked")
    assert comment.toPlainText() == "B-2026-0142 checked"  # typing, not a scan
    assert dialog.batch_edit.currentText() == "B-2026-0143"
    draft = dialog.draft()
    assert draft is not None and draft.batch_id == "B-2026-0143"
