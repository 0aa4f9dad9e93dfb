"""Sync page: the link to the plant server, what waits, what was rejected, conflicts.

The state comes from the sync worker's ``status()`` (polled by the controller); the queue,
rejections and conflicts are read from the store on the task runner. Rejected entries stay
listed until a QA user resolves them here, with a resolution text and their password.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from operator_console.auth.service import AuthOutcome, AuthRefusal, AuthService
from operator_console.domain.people import Role
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.sync_queue import (
    ResolveRefusedError,
    SyncQueueView,
    read_sync_queue,
    resolve_rejection,
)
from operator_console.store.users import UserInfo
from operator_console.sync.status import SyncStatus
from operator_console.ui.names.events import auth_refusal_text
from operator_console.ui.names.formatting import format_count, format_local
from operator_console.ui.names.sync import (
    conflict_name,
    kind_name,
    kind_plural,
    reason_text,
    strip_text,
    tile_text,
)
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, set_state

LOG_SIZE = 50


@dataclass(frozen=True)
class SyncBackend:
    db: Database
    audit: AuditLog
    auth: AuthService


def _table(name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(40)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


class ResolveDialog(QDialog):
    """Resolution text (mandatory) and the QA user's password."""

    sig_submitted = Signal(str, str)

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setModal(True)
        self.setMinimumWidth(720)
        self.setWindowTitle(self.tr("Resolve rejected entry"))
        self.summary = label("info")
        self.summary.setText(summary)
        self.resolution_label = label()
        self.resolution_label.setText(self.tr(
            "Resolution (required): what was checked and what was done"))
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("resolutionText")
        self.resolution.setMinimumHeight(140)
        self.password_label = label()
        self.password_label.setText(self.tr("Your password (QA), to confirm"))
        self.password = QLineEdit()
        self.password.setObjectName("resolvePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = label("error")
        self.error.setObjectName("resolveError")
        self.error.hide()
        self.ok_button = button("primary")
        self.ok_button.setObjectName("resolveConfirm")
        self.ok_button.setText(self.tr("Resolve"))
        self.cancel_button = button()
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.resolution.textChanged.connect(self._update)
        self.password.textChanged.connect(self._update)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        lay = QVBoxLayout(self)
        for w in (self.summary, self.resolution_label, self.resolution, self.password_label,
                  self.password, self.error):
            lay.addWidget(w)
        lay.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.resolution.toPlainText().strip())
                                  and bool(self.password.text()))

    def _submit(self) -> None:
        self.set_busy(True)
        self.sig_submitted.emit(self.resolution.toPlainText().strip(), self.password.text())

    def set_busy(self, busy: bool) -> None:
        for w in (self.resolution, self.password, self.cancel_button):
            w.setEnabled(not busy)
        if busy:
            self.ok_button.setEnabled(False)
        else:
            self._update()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.password.clear()
        self.error.setText(text)
        self.error.show()


