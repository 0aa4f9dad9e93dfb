"""Sync page: the link to the plant server, what waits, what was rejected, conflicts.

The state comes from the sync worker's ``status()`` (polled by the controller); the queue,
rejections and conflicts are read from the store on the task runner. Rejected entries stay
listed until a QA user resolves them here, with a resolution text and their password.
"""

from __future__ import annotations

import time
from collections import deque
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.sync_admin import ResolveProblem, ResolveResult, SyncAdmin
from operator_console.domain.people import Role
from operator_console.store.sync_queue import (
    SyncQueueView,
)
from operator_console.store.users import UserInfo
from operator_console.sync.status import SyncStatus
from operator_console.ui.dialogs.resolve_rejection import ResolveDialog
from operator_console.ui.names.events import auth_refusal_text
from operator_console.ui.names.formatting import format_count, format_local
from operator_console.ui.names.sync import (
    conflict_name,
    kind_name,
    kind_plural,
    outage_text,
    reason_text,
    strip_text,
    tile_text,
)
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, set_state

LOG_SIZE = 50


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


class SyncPage(QWidget):
    sig_stop_server_requested = Signal()
    """Demo only: stop the embedded plant server."""
    sig_start_server_requested = Signal()
    """Demo only: start the embedded plant server again."""
    sig_resolved = Signal(int)
    """A rejection was resolved (its id)."""

    def __init__(self, admin: SyncAdmin, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin, self._runner = admin, runner
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
        self._runner.submit(self._admin.queue, self._loaded, self._load_failed)

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
        admin = self._admin
        self._runner.submit(lambda: admin.resolve(user.user_id, password, rejection_id, text),
                            lambda result: self._resolution_done(dialog, rejection_id, result),
                            lambda exc: dialog.show_error(str(exc)))

    def _resolution_done(self, dialog: ResolveDialog, rejection_id: int,
                         result: ResolveResult) -> None:
        if result.auth_refusal is not None:
            dialog.show_error(auth_refusal_text(result.auth_refusal, result.attempts_left))
            return
        if result.problem is not None:
            dialog.show_error(self._problem_text(result.problem))
            return
        dialog.accept()
        self.dialog = None
        self.sig_resolved.emit(rejection_id)
        self.refresh()

    def _problem_text(self, problem: ResolveProblem) -> str:
        texts = {
            ResolveProblem.NOT_QA: self.tr("Only a QA user may resolve a rejected entry."),
            ResolveProblem.RESOLUTION_REQUIRED: self.tr(
                "Write what was checked and what was done."),
            ResolveProblem.ALREADY_RESOLVED: self.tr(
                "This rejected entry has already been resolved."),
            ResolveProblem.UNKNOWN: self.tr("This rejected entry is no longer listed."),
        }
        return texts[problem]

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
            reason = outage_text(st)
            # The operator reads the reason in words; the client's text is for IT (log).
            self.last_error.setText(self.tr("Reason: %1").replace("%1", reason)
                                    if reason else "")
            self.last_error.setToolTip(st.last_error)
            self.last_error.setVisible(bool(reason))
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
                "%1", format_count(total)).replace("%2", self.tr(", ").join(parts)))
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
                             strip_text(st)[0], outage_text(st)] for at, st in self._log])
