"""What to record before signing: a new comment, or corrected values with a reason.

The dialog only gathers text; :mod:`operator_console.application.corrections` decides whether
the draft can be signed and why not, and this shows that reason in the viewer's language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.corrections import (
    DraftProblem,
    DraftResult,
    draft_comment,
    draft_correction,
    editable_fields,
    value_as_text,
)
from operator_console.domain.records import RecordDraft
from operator_console.store.records import RecordView
from operator_console.ui.dialogs.signature import record_reference
from operator_console.ui.widgets.basics import button, label
from operator_console.ui.widgets.scan_capture import ScanCapture


class EntryDialog(QDialog):
    """A comment (``original`` None) or a correction of ``original``, up to the signature."""

    def __init__(self, *, original: RecordView | None = None, batches: tuple[str, ...] = (),
                 batch: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EntryDialog")
        self.setModal(True)
        self.setMinimumWidth(820)
        self._original = original
        self._error_fn: Callable[[], str] | None = None
        self.heading = label("title")
        self.intro = label("hint")
        self.batch_caption = label()
        # Picked from the batches this station knows (touched, or its label scanned), never
        # typed: a record for a batch that does not exist cannot be made here (and the plant
        # server refuses one too).
        self._batches = tuple(batches)
        self.batch_edit = QComboBox()
        self.batch_edit.setObjectName("entryBatch")
        self.batch_edit.setEditable(False)
        self.batch_edit.setMinimumHeight(56)
        self.batch_edit.addItems(list(batches))
        if batch in batches:
            self.batch_edit.setCurrentText(batch)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._captions: list[tuple[QLabel, str]] = []
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        row = 0
        if original is None:
            grid.addWidget(self.batch_caption, row, 0)
            grid.addWidget(self.batch_edit, row, 1)
            row += 1
            values: dict[str, object] = {"text": ""}
        else:
            self.batch_edit.hide()
            values = editable_fields(original)
        for key, value in values.items():
            edit: QLineEdit | QPlainTextEdit
            if key == "text":
                edit = QPlainTextEdit()
                edit.setMinimumHeight(140)
                edit.setPlainText(value_as_text(value))
            else:
                edit = QLineEdit(value_as_text(value))
            edit.setObjectName(f"entry_{key}")
            cap = label()
            self._captions.append((cap, key))
            grid.addWidget(cap, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(edit, row, 1)
            self.fields[key] = edit
            row += 1
        self.reason_caption = label()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("entryReason")
        if original is not None:
            grid.addWidget(self.reason_caption, row, 0)
            grid.addWidget(self.reason_edit, row, 1)
        else:
            self.reason_edit.hide()
        self.error = label("error")
        self.error.setObjectName("entryError")
        self.error.hide()
        self.cancel_button = button()
        self.cancel_button.setObjectName("entryCancel")
        self.next_button = button("primary")
        self.next_button.setObjectName("entryNext")
        for b in (self.cancel_button, self.next_button):
            b.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.addWidget(self.heading)
        root.addWidget(self.intro)
        root.addLayout(grid)
        root.addWidget(self.error)
        root.addStretch(1)
        root.addLayout(buttons)
        # A batch label scanned anywhere in the dialog but into a text field (it opens on
        # the batch list) picks that batch; typing into the comment stays typing.
        self.scans = ScanCapture(self.batch_edit, when=lambda: original is None)
        self.scans.sig_entered.connect(self._scanned)
        self.batch_edit.setFocus()
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        self.scans.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.scans.stop()
        super().hideEvent(event)

    def _scanned(self, text: str, _scanned: bool) -> None:
        """A batch label (its batch number): that batch, if this station knows it."""
        code = text.strip().upper()
        if code in self._batches:
            self.batch_edit.setCurrentText(code)
            self._error_fn = None
            self.error.hide()
            return
        self._error_fn = lambda: self.tr(
            "Batch %1 is not known at this station. Scan the label of a batch in process "
            "here, or choose it from the list.").replace("%1", code[:24])
        self.error.setText(self._error_fn())
        self.error.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self._original is None:
            self.setWindowTitle(self.tr("Add comment"))
            self.heading.setText(self.tr("Add a comment to the batch record"))
            self.intro.setText(self.tr("Write the comment, then sign it with your password."))
        else:
            self.setWindowTitle(self.tr("Correct record"))
            self.heading.setText(self.tr("Correct a record"))
            self.intro.setText(self.tr(
                "The original record stays unchanged and is marked as corrected. Enter the "
                "corrected values and the reason; the correction is signed like any record."
                "\nCorrecting: %1").replace("%1", record_reference(self._original)))
        self.batch_caption.setText(self.tr("Batch"))
        for cap, key in self._captions:
            cap.setText(self.tr("Comment") if key == "text" and self._original is None
                        else key)
        self.reason_caption.setText(self.tr("Reason for correction"))
        self.reason_edit.setPlaceholderText(self.tr("Required"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.next_button.setText(self.tr("Continue to signature"))
        if self._error_fn is not None:
            self.error.setText(self._error_fn())

    def _value(self, key: str) -> str:
        edit = self.fields[key]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def _result(self) -> DraftResult:
        if self._original is None:
            return draft_comment(self.batch_edit.currentText(), self._value("text"),
                                 self._batches)
        return draft_correction(self._original, {k: self._value(k) for k in self.fields},
                                self.reason_edit.text())

    def draft(self) -> RecordDraft | None:
        """The draft to sign, or None (and the reason shown) if it cannot be signed yet."""
        result = self._result()
        if result.problem is not None:
            problem, key = result.problem, result.field
            self._error_fn = lambda: self.problem_text(problem, key)
            self.error.setText(self._error_fn())
            self.error.show()
            if problem is DraftProblem.REASON_MISSING:
                self.reason_edit.setFocus()
            elif key in self.fields:
                self.fields[key].setFocus()
        return result.draft

    def problem_text(self, problem: DraftProblem, key: str = "") -> str:
        """What the person must do about ``problem``, in the current language."""
        texts = {
            DraftProblem.BATCH_MISSING: self.tr("Choose the batch."),
            DraftProblem.BATCH_UNKNOWN: self.tr(
                "This batch is not known at this station. Choose one from the list."),
            DraftProblem.TEXT_MISSING: self.tr("Enter the comment text."),
            DraftProblem.NOT_A_NUMBER: self.tr("%1 must be a number.").replace("%1", key),
            DraftProblem.NOT_YES_OR_NO: self.tr("%1 must be true or false.").replace("%1", key),
            DraftProblem.NOTHING_CHANGED: self.tr(
                "Nothing was changed. Enter the corrected values."),
            DraftProblem.REASON_MISSING: self.tr(
                "A reason for the correction is required. Enter why the record is wrong."),
            DraftProblem.NOT_CORRECTABLE: self.tr(
                "Cassette load and unload records cannot be corrected. Record a comment "
                "instead."),
            DraftProblem.ALREADY_CORRECTED: self.tr(
                "This record has already been corrected. Correct the correction instead."),
        }
        return texts[problem]

    def _next(self) -> None:
        if self.draft() is not None:
            self.accept()