class SyncPage(QWidget):
    sig_stop_server_requested = Signal()
    """Demo only: stop the embedded plant server."""
    sig_start_server_requested = Signal()
    """Demo only: start the embedded plant server again."""
    sig_resolved = Signal(int)
    """A rejection was resolved (its id)."""

    def __init__(self, backend: SyncBackend, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend, self._runner = backend, runner
        self._status: SyncStatus | None = None
        self._queue: SyncQueueView | None = None
        self._user: UserInfo | None = None
        self._log: deque[tuple[float, SyncStatus]] = deque(maxlen=LOG_SIZE)
        self._loading = False
        self._reload_again = False
        self._server_running: bool | None = None
        self.dialog: ResolveDialog | None = None

        self.heading = label("title")
        self.state = label("subtitle")
        self.state.setObjectName("syncState")
        self.progress = QProgressBar()
        self.progress.setObjectName("syncPageProgress")
        self.progress.setFixedWidth(320)
        self.progress.hide()
        self.detail = label("hint")
        self.queue = label()
        self.queue.setObjectName("syncQueueByKind")
        self.last_error = label("hint")
        self.last_error.setObjectName("syncLastError")
        self.stop_button = button("danger")
        self.stop_button.setObjectName("stopServerButton")
        self.start_button = button("primary")
        self.start_button.setObjectName("startServerButton")
        self.stop_button.clicked.connect(self._stop_clicked)
        self.start_button.clicked.connect(self._start_clicked)
        self.stop_button.hide()
        self.start_button.hide()
        self.refresh_button = button()
        self.refresh_button.clicked.connect(self.refresh)

        self.rejections_title = label("subtitle")
        self.rejections = _table("rejectionsTable", 4)
        self.resolve_button = button("primary")
        self.resolve_button.setObjectName("resolveButton")
        self.resolve_button.clicked.connect(self._resolve_clicked)
        self.resolve_hint = label("hint")
        self.conflicts_title = label("subtitle")
        self.conflicts = _table("conflictsTable", 4)
        self.events_title = label("subtitle")
        self.events = _table("syncEventsTable", 3)
        self.rejections.itemSelectionChanged.connect(self._update_resolve)

        top = QHBoxLayout()
        top.addWidget(self.state)
        top.addWidget(self.progress)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.stop_button)
        top.addWidget(self.start_button)
        resolve_row = QHBoxLayout()
        resolve_row.addWidget(self.resolve_hint, 1)
        resolve_row.addWidget(self.resolve_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 20, 28, 20)
        root.addWidget(self.heading)
        root.addLayout(top)
        root.addWidget(self.detail)
        root.addWidget(self.queue)
        root.addWidget(self.last_error)
        root.addWidget(self.rejections_title)
        root.addWidget(self.rejections, 3)
        root.addLayout(resolve_row)
        root.addWidget(self.conflicts_title)
        root.addWidget(self.conflicts, 2)
        root.addWidget(self.events_title)
        root.addWidget(self.events, 2)
        self.retranslate()

    # -- inputs -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_user(self, user: UserInfo | None) -> None:
        self._user = user
        self._update_resolve()

    def set_status(self, status: SyncStatus) -> None:
        old = self._status
        if status == old:
            return
        self._status = status
        if old is None or old.state != status.state or old.last_error != status.last_error:
            self._log.appendleft((time.time(), status))
        changed = old is None or (old.state, old.pending, old.rejected) != (
            status.state, status.pending, status.rejected)
        self.retranslate()
        if changed and self.isVisible():
            self.refresh()

    def set_demo_server(self, running: bool | None) -> None:
        """Show the demo buttons; ``None`` while a stop or start is under way."""
        self._server_running = running
        self.stop_button.show()
        self.start_button.show()
        self.stop_button.setEnabled(running is True)
        self.start_button.setEnabled(running is False)

    # -- the store -------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        db = self._backend.db
        self._runner.submit(lambda: read_sync_queue(db), self._loaded, self._load_failed)

    def _loaded(self, view: SyncQueueView) -> None:
        self._loading = False
        self._queue = view
        self.retranslate()
        if self._reload_again:
            self._reload_again = False
            self.refresh()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.last_error.setText(self.tr("Could not read the sync queue: %1").replace(
            "%1", str(exc)))

    # -- resolving a rejection -----------------------------------------------------------------
    def _is_qa(self) -> bool:
        return self._user is not None and Role.QA.value in self._user.roles

    def _selected_rejection(self) -> int | None:
        rows = self.rejections.selectionModel().selectedRows()
        if not rows or self._queue is None:
            return None
        index = rows[0].row()
        return index if index < len(self._queue.rejections) else None

    def _update_resolve(self) -> None:
        self.resolve_button.setEnabled(self._is_qa() and self._selected_rejection() is not None)

    def _resolve_clicked(self) -> None:
        index = self._selected_rejection()
        user = self._user
        if index is None or self._queue is None or user is None or not self._is_qa():
            return
        rej = self._queue.rejections[index]
        summary = self.tr("No. %1 (%2): %3").replace("%1", str(rej.station_seq)).replace(
            "%2", kind_name(rej.kind)).replace("%3", reason_text(rej.reason))
        dialog = ResolveDialog(summary, self)
        dialog.sig_submitted.connect(
            lambda text, pw: self._submit_resolution(dialog, user, rej.id, text, pw))
        self.dialog = dialog
        dialog.open()

    def _submit_resolution(self, dialog: ResolveDialog, user: UserInfo, rejection_id: int,
                           text: str, password: str) -> None:
        backend = self._backend

        def work() -> object:
            outcome = backend.auth.reauthenticate(user.user_id, password, "resolve")
            if not outcome.ok:
                return outcome
            try:
                return resolve_rejection(backend.db, backend.audit, rejection_id,
                                         user_id=user.user_id, resolution=text)
            except ResolveRefusedError as exc:
                return exc

        self._runner.submit(work, lambda result: self._resolution_done(dialog, rejection_id,
                                                                       result),
                            lambda exc: dialog.show_error(str(exc)))

    def _resolution_done(self, dialog: ResolveDialog, rejection_id: int,
                         result: object) -> None:
        if isinstance(result, AuthOutcome):
            refusal = result.refusal or AuthRefusal.BAD_CREDENTIALS
            dialog.show_error(auth_refusal_text(refusal, result.attempts_left))
            return
        if isinstance(result, ResolveRefusedError):
            dialog.show_error(self.tr("Only a QA user may resolve a rejected entry.")
                              if result.code == "not_qa" else str(result))
            return
        dialog.accept()
        self.dialog = None
        self.sig_resolved.emit(rejection_id)
        self.refresh()

    def _stop_clicked(self) -> None:
        self.set_demo_server(None)
        self.sig_stop_server_requested.emit()

    def _start_clicked(self) -> None:
        self.set_demo_server(None)
        self.sig_start_server_requested.emit()

    # -- text ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync with the plant server"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.stop_button.setText(self.tr("Stop plant server (demo)"))
        self.start_button.setText(self.tr("Start plant server (demo)"))
        self.resolve_button.setText(self.tr("Resolve…"))
        st = self._status
        if st is None:
            self.state.setText(self.tr("Plant server: not enrolled"))
            self.detail.setText("")
            self.progress.hide()
        else:
            line, _strip_state = strip_text(st)
            _value, detail, state = tile_text(st)
            self.state.setText(line)
            set_state(self.state, state)
            self.detail.setText(detail)
            syncing = st.state == "syncing" and st.total > 0
            if syncing:
                self.progress.setRange(0, st.total)
                self.progress.setValue(min(st.sent, st.total))
            self.progress.setVisible(syncing)
            self.last_error.setText(self.tr("Last error: %1").replace("%1", st.last_error)
                                    if st.last_error else "")
            self.last_error.setVisible(bool(st.last_error))
        self._show_queue()
        self._show_events()

    def _show_queue(self) -> None:
        view = self._queue
        waiting = view.waiting_by_kind if view else {}
        total = sum(waiting.values())
        if view is None:
            self.queue.setText(self.tr("Waiting to sync: …"))
        elif total == 0:
            self.queue.setText(self.tr("Waiting to sync: none. Everything made here has "
                                       "reached the plant server."))
        else:
            parts = [self.tr("%1: %2").replace("%1", kind_plural(k)).replace(
                "%2", format_count(n)) for k, n in sorted(waiting.items())]
            self.queue.setText(self.tr("Waiting to sync: %1 (%2)").replace(
                "%1", format_count(total)).replace("%2", ", ".join(parts)))
        rejections = view.rejections if view else []
        self.rejections_title.setText(self.tr("Rejected by the plant server (%1)").replace(
            "%1", format_count(len(rejections))))
        self.rejections.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Kind"), self.tr("Rejected at"), self.tr("Reason")])
        _fill(self.rejections, [[str(r.station_seq), kind_name(r.kind),
                                 format_local(r.rejected_at), reason_text(r.reason)]
                                for r in rejections])
        if self._is_qa():
            hint = self.tr("Select an entry, check it, then resolve it with a written "
                           "resolution and your password.")
        else:
            hint = self.tr("Rejected entries stay here until a QA user resolves them. "
                           "Inform QA.")
        if view is not None and view.resolved_rejections:
            hint += " " + self.tr("%1 resolved earlier.").replace(
                "%1", format_count(view.resolved_rejections))
        self.resolve_hint.setText(hint)
        conflicts = view.conflicts if view else []
        self.conflicts_title.setText(self.tr("Conflicts (%1)").replace(
            "%1", format_count(len(conflicts))))
        self.conflicts.setHorizontalHeaderLabels(
            [self.tr("Conflict"), self.tr("Detected"), self.tr("What to do"),
             self.tr("Summary")])
        _fill(self.conflicts, [[conflict_name(c.kind), format_local(c.detected_at),
                                self.tr("QA resolves this at the plant server"), c.summary]
                               for c in conflicts])
        self._update_resolve()

    def _show_events(self) -> None:
        self.events_title.setText(self.tr("Recent changes of the connection"))
        self.events.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("State"), self.tr("Detail")])
        _fill(self.events, [[format_local(datetime.fromtimestamp(at, UTC)),
                             strip_text(st)[0], st.last_error] for at, st in self._log])
