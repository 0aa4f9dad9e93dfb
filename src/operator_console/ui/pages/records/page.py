"""Records page: the station's electronic records with their signature manifestations.

Filter by batch, type, status, signer and period (newest first); the selected record shows
its content and each signature (printed name as entered, local time with zone, meaning in the
viewer's language, ✓/✗ with text). Comments are added, records verified and corrected from
here; every signature goes through :class:`SignatureDialog`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.corrections import correction_refused
from operator_console.auth.signing_service import SigningService
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import (
    RecordStatus,
    RecordType,
)
from operator_console.store.records import RecordFilter, RecordView
from operator_console.store.records_reader import RecordChoices, RecordsReader, ServerCheck
from operator_console.store.users import UserInfo
from operator_console.ui.dialogs.record_entry import EntryDialog
from operator_console.ui.dialogs.signature import (
    SignatureDialog,
    record_reference,
)
from operator_console.ui.names.formatting import format_count, format_local
from operator_console.ui.names.recipe_names import remember_recipes
from operator_console.ui.names.record_content import readable_content
from operator_console.ui.names.records import (
    meaning_name,
    record_type_name,
    server_check_name,
    status_name,
)
from operator_console.ui.pages.records.model import Column, RecordsTableModel, shown_type
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, set_state, styled

PERIODS: tuple[tuple[str, timedelta | None], ...] = (
    ("all", None), ("day", timedelta(days=1)), ("week", timedelta(days=7)),
    ("month", timedelta(days=30)),
)
_TYPES = tuple(t.value for t in RecordType)
_STATUSES = tuple(s.value for s in RecordStatus)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setMinimumWidth(200)
    return combo


class RecordsPage(QWidget):
    sig_export_requested = Signal(str)
    """The user asked to export a batch's records to PDF (the batch ID)."""
    sig_print_requested = Signal(str)
    """The user asked to print a batch's record (the batch ID)."""
    sig_report_requested = Signal(str)
    """The user asked for a batch's report, the certified copy (the batch ID)."""
    sig_records_changed = Signal()
    """A record or signature was committed from this page."""
    sig_record_signed = Signal(str, str)
    """A signature was committed here: (record ID, meaning code)."""

    def __init__(self, reader: RecordsReader, signing: SigningService, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader, self._signing, self._runner = reader, signing, runner
        self._user: UserInfo | None = None
        self._selected: RecordView | None = None
        self._select_after_load: str | None = None
        self._choices = RecordChoices((), ())
        self.entry_dialog: EntryDialog | None = None
        self.sign_dialog: SignatureDialog | None = None
        self.heading = label("title")
        self.batch_filter = _combo("recordsBatchFilter")
        self.type_filter = _combo("recordsTypeFilter")
        self.status_filter = _combo("recordsStatusFilter")
        self.signer_filter = _combo("recordsSignerFilter")
        self.period_filter = _combo("recordsPeriodFilter")
        self.batch_filter.addItem("", None)
        self.type_filter.addItem("", None)
        for code in _TYPES:
            self.type_filter.addItem("", code)
        self.status_filter.addItem("", None)
        for code in _STATUSES:
            self.status_filter.addItem("", code)
        self.signer_filter.addItem("", None)
        for key, _delta in PERIODS:
            self.period_filter.addItem("", key)
        self.awaiting_button = button()
        self.awaiting_button.setObjectName("recordsAwaitingPreset")
        self.refresh_button = button()
        self.count_label = label("hint")
        self.model = RecordsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("recordsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Content and signatures can be long; they get what is left, the rest fits its text.
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        # Detail of the selected record.
        self.detail_title = label("subtitle")
        self.detail_title.setObjectName("recordTitle")
        self.detail_meta = label("hint")
        self.integrity_label = label()
        self.integrity_label.setObjectName("recordIntegrity")
        self.corrected_label = label("error")
        self.corrected_label.setObjectName("recordCorrected")
        self.open_correction_button = button()
        self.open_correction_button.setObjectName("openCorrection")
        self.corrects_label = label("info")
        self.corrects_label.setObjectName("recordCorrects")
        self.open_original_button = button()
        self.open_original_button.setObjectName("openOriginal")
        self.content_table = QTableWidget(0, 2)
        self.content_table.setObjectName("recordContent")
        self.signatures_heading = label("subtitle")
        self.signature_table = QTableWidget(0, 4)
        self.signature_table.setObjectName("recordSignatures")
        for t in (self.content_table, self.signature_table):
            t.verticalHeader().hide()
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            t.setWordWrap(True)
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setStretchLastSection(True)
        self.content_table.setMinimumHeight(170)
        self.signature_table.setMinimumHeight(150)
        self.open_correction_button.clicked.connect(
            lambda: self._follow(self._selected.corrected_by if self._selected else None))
        self.open_original_button.clicked.connect(
            lambda: self._follow(self._selected.corrects if self._selected else None))
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(16, 0, 8, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.detail_meta)
        dl.addWidget(self.integrity_label)
        dl.addWidget(self.corrected_label)
        dl.addWidget(self.open_correction_button, 0, Qt.AlignmentFlag.AlignLeft)
        dl.addWidget(self.corrects_label)
        dl.addWidget(self.open_original_button, 0, Qt.AlignmentFlag.AlignLeft)
        dl.addWidget(self.content_table, 1)
        dl.addWidget(self.signatures_heading)
        dl.addWidget(self.signature_table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(detail)
        scroll.setMinimumWidth(520)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.add_comment_button = button()
        self.add_comment_button.setObjectName("addCommentButton")
        self.verify_button = button("primary")
        self.verify_button.setObjectName("verifyRecordButton")
        self.correct_button = button()
        self.correct_button.setObjectName("correctRecordButton")
        self.export_button = button()
        self.export_button.setObjectName("exportPdfButton")
        self.print_button = button()
        self.print_button.setObjectName("printRecordButton")
        self.report_button = button()
        self.report_button.setObjectName("batchReportButton")
        self.message = label("info")
        self.message.setObjectName("recordsMessage")
        self.message.hide()
        self._message_fn: Callable[[], str] | None = None
        # A confirmation is transient: it clears itself, or when the person moves on.
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(15000)
        self._message_timer.timeout.connect(self.clear_message)
        self._loading_selection = False

        for combo in (self.batch_filter, self.type_filter, self.status_filter,
                      self.signer_filter, self.period_filter):
            combo.currentIndexChanged.connect(self.refresh)
            combo.currentIndexChanged.connect(self.clear_message)
        self.awaiting_button.clicked.connect(self.show_awaiting)
        self.refresh_button.clicked.connect(self.refresh)
        self.add_comment_button.clicked.connect(self.add_comment)
        self.verify_button.clicked.connect(self.verify_selected)
        self.correct_button.clicked.connect(self.correct_selected)
        self.export_button.clicked.connect(self._export)
        self.print_button.clicked.connect(self._print)
        self.report_button.clicked.connect(self._report)

        filters = QHBoxLayout()
        for w in (self.batch_filter, self.type_filter, self.status_filter, self.signer_filter,
                  self.period_filter):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.awaiting_button)
        filters.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.add_comment_button)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.correct_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addWidget(self.report_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 20, 28, 20)
        root.addWidget(self.heading)
        root.addLayout(filters)
        root.addWidget(self.message)
        root.addWidget(splitter, 1)
        root.addLayout(actions)
        self.retranslate()
        self._show_detail(None)

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Records and signatures"))
        self.batch_filter.setItemText(0, self.tr("All batches"))
        self.type_filter.setItemText(0, self.tr("All record types"))
        for i in range(1, self.type_filter.count()):
            self.type_filter.setItemText(i, record_type_name(str(self.type_filter.itemData(i))))
        self.status_filter.setItemText(0, self.tr("Any status"))
        for i in range(1, self.status_filter.count()):
            self.status_filter.setItemText(i, status_name(str(self.status_filter.itemData(i))))
        self.signer_filter.setItemText(0, self.tr("All signers"))
        periods = {"all": self.tr("All time"), "day": self.tr("Last 24 hours"),
                   "week": self.tr("Last 7 days"), "month": self.tr("Last 30 days")}
        for i in range(self.period_filter.count()):
            self.period_filter.setItemText(i, periods[str(self.period_filter.itemData(i))])
        self.awaiting_button.setText(self.tr("Awaiting verification"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.add_comment_button.setText(self.tr("Add comment"))
        self.verify_button.setText(self.tr("Verify"))
        self.correct_button.setText(self.tr("Correct"))
        self.export_button.setText(self.tr("Export PDF"))
        self.print_button.setText(self.tr("Print"))
        self.report_button.setText(self.tr("Batch report"))
        self.open_correction_button.setText(self.tr("Show the correction"))
        self.open_original_button.setText(self.tr("Show the original record"))
        self.signatures_heading.setText(self.tr("Signatures"))
        self.content_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.signature_table.setHorizontalHeaderLabels([
            self.tr("Meaning"), self.tr("Printed name"), self.tr("Date and time"),
            self.tr("Signature check")])
        self.retranslate_count()  # a disabled Export says why it is disabled
        if self._message_fn is not None:
            self.message.setText(self._message_fn())
        self.model.retranslate()
        self.resize_columns()
        self._show_detail(self._selected)

    def clear_message(self) -> None:
        self._message_timer.stop()
        self._message_fn = None
        self.message.hide()

    # -- user ---------------------------------------------------------------------------------
    def set_user(self, user: UserInfo | None) -> None:
        self._user = user
        self._message_fn = None
        self.message.hide()
        self._update_actions()

    # -- loading ------------------------------------------------------------------------------
    def current_filter(self) -> RecordFilter:
        since = None
        delta = dict(PERIODS)[str(self.period_filter.currentData())]
        if delta is not None:
            since = format_utc_iso(datetime.now(UTC) - delta)
        return RecordFilter(batch_id=self.batch_filter.currentData(),
                            record_type=self.type_filter.currentData(),
                            status=self.status_filter.currentData(),
                            signer_id=self.signer_filter.currentData(), since=since)

    def refresh(self) -> None:
        flt, reader = self.current_filter(), self._reader
        def load() -> tuple[list[RecordView], RecordChoices, dict[str, ServerCheck]]:
            rows = reader.query(flt)
            remember_recipes(reader.recipes())  # the records name the recipe's codes
            return rows, reader.choices(), reader.server_checks(rows)

        self._runner.submit(load, self._loaded)

    def show_awaiting(self) -> None:
        """Preset: every record that waits for a verifier, whatever the other filters say."""
        self._set_filters(status=RecordStatus.AWAITING_VERIFICATION.value)

    def _set_filters(self, status: str | None = None) -> None:
        for combo in (self.batch_filter, self.type_filter, self.signer_filter,
                      self.period_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))
        self.status_filter.blockSignals(False)
        self.refresh()

    def _loaded(self, result: tuple[list[RecordView], RecordChoices,
                                    dict[str, ServerCheck]]) -> None:
        rows, choices, checks = result
        self.model.checks = checks
        keep = self._select_after_load or (self._selected.record_id if self._selected else None)
        self._select_after_load = None
        self._choices = choices
        self._merge_choices(self.batch_filter, [(b, b) for b in choices.batches])
        self._merge_choices(self.signer_filter,
                            [(f"{name} ({uid})", uid) for uid, name in choices.signers])
        self.model.set_rows(rows)
        self.resize_columns()
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self._loading_selection = True  # the page's own selection: not a person moving on
            try:
                self.table.selectRow(row)
            finally:
                self._loading_selection = False
        else:
            self._show_detail(None)
        self.retranslate()

    def resize_columns(self) -> None:
        self.table.resizeColumnToContents(Column.SUMMARY)
        self.table.setColumnWidth(Column.SUMMARY,
                                  min(self.table.columnWidth(Column.SUMMARY), 300))

    @staticmethod
    def _merge_choices(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        known = {combo.itemData(i) for i in range(combo.count())}
        combo.blockSignals(True)
        for text, data in items:
            if data not in known:
                combo.addItem(text, data)
        combo.blockSignals(False)

    # -- selection and detail -----------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._loading_selection and current.isValid() and (
                not previous.isValid() or current.row() != previous.row()):
            self.clear_message()  # the person moved on to another record
        self._show_detail(self.model.row_at(current.row()) if current.isValid() else None)

    def select_record(self, record_id: str) -> None:
        """Select a record; if the filters hide it, clear them and load it."""
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)
            return
        self._select_after_load = record_id
        self._set_filters()

    def _follow(self, record_id: str | None) -> None:
        if record_id:
            self.select_record(record_id)

    def selected(self) -> RecordView | None:
        return self._selected

    def _find(self, record_id: str | None) -> RecordView | None:
        row = self.model.row_of(record_id) if record_id else None
        return self.model.row_at(row) if row is not None else None

    def _show_detail(self, view: RecordView | None) -> None:
        self._selected = view
        self._update_actions()
        for w in (self.corrected_label, self.open_correction_button, self.corrects_label,
                  self.open_original_button, self.integrity_label):
            w.hide()
        if view is None:
            self.detail_title.setText(self.tr("Select a record to see its content and "
                                              "signatures."))
            self.detail_meta.clear()
            self.content_table.setRowCount(0)
            self.signature_table.setRowCount(0)
            return
        self.detail_title.setText(self.tr("%1 — %2").replace(
            "%1", record_type_name(view.record_type.value)).replace(
            "%2", status_name(view.status.value)))
        self.detail_meta.setText(self.tr("Batch %1 · created %2 by %3 · ID %4").replace(
            "%1", view.batch_id).replace("%2", format_local(view.created_at)).replace(
            "%3", view.created_by).replace("%4", view.record_id[:8]))
        if not view.content_valid:
            self.integrity_label.setText(self.tr(
                "✗ The stored content does not match its hash. Do not use this record; "
                "inform QA."))
            styled(self.integrity_label, "error")
            self.integrity_label.show()
        if view.corrected_by:
            self.corrected_label.setText(self.tr(
                "Corrected: this record is superseded by a correction. Its values are no "
                "longer valid."))
            self.corrected_label.show()
            self.open_correction_button.show()
        if view.corrects:
            original = self._find(view.corrects)
            ref = record_reference(original) if original else view.corrects[:8]
            self.corrects_label.setText(self.tr("Corrects: %1\nReason for correction: %2")
                                        .replace("%1", ref).replace("%2", view.reason or ""))
            self.corrects_label.show()
            self.open_original_button.show()
        lines = readable_content(shown_type(view), view.body)
        self.content_table.setRowCount(len(lines))
        for row, (key, value) in enumerate(lines):
            self.content_table.setItem(row, 0, QTableWidgetItem(key))
            self.content_table.setItem(row, 1, QTableWidgetItem(value))
        self.content_table.resizeRowsToContents()
        self.signature_table.setRowCount(len(view.signatures))
        for row, sig in enumerate(view.signatures):
            f = sig.facts
            check = (self.tr("✓ Verifies") if sig.valid
                     else self.tr("✗ Does NOT verify: content or signature changed"))
            if f.auth_method.value == "offline":
                check += "\n" + server_check_name(
                    self.model.checks.get(sig.signature_id, ServerCheck.PENDING))
            for col, text in enumerate((meaning_name(f.meaning.value), f.printed_name,
                                        format_local(f.signed_at), check)):
                self.signature_table.setItem(row, col, QTableWidgetItem(text))
        self.signature_table.resizeRowsToContents()

    def _update_actions(self) -> None:
        view, logged_in = self._selected, self._user is not None
        self.add_comment_button.setEnabled(logged_in)
        self.verify_button.setEnabled(
            logged_in and view is not None
            and view.status is RecordStatus.AWAITING_VERIFICATION and view.all_valid)
        self.correct_button.setEnabled(
            logged_in and view is not None and correction_refused(view) is None
            and view.all_valid)
        self.export_button.setEnabled(self._export_batch() is not None)
        self.print_button.setEnabled(self._export_batch() is not None)
        self.report_button.setEnabled(self._export_batch() is not None)
        self.retranslate_count()

    def retranslate_count(self) -> None:
        text = self.tr("%1 records shown, newest first").replace(
            "%1", format_count(self.model.rowCount()))
        if self._export_batch() is None:
            text += "\n" + self.tr("To export or print, choose a batch above or select a "
                                    "record.")
        self.count_label.setText(text)

    def _export_batch(self) -> str | None:
        batch = self.batch_filter.currentData()
        if batch:
            return str(batch)
        return self._selected.batch_id if self._selected else None

    def _export(self) -> None:
        batch = self._export_batch()
        if batch:
            self.sig_export_requested.emit(batch)

    def _print(self) -> None:
        batch = self._export_batch()
        if batch:
            self.sig_print_requested.emit(batch)
    def _report(self) -> None:
        batch = self._export_batch()
        if batch:
            self.sig_report_requested.emit(batch)

    # -- actions ------------------------------------------------------------------------------
    def add_comment(self) -> None:
        known = self._choices.known_batches
        batch = self._export_batch() or (known[0] if known else "")
        dlg = EntryDialog(batches=known, batch=batch, parent=self)
        dlg.accepted.connect(lambda: self._sign_draft(dlg, None))
        self._open_entry(dlg)

    def correct_selected(self) -> None:
        view = self._selected
        if view is None or self._user is None:
            return
        dlg = EntryDialog(original=view, parent=self)
        dlg.accepted.connect(lambda: self._sign_draft(dlg, view))
        self._open_entry(dlg)

    def _open_entry(self, dlg: EntryDialog) -> None:
        self.entry_dialog = dlg
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()

    def _sign_draft(self, entry: EntryDialog, original: RecordView | None) -> None:
        draft, user = entry.draft(), self._user
        if draft is None or user is None:
            return
        self._open_sign(SignatureDialog.for_draft(draft, self._signing, self._runner, user,
                                                  original=original, parent=self))

    def verify_selected(self) -> None:
        view, user = self._selected, self._user
        if view is None or user is None:
            return
        self._open_sign(SignatureDialog.for_record(
            view, self._signing, self._runner, user, original=self._find(view.corrects),
            checks=self.model.checks, parent=self))

    def _open_sign(self, dlg: SignatureDialog) -> None:
        self.sign_dialog = dlg
        dlg.sig_signed.connect(self._signed)
        dlg.finished.connect(lambda _r: self._sign_finished(dlg))
        dlg.open()

    def _signed(self, record_id: str, meaning: str) -> None:
        self._select_after_load = record_id
        self.sig_record_signed.emit(record_id, meaning)
        self.sig_records_changed.emit()

    def _sign_finished(self, dlg: SignatureDialog) -> None:
        status = dlg.status_after
        if status is not None:
            self._message_fn = (
                (lambda: self.tr("Signed. The record is complete."))
                if status is RecordStatus.COMPLETE
                else (lambda: self.tr("Signed as performer. The record is awaiting "
                                      "verification by a second person.")))
            self.message.setText(self._message_fn())
            self.message.show()
            set_state(self.message, "")
            self._message_timer.start()
            if dlg.record_id:
                self._select_after_load = dlg.record_id
        if self.sign_dialog is dlg:
            self.sign_dialog = None
        dlg.deleteLater()
        self.refresh()
