"""Session flow of the GUI: login, idle lock, unlock, user switch, logout, language.

Every check that touches a password or the database runs on the ``TaskRunner``; the results
come back here on the main thread and decide which view is shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox

from operator_console import gc_pauses
from operator_console.application.alarms import ActiveAlarm
from operator_console.application.connectivity import OutageTracker
from operator_console.application.station_status import StationStatus, read_station_status
from operator_console.application.sync_admin import SyncAdmin
from operator_console.auth.service import AuthOutcome, AuthRefusal
from operator_console.domain.channels import ChannelConfig
from operator_console.services import Services
from operator_console.store.audit import AuditReader
from operator_console.store.records_reader import RecordsReader
from operator_console.store.settings import get_setting
from operator_console.store.users import UserInfo, save_language
from operator_console.sync.status import SyncStatus
from operator_console.ui.names.events import auth_refusal_text, unlock_refusal_text
from operator_console.ui.pages.lock import LockView
from operator_console.ui.pages.login import LoginView
from operator_console.ui.shell.idle import IdleWatcher
from operator_console.ui.shell.language import LanguageManager
from operator_console.ui.shell.main_window import MainWindow
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.shell.workspace import Workspace
from operator_console.ui.widgets.touch_keyboard import TouchKeyboard

if TYPE_CHECKING:  # heavy (asyncua, pyqtgraph, httpx): imported when they start
    from operator_console.demo_server import DemoPlantServer
    from operator_console.domain.demo_data import DemoUser
    from operator_console.sync.worker import SyncWorker
    from operator_console.ui.dialogs.alarm_ack import AlarmAckDialog
    from operator_console.ui.dialogs.alarm_list import AlarmListDialog
    from operator_console.ui.shell.instrument_runtime import InstrumentRuntime

SETTLE_DELAY_MS = 300
log = logging.getLogger(__name__)


class AppController(QObject):
    sig_user_changed = Signal(object)
    """The logged-in user changed (a ``UserInfo``, or None after logout)."""
    sig_locked_changed = Signal(bool)
    """The session was locked (True) or unlocked (False)."""

    def __init__(self, services: Services, languages: LanguageManager, *,
                 idle_lock_seconds: float, demo_users: Sequence[DemoUser] = (),
                 status_interval_ms: int = 5000, sync_poll_ms: int = 500,
                 window: MainWindow | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.languages = languages
        self.runner = TaskRunner(self)
        self.user: UserInfo | None = None
        self.locked = False
        # The launcher may already show the window with its login view (start-up speed).
        self.login_view = window.login if window is not None else LoginView(services.station,
                                                                            demo_users)
        self.lock_view = LockView()
        from operator_console.domain.demo_data import DEMO_LABELS

        self.workspace = Workspace(AuditReader(services.db), self.runner,
                                   RecordsReader(services.db), services.signing,
                                   services.cassettes,
                                   SyncAdmin(services.db, services.audit, services.auth),
                                   services.batches, DEMO_LABELS if demo_users else ())
        if window is None:
            window = MainWindow(self.login_view)
        window.add_views(self.lock_view, self.workspace)
        self.window = window
        self.window.close_handler = self.shutdown
        # Every text field of every view and dialog gets the on-screen keyboard on a tap.
        self.keyboard = TouchKeyboard.install()
        self.workspace.keyboard_button.clicked.connect(self.keyboard.toggle)
        self.idle = IdleWatcher(idle_lock_seconds, self)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(status_interval_ms)
        self._status_timer.timeout.connect(self.refresh_status)
        self._closed = False
        self.instruments: InstrumentRuntime | None = None
        self._alarm_list: AlarmListDialog | None = None
        self._ack_dialog: AlarmAckDialog | None = None
        self.window.stack.currentChanged.connect(self._view_changed)
        self.window.alarm_banner.sig_acknowledge_requested.connect(self._acknowledge_alarm)
        self.window.alarm_banner.sig_list_requested.connect(self._list_alarms)
        # The plant server link: the worker once started, else why there is none.
        self.sync_worker: SyncWorker | None = None
        self.demo_server: DemoPlantServer | None = None
        self._sync_unavailable = ("not_enrolled", "", time.time())
        self._pending_local = 0
        self._last_worker_status: SyncStatus | None = None
        self._outage = OutageTracker()
        self._login_language: str | None = None
        self._last_count_refresh = 0.0
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(sync_poll_ms)
        self._sync_timer.timeout.connect(self.poll_sync)
        self._sync_timer.start()

        self.login_view.sig_login_requested.connect(self._login)
        self.login_view.sig_language_requested.connect(self.set_language)
        self.login_view.sig_back_requested.connect(self._back_to_lock)
        self.lock_view.sig_unlock_requested.connect(self._unlock)
        self.lock_view.sig_switch_requested.connect(self._switch_user)
        self.workspace.sig_language_requested.connect(self.set_language)
        self.workspace.sig_lock_requested.connect(lambda: self.lock(manual=True))
        self.workspace.sig_logout_requested.connect(self._confirm_logout)
        self.idle.sig_idle.connect(self.lock)
        self.sig_user_changed.connect(self.workspace.records.set_user)
        self.workspace.records.sig_export_requested.connect(self.export_batch)
        self.workspace.records.sig_print_requested.connect(self.print_batch)
        self.workspace.records.sig_report_requested.connect(self.report_batch)
        self.sig_user_changed.connect(self.workspace.cassettes.set_user)
        self.sig_user_changed.connect(self.workspace.batches.set_user)
        self.workspace.batches.sig_changed.connect(self.refresh_status)
        self.sig_user_changed.connect(self.workspace.sync.set_user)
        self.sig_user_changed.connect(self.workspace.set_review_user)
        self.workspace.sync.sig_stop_server_requested.connect(self.stop_demo_server)
        self.workspace.sync.sig_start_server_requested.connect(self.start_demo_server)
        self.workspace.cassettes.sig_record_signed.connect(lambda *_: self.refresh_status())
        self.workspace.records.sig_records_changed.connect(self.refresh_status)
        self.login_view.prepare()
        self.window.show_view(self.login_view)
        self.refresh_status()  # the strip under the login screen names the station too

    # -- login -----------------------------------------------------------------------------
    def _login(self, login_text: str, password: str) -> None:
        self.login_view.set_busy(True)
        self.runner.submit(lambda: self.services.auth.login(login_text, password),
                           self._login_done, self._task_failed)

    def _login_done(self, outcome: AuthOutcome) -> None:
        self.login_view.set_busy(False)
        if not outcome.ok or outcome.user is None:
            refusal = outcome.refusal or AuthRefusal.BAD_CREDENTIALS
            left = outcome.attempts_left
            self.login_view.show_error(lambda: auth_refusal_text(refusal, left))
            return
        previous = self.user
        if previous is not None and previous.user_id != outcome.user.user_id:
            self.runner.submit(lambda: self.services.auth.record_session_event(
                previous.user_id, "session_ended", "another user logged in at the lock screen"))
        self._start_session(outcome.user)

    def _start_session(self, user: UserInfo) -> None:
        self.user = user
        self.locked = False
        # A language picked on the login screen holds for this session; else the user's own.
        chosen, self._login_language = self._login_language, None
        language = chosen or user.language
        if language != self.languages.language:
            self.languages.set_language(language)
        if chosen and chosen != user.language:
            user = UserInfo(user.user_id, user.display_id, user.printed_name, user.roles,
                            chosen)
            self.user = user
        self.workspace.set_user(user.printed_name, self.languages.language)
        self.workspace.show_page("home")
        self.window.show_view(self.workspace)
        self.idle.arm()
        self._status_timer.start()
        self.refresh_status()
        self.sig_user_changed.emit(user)
        self.settle_memory_soon()

    @staticmethod
    def settle_memory_soon() -> None:
        """Run the one full garbage collection (see ``gc_pauses``) just after the screen that
        was shown now has painted: a pause there is not seen, unlike one while traces stream."""
        QTimer.singleShot(SETTLE_DELAY_MS, gc_pauses.settle)

    # -- lock / unlock / switch --------------------------------------------------------------
    def lock(self, manual: bool = False) -> None:
        """Lock the session: after the idle time, or by hand (``manual``); the audit entry
        and the lock screen say which."""
        user = self.user
        if user is None or self.locked:
            return
        self.locked = True
        self.idle.disarm()
        reason = "locked by the user" if manual else "idle time elapsed"
        self.runner.submit(lambda: self.services.auth.record_session_event(
            user.user_id, "session_locked", reason))
        self.lock_view.prepare(user.printed_name, manual=manual)
        self.window.show_view(self.lock_view)
        self.sig_locked_changed.emit(True)
        self.settle_memory_soon()

    def _unlock(self, password: str) -> None:
        user = self.user
        if user is None:
            return
        self.lock_view.set_busy(True)
        self.runner.submit(
            lambda: self.services.auth.reauthenticate(user.user_id, password, "unlock"),
            self._unlock_done, self._task_failed)

    def _unlock_done(self, outcome: AuthOutcome) -> None:
        self.lock_view.set_busy(False)
        if outcome.ok:
            self.locked = False
            self.window.show_view(self.workspace)
            self.idle.arm()
            self.sig_locked_changed.emit(False)
            return
        refusal = outcome.refusal or AuthRefusal.BAD_CREDENTIALS
        left = outcome.attempts_left
        if refusal is AuthRefusal.BAD_CREDENTIALS:
            # Only the password was asked: the message is about the password alone.
            self.lock_view.show_error(lambda: unlock_refusal_text(left))
            return
        if refusal in (AuthRefusal.ACCOUNT_LOCKED_NOW, AuthRefusal.ACCOUNT_LOCKED,
                       AuthRefusal.ACCOUNT_DISABLED):
            # The session cannot be resumed: end it and return to the login screen.
            self._end_session("session_ended", "account locked while the screen was locked")
            self.login_view.show_error(lambda: auth_refusal_text(refusal, left))
            return
        self.lock_view.show_error(lambda: auth_refusal_text(refusal, left))

    def _switch_user(self) -> None:
        if self.user is None:
            return
        self.login_view.prepare(switch_from=self.user.printed_name)
        self.window.show_view(self.login_view)

    def _back_to_lock(self) -> None:
        if self.user is not None and self.locked:
            self.lock_view.prepare(self.user.printed_name)
            self.window.show_view(self.lock_view)

    # -- logout ------------------------------------------------------------------------------
    def _confirm_logout(self) -> None:
        question, icon = self.tr("Log out of the Operator Console?"), QMessageBox.Icon.Question
        flow = self.workspace.cassettes.flow
        if flow.isVisible() and (flow.state.accepted or flow.dialog is not None):
            # Unsigned work is not kept: say so before it is lost.
            question = self.tr("A cassette load or unload is in progress and not signed yet. "
                               "Logging out discards it. Log out anyway?")
            icon = QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.tr("Log out"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setObjectName("logoutConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(
            lambda result: self.logout() if result == QMessageBox.StandardButton.Yes else None)
        box.open()
        self._logout_box = box

    def logout(self) -> None:
        self._end_session("logout", "logged out by the user")

    def _end_session(self, event: str, reason: str) -> None:
        user = self.user
        if user is None:
            return
        self.user = None
        self.locked = False
        self.idle.disarm()
        self._status_timer.stop()
        self.runner.submit(lambda: self.services.auth.record_session_event(
            user.user_id, event, reason))
        self.login_view.prepare()
        self.window.show_view(self.login_view)
        self.workspace.status_strip.set_user("", self.languages.language)
        self.sig_user_changed.emit(None)
        self.settle_memory_soon()

    # -- language ----------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        self.languages.set_language(code)
        user = self.user
        if user is None:
            self._login_language = code  # chosen on the login screen: for the next session
            return
        self.workspace.set_user(user.printed_name, code)
        self.user = UserInfo(user.user_id, user.display_id, user.printed_name, user.roles, code)
        db, audit = self.services.db, self.services.audit
        self.runner.submit(lambda: save_language(db, audit, user.user_id, code))

    # -- status ------------------------------------------------------------------------------
    def refresh_status(self) -> None:
        db, station = self.services.db, self.services.station
        self.runner.submit(lambda: read_station_status(db, station), self._status_read)

    def _status_read(self, status: StationStatus) -> None:
        self._pending_local = status.pending_sync
        self.workspace.home.set_status(status)
        self.workspace.status_strip.set_status(status)
        self.poll_sync()

    # -- plant server link -------------------------------------------------------------------
    def attach_sync(self, worker: SyncWorker) -> None:
        """The sync worker runs: the strip, Home and the Sync page follow its status."""
        self.sync_worker = worker
        # The QA review talks to the plant server with a client of its own (off the UI
        # thread, beside the worker's).
        self.workspace.review.set_client_factory(worker.client.clone)
        self._show_demo_server()
        self.poll_sync()

    def set_sync_unavailable(self, state: str, reason: str) -> None:
        """No worker: ``not_enrolled`` or ``credential_unavailable``, with the reason."""
        self._sync_unavailable = (state, reason, time.time())
        self._show_demo_server()
        self.poll_sync()

    def sync_status(self) -> SyncStatus:
        """The worker's status; its waiting count is the store's (fresher) unless a push is
        under way, when the worker's own progress is the live figure."""
        if self.sync_worker is not None:
            status = self._outage.follow(self.sync_worker.status())
            if status.state == "syncing":
                return status
            return replace(status, pending=self._pending_local)
        state, reason, since = self._sync_unavailable
        return SyncStatus(state, since, self._pending_local, last_error=reason)

    def poll_sync(self) -> None:
        """Timer: read the worker's status (a lock, no I/O) and show it; when the worker's
        state or progress moved, re-count the waiting entries (on the task runner)."""
        worker = self.sync_worker
        if worker is not None:
            raw = worker.status()
            if raw != self._last_worker_status and not self._closed and \
                    time.monotonic() - self._last_count_refresh >= 1.0:
                self._last_worker_status = raw
                self._last_count_refresh = time.monotonic()
                self.refresh_status()
        status = self.sync_status()
        self.workspace.status_strip.set_sync(status)
        self.workspace.home.set_sync(status)
        self.workspace.sync.set_status(status)

    def attach_demo_server(self, server: DemoPlantServer) -> None:
        self.demo_server = server
        self.workspace.sync.set_demo_server(server.running)

    def _show_demo_server(self) -> None:
        # The demo's server start ends in attach_sync (or set_sync_unavailable): only then
        # do the Stop/Start buttons know whether it runs (they were disabled while starting).
        if self.demo_server is not None:
            self.workspace.sync.set_demo_server(self.demo_server.running)

    def stop_demo_server(self) -> None:
        server = self.demo_server
        if server is not None:
            self.runner.submit(server.stop_server,
                               lambda _r: self.workspace.sync.set_demo_server(server.running),
                               lambda exc: self._demo_server_failed(server, exc))

    def start_demo_server(self) -> None:
        server = self.demo_server
        worker = self.sync_worker
        if server is not None:
            def start() -> None:
                server.start_server()
                if worker is not None:
                    worker.wake()
            self.runner.submit(start,
                               lambda _r: self.workspace.sync.set_demo_server(server.running),
                               lambda exc: self._demo_server_failed(server, exc))

    def _demo_server_failed(self, server: DemoPlantServer, exc: BaseException) -> None:
        log.error("demo plant server: %s", exc)
        self.workspace.sync.set_demo_server(server.running)

    def _task_failed(self, exc: BaseException) -> None:
        log.error("task failed: %r", exc)
        self.login_view.set_busy(False)
        self.lock_view.set_busy(False)
        self._notify(QMessageBox.Icon.Critical, self.tr("Error"), self.tr(
            "The operation could not be completed: %1. Nothing was changed; try again, and "
            "call a supervisor if it happens again.").replace("%1", str(exc)))

    def _notify(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """A window-modal message that does not block the event loop (no nested exec)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("notification")
        box.finished.connect(box.deleteLater)
        box.open()
        self.last_notification = box

    # -- batch record export ---------------------------------------------------------------------
    def export_batch(self, batch_id: str) -> None:
        """Write the batch record PDF (and JSON) into the data folder's exports, off the UI
        thread, in the viewer's language; then say where it is."""
        from operator_console.application.exports import ExportResult, export_batch_record

        language = self.languages.language
        services = self.services

        def export() -> ExportResult:
            from operator_console.ui.reports.batch_record_pdf import render_pdf

            return export_batch_record(services.db, batch_id, language, render_pdf)

        def done(result: ExportResult) -> None:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Batch record exported"),
                              self.tr("The batch record of %1 was written to:\n%2")
                              .replace("%1", batch_id).replace("%2", str(result.pdf)),
                              QMessageBox.StandardButton.Close, self.window)
            box.setObjectName("exportDone")
            # Opened in the station's PDF viewer (print from there): no blocking call here.
            open_button = box.addButton(self.tr("Open PDF to view or print"),
                                        QMessageBox.ButtonRole.ActionRole)
            open_button.setObjectName("openExportedPdf")
            open_button.clicked.connect(lambda: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(result.pdf))))
            box.finished.connect(box.deleteLater)
            box.open()
            self.last_notification = box

        self.runner.submit(export, done, self._task_failed)

    def print_batch(self, batch_id: str) -> None:
        """Print the batch record (the pages of its PDF, in the viewer's language): the print
        dialog on the station's default printer, then the pages laid out and spooled off the
        UI thread. A station without a printer says so and changes nothing."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        if not QPrinterInfo.availablePrinterNames():
            self._notify(QMessageBox.Icon.Information, self.tr("No printer"), self.tr(
                "No printer is set up at this station. Export the PDF instead and print it "
                "elsewhere, or ask a supervisor to set up a printer."))
            return
        default = QPrinterInfo.defaultPrinter()
        printer = (QPrinter(default, QPrinter.PrinterMode.HighResolution) if not default.isNull()
                   else QPrinter(QPrinter.PrinterMode.HighResolution))
        dialog = QPrintDialog(printer, self.window)
        dialog.setObjectName("printDialog")
        language, services = self.languages.language, self.services

        def chosen(result: int) -> None:
            dialog.deleteLater()
            if result != QPrintDialog.DialogCode.Accepted:
                return

            def spool() -> int:
                from operator_console.application.exports import gather
                from operator_console.ui.reports.batch_record_pdf import print_record

                return print_record(gather(services.db, batch_id), printer, language)

            def done(pages: int) -> None:
                self._notify(QMessageBox.Icon.Information, self.tr("Sent to the printer"), self.tr(
                    "The batch record of %1 (%2 pages) was sent to %3.").replace(
                    "%1", batch_id).replace("%2", str(pages)).replace(
                    "%3", printer.printerName()))

            self.runner.submit(spool, done, self._task_failed)

        dialog.finished.connect(chosen)
        QDialog.open(dialog)  # window-modal, no nested event loop
        self.print_dialog = dialog
    def report_batch(self, batch_id: str) -> None:
        """Make the batch report (certified copy, PDF and JSON twin) from this station's data
        into the data folder's exports, off the UI thread, in the viewer's language."""
        from operator_console.application.batch_report import ReportResult, export_batch_report
        from operator_console.application.exports import ExportError, ExportProblem

        language = self.languages.language
        services = self.services

        def make() -> ReportResult:
            from operator_console.ui.reports.batch_report_pdf import render_report_pdf

            return export_batch_report(services.db, batch_id, language, render_report_pdf)

        def done(result: ReportResult) -> None:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Batch report made"),
                              self.tr("The batch report of %1 (%2 pages) was written to:\n%3"
                                      "\n\nSHA-256 of its content (on every page):\n%4")
                              .replace("%1", batch_id).replace("%2", str(result.pages))
                              .replace("%3", str(result.pdf)).replace("%4", result.sha256),
                              QMessageBox.StandardButton.Close, self.window)
            box.setObjectName("reportDone")
            open_button = box.addButton(self.tr("Open PDF to view or print"),
                                        QMessageBox.ButtonRole.ActionRole)
            open_button.setObjectName("openReportPdf")
            open_button.clicked.connect(lambda: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(result.pdf))))
            box.finished.connect(box.deleteLater)
            box.open()
            self.last_notification = box

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ExportError) and exc.problem is ExportProblem.NO_RECIPE:
                self._notify(QMessageBox.Icon.Information, self.tr("No batch report"), self.tr(
                    "Batch %1 was not made from a master recipe known at this station, so "
                    "it has no batch report. Its records can be exported as a PDF.")
                    .replace("%1", batch_id))
                return
            self._task_failed(exc)

        self.runner.submit(make, done, failed)

    # -- instruments ---------------------------------------------------------------------------
    def attach_instruments(self, runtime: InstrumentRuntime) -> None:
        """Show live traces, the alarm banner and instrument state once instruments run."""
        from operator_console.ui.pages.traces.page import TracesPage

        client = runtime.client
        if client is None:
            return
        self.instruments = runtime
        self.workspace.set_traces_page(TracesPage(client))
        self.workspace.batches.set_instruments(
            runtime.latest_values, lambda: TracesPage(client),
            {c.key: (c.name_ja, c.name_en) for c in client.channels.values()})
        runtime.sig_alarms_changed.connect(lambda _s: self._show_alarms())
        runtime.sig_alarm_values.connect(self._show_alarms)
        runtime.sig_alarms_changed.connect(lambda _s: self._instruments_changed())
        runtime.sig_connection_changed.connect(lambda _c, _t: self._instruments_changed())
        self._show_alarms()
        self._instruments_changed()
        self.settle_memory_soon()

    def _instruments_changed(self) -> None:
        if self.instruments is not None:
            self.workspace.home.set_instruments(*self.instruments.summary())

    # -- alarms ------------------------------------------------------------------------------
    def _channels(self) -> dict[str, ChannelConfig]:
        runtime = self.instruments
        return {c.key: c for c in runtime.channels} if runtime is not None else {}

    def _show_alarms(self) -> None:
        """Banner (on every screen), the open list and the open acknowledgement follow the
        runtime's alarms: live value, peak, state."""
        runtime = self.instruments
        if runtime is None:
            return
        alarms, channels = runtime.active_alarms(), self._channels()
        self.window.alarm_banner.set_alarms(alarms, channels)
        if self._alarm_list is not None and self._alarm_list.isVisible():
            self._alarm_list.set_alarms(alarms, channels)
        if self._ack_dialog is not None and self._ack_dialog.isVisible():
            self._ack_dialog.refresh()

    def _view_changed(self, _index: int) -> None:
        # Acknowledging needs a logged-in, unlocked person; lock and login only show alarms.
        self.window.alarm_banner.set_ack_allowed(
            self.window.current_view() is self.workspace)

    def _list_alarms(self) -> None:
        from operator_console.ui.dialogs.alarm_list import AlarmListDialog

        runtime = self.instruments
        if runtime is None:
            return
        dialog = AlarmListDialog(self.window.current_view() is self.workspace, self.window)
        dialog.set_alarms(runtime.active_alarms(), self._channels())
        dialog.sig_acknowledge_requested.connect(self._acknowledge_alarm)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self._alarm_list = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if dialog is self._alarm_list:
            self._alarm_list = None
        if dialog is self._ack_dialog:
            self._ack_dialog = None
        dialog.deleteLater()

    def _acknowledge_alarm(self, channel_key: str) -> None:
        """Open the one acknowledgement dialog; nothing changes until it is confirmed."""
        runtime, user = self.instruments, self.user
        if runtime is None or user is None or self.locked:
            return
        self.runner.submit(self._current_batch,
                           lambda batch: self._open_ack_dialog(channel_key, str(batch)))

    def _current_batch(self) -> str:
        with self.services.db.read() as s:
            return get_setting(s, "current_batch")

    def _open_ack_dialog(self, channel_key: str, batch: str) -> None:
        from operator_console.ui.dialogs.alarm_ack import AlarmAckDialog

        runtime, user = self.instruments, self.user
        if runtime is None or user is None or self.locked:
            return
        alarm = next((a for a in runtime.active_alarms() if a.channel_key == channel_key), None)
        channel = self._channels().get(channel_key)
        if alarm is None or channel is None or not alarm.needs_ack:
            return

        def live() -> ActiveAlarm | None:
            return next((a for a in runtime.active_alarms() if a.channel_key == channel_key),
                        None)

        dialog = AlarmAckDialog(alarm, channel, batch, self.services.signing, self.runner, user,
                                live, parent=self.window)

        def confirmed(key: str, comment: str, record_id: str) -> None:
            runtime.acknowledge(key, user.user_id, comment)
            if record_id:
                self.workspace.records.refresh()

        dialog.sig_acknowledged.connect(confirmed)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self._ack_dialog = dialog
        dialog.open()

    def shutdown(self) -> None:
        """Window closing: end the session in the audit trail and wait for pending writes."""
        if self._closed:
            return
        self._closed = True
        self._status_timer.stop()
        self._sync_timer.stop()
        self.idle.dispose()
        if self.instruments is not None:
            self.instruments.stop()
        if self.user is not None:
            self._end_session("logout", "application closed")
        self.runner.wait()
        worker, self.sync_worker = self.sync_worker, None
        if worker is not None:
            worker.stop()
        if self.demo_server is not None:
            self.demo_server.close()
            self.demo_server = None
