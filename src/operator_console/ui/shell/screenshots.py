"""Render every main screen and dialog in Japanese and English to PNG files.

Used by ``operator-console screenshots``, by ``--demo`` on a machine without a display, and
for review. It drives the real controller with the demo data, so what it shows is what an
operator sees.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from operator_console.ui.shell.controller import AppController

SIZE = (1920, 1080)


def _settle(controller: AppController) -> None:
    from PySide6.QtCore import QCoreApplication

    runner = controller.runner
    for _ in range(5):
        runner.wait()
        QCoreApplication.processEvents()


def write_screenshots(out: Path, *, data_dir: Path | None = None) -> list[Path]:
    """Write the PNGs into ``out``; returns the files written."""
    if "QT_QPA_PLATFORM" not in os.environ and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from operator_console.demo import seed_demo
    from operator_console.demo_server import DemoPlantServer
    from operator_console.domain.demo_data import DEMO_USERS
    from operator_console.services import open_services
    from operator_console.ui.shell.controller import AppController
    from operator_console.ui.shell.language import LanguageManager
    from operator_console.ui.shell.launcher import create_application

    out.mkdir(parents=True, exist_ok=True)
    create_application(["operator-console"])
    base = data_dir or Path(tempfile.mkdtemp(prefix="operator-console-shots-"))
    files: list[Path] = []
    languages = LanguageManager()  # one per application: it owns the installed translators
    for lang in ("ja", "en"):
        services = open_services(base / lang)
        seed_demo(services.db, services.audit)
        services.close()
        services = open_services(base / lang)
        from operator_console.demo_cassettes import seed_demo_master_data

        seed_demo_master_data(services, history=False)
        languages.set_language(lang)
        ctl = AppController(services, languages, idle_lock_seconds=3600, demo_users=DEMO_USERS)
        # As in the demo: the station is enrolled with the demo plant server first, and the
        # demo records are signed online then (the server refuses what it cannot prove).
        server = DemoPlantServer(Path(tempfile.mkdtemp(prefix="operator-console-shots-server-")))
        try:
            worker = server.setup(services)
            ctl.attach_demo_server(server)
            ctl.attach_sync(worker)
            files += _shoot_language(ctl, out, lang)
        finally:
            ctl.shutdown()
            ctl.window.close()
            ctl.window.deleteLater()
            server.close()
            services.close()
            _settle(ctl)
    app = QApplication.instance()
    del app
    return files


def _start_instruments(ctl: AppController, seconds: float = 6.0) -> None:
    """The demo's simulator with a temperature excursion, so Traces and the alarm banner show
    what an operator sees (a screenshot tool may wait; the application never does)."""
    import time

    from PySide6.QtCore import QCoreApplication

    from operator_console.ui.shell.instrument_runtime import InstrumentRuntime

    if ctl.instruments is None:
        runtime = InstrumentRuntime(ctl.services, ctl.runner, ctl)
        runtime.start_demo()
        ctl.attach_instruments(runtime)
    sim = ctl.instruments.simulator if ctl.instruments else None
    if sim is not None:
        sim.simulator.trigger_excursion("temperature", 1.5, 60.0)
    set_span = getattr(ctl.workspace.traces, "set_span", None)
    if callable(set_span):
        set_span(60)  # a minute: the seconds of data a screenshot run has fill the plot
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def _shoot_language(ctl: AppController, out: Path, lang: str) -> list[Path]:
    from PySide6.QtWidgets import QMessageBox, QWidget

    files: list[Path] = []
    win = ctl.window
    win.resize(*SIZE)
    win.show()

    def shot(name: str, widget: QWidget | None = None) -> None:
        _settle(ctl)
        path = out / f"{name}_{lang}.png"
        (widget or win).grab().save(str(path))
        files.append(path)

    def login(user: str, password: str) -> None:
        ctl.login_view.user_edit.setText(user)
        ctl.login_view.password_edit.setText(password)
        ctl.login_view.login_button.click()
        _settle(ctl)

    shot("01_login")
    login("op01", "wrong-password")
    shot("02_login_error")
    login("op09", "demo-op09")
    shot("03_login_locked_account")
    # op01 prefers Japanese, op02 English: log in as the user of this language.
    login("op01" if lang == "ja" else "op02", "demo-op01" if lang == "ja" else "demo-op02")
    ctl.set_language(lang)
    _start_instruments(ctl)
    for i, key in enumerate(("home", "cassettes", "traces", "records", "audit")):
        ctl.workspace.show_page(key)
        if key == "audit":
            _settle(ctl)
            ctl.workspace.audit.verify()
        shot(f"1{i}_{key}")
    _shoot_alarms(ctl, shot)
    files += _shoot_records(ctl, shot)
    _shoot_sync(ctl, shot)
    ctl.workspace.logout_button.click()
    box = ctl._logout_box
    shot("20_logout_confirm", box)
    box.done(QMessageBox.StandardButton.No)
    ctl.lock()
    shot("30_lock")
    ctl.lock_view.password_edit.setText("wrong")
    ctl.lock_view.unlock_button.click()
    shot("31_lock_error")
    ctl.lock_view.switch_button.click()
    shot("32_switch_user")
    return files


def _shoot_alarms(ctl: AppController, shot: Callable[..., None]) -> None:
    """Two alarms at once: the banner (most severe, "+1 more"), the list, the one
    acknowledgement dialog (cancelled: nothing changes)."""
    from PySide6.QtWidgets import QApplication

    from operator_console.ui.dialogs.alarm_ack import AlarmAckDialog
    from operator_console.ui.dialogs.alarm_list import AlarmListDialog

    runtime = ctl.instruments
    sim = runtime.simulator if runtime is not None else None
    if sim is None:
        return
    sim.simulator.force_value("dissolved_o2", 21.0)
    banner = ctl.window.alarm_banner
    _wait(ctl, lambda: len(banner.alarms) >= 2, 30.0)
    ctl.workspace.show_page("home")
    shot("50_alarms_home")

    def dialog(kind: type) -> object | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, kind) and w.isVisible()), None)

    banner.more_button.click()
    listing = dialog(AlarmListDialog)
    if listing is not None:
        shot("51_alarm_list", listing)
        listing.accept()  # type: ignore[attr-defined]
    banner.ack_button.click()
    _wait(ctl, lambda: dialog(AlarmAckDialog) is not None, 10.0)
    ack = dialog(AlarmAckDialog)
    if ack is not None:
        shot("52_alarm_ack", ack)
        ack.reject()  # type: ignore[attr-defined]


def _shoot_records(ctl: AppController, shot: Callable[..., None]) -> list[Path]:
    """Records page with a selected record, the signature dialog at step 1, and at step 2
    after a refused verifier (same person)."""
    from PySide6.QtWidgets import QPlainTextEdit

    from operator_console.domain.records import RecordStatus
    from operator_console.ui.dialogs.signature import SignatureDialog

    page = ctl.workspace.records
    ctl.workspace.show_page("records")
    _settle(ctl)
    waiting = [r for r in range(page.model.rowCount())
               if page.model.row_at(r).status is RecordStatus.AWAITING_VERIFICATION]
    corrected = [r for r in range(page.model.rowCount())
                 if page.model.row_at(r).corrected_by is not None]
    if corrected:
        page.table.selectRow(corrected[0])
        shot("15_records_corrected")
    if waiting:
        page.table.selectRow(waiting[0])
    shot("16_records")
    page.add_comment_button.click()
    entry = page.entry_dialog
    if entry is not None:
        text_edit = entry.fields["text"]
        assert isinstance(text_edit, QPlainTextEdit)
        text_edit.setPlainText("サンプル採取後、バッグを目視確認。異常なし。"
                               if ctl.languages.language == "ja"
                               else "Bag inspected after sampling; no defects.")
        shot("17_add_comment", entry)
        entry.reject()
    view = page.selected()
    assert ctl.user is not None
    if view is not None and view.status is RecordStatus.AWAITING_VERIFICATION:
        from operator_console.domain.records import RecordDraft

        draft = RecordDraft(view.record_type, view.batch_id, view.body)
        dlg = SignatureDialog.for_draft(draft, ctl.services.signing, ctl.runner, ctl.user,
                                        parent=page)
        dlg.resize(1100, 860)
        dlg.show()
        shot("18_signature_step1", dlg)
        dlg.close()
        dlg.deleteLater()
        dlg = SignatureDialog.for_record(view, ctl.services.signing, ctl.runner, ctl.user,
                                         parent=page)
        dlg.resize(1100, 860)
        dlg.show()
        dlg.user_edit.setText(ctl.user.display_id)
        dlg.password_edit.setText(f"demo-{ctl.user.user_id}")
        dlg.sign_button.click()
        shot("19_signature_step2_refused", dlg)
        dlg.close()
        dlg.deleteLater()
    return []


def _wait(ctl: AppController, condition: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if condition():
            ctl.poll_sync()
            return True
        time.sleep(0.05)
    return False


def _shoot_sync(ctl: AppController, shot: Callable[..., None]) -> None:
    """The Sync page, the status strip and Home with the demo's real plant server: online,
    then offline with entries waiting."""
    from operator_console.domain.records import RecordDraft, RecordType

    server, worker = ctl.demo_server, ctl.sync_worker
    assert server is not None and worker is not None
    try:
        _wait(ctl, lambda: worker.status().state == "online" and worker.status().pending == 0)
        user = ctl.user
        assert user is not None
        # Seen online at this station, so this user may sign offline with the verifier.
        ctl.services.auth.reauthenticate(user.user_id, f"demo-{user.user_id}", "unlock")
        ctl.workspace.show_page("sync")
        _settle(ctl)
        shot("40_sync_online")
        ctl.stop_demo_server()
        _wait(ctl, lambda: not server.running and not ctl.runner.busy)
        for text in ("offline 1", "offline 2"):
            ctl.services.signing.create_and_sign(
                RecordDraft(RecordType.COMMENT, "B-2026-0142", {"text": text}),
                user.user_id, f"demo-{user.user_id}")
        _wait(ctl, lambda: worker.status().state == "offline" and worker.status().pending > 0)
        ctl.workspace.sync.refresh()
        _settle(ctl)
        shot("41_sync_offline")
        ctl.workspace.show_page("home")
        shot("42_home_offline")
    finally:
        worker_ = ctl.sync_worker
        ctl.sync_worker = None
        if worker_ is not None:
            worker_.stop()
        ctl.demo_server = None
