"""GUI start-up in a fixed order: arguments → data folder → logging → database and
migrations → translators → services → main window; with an exception hook that logs and
tells the operator instead of vanishing."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from operator_console.services import Services
    from operator_console.ui.shell.controller import AppController
    from operator_console.ui.shell.language import LanguageManager
    from operator_console.ui.shell.main_window import MainWindow

log = logging.getLogger("operator_console")
_IMPORTED_AT = time.monotonic()


def has_display() -> bool:
    """Whether a GUI can be shown (an X11/Wayland display, or a non-Linux desktop)."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return True  # the caller asked for a headless platform explicitly
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


#: console.log rotates at this size, keeping this many old files: at most 6 x 5 MiB on disk.
LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5
#: Libraries that log every sample, request or subscription publish at INFO: a station runs
#: for weeks, so only their warnings are kept.
QUIET_LOGGERS = ("asyncua", "httpx", "httpcore", "uvicorn.access")


def setup_logging(data_dir: Path, *, max_bytes: int = LOG_MAX_BYTES,
                  backups: int = LOG_BACKUPS) -> logging.Handler:
    """console.log in the data folder, rotated by size with a bounded total; per-sample
    events never at INFO."""
    from logging.handlers import RotatingFileHandler

    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_dir / "console.log", maxBytes=max_bytes,
                                  backupCount=backups, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


def create_application(argv: list[str]) -> object:
    """The QApplication with the touch theme and a font that renders Japanese."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from operator_console.paths import resources_dir

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Operator Console")
    app.setOrganizationName("operator-console")
    fonts_dir = resources_dir() / "fonts"
    if fonts_dir.is_dir():
        for font_file in sorted(fonts_dir.glob("*.[ot]t[fc]")):
            QFontDatabase.addApplicationFont(str(font_file))
    families = set(QFontDatabase.families())
    for family in ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "Yu Gothic UI", "Meiryo"):
        if family in families:
            app.setFont(QFont(family, 14))
            break
    qss = resources_dir() / "theme.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    return app


def _excepthook(window_getter: object) -> object:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.critical("unhandled exception\n%s", text)
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None, QCoreApplication.translate("Launcher", "Unexpected error"),
            QCoreApplication.translate(
                "Launcher",
                "An unexpected error occurred and was written to the log. Finish or check the "
                "current step and tell a supervisor.") + f"\n\n{exc}")
    return hook


def _seed_demo_data(services: Services) -> str:
    """Demo users and records (runs on the worker); returns the demo station's name."""
    from operator_console.demo import seed_demo, seed_demo_records

    seed_demo(services.db, services.audit)
    services.station = services.audit.station
    seed_demo_records(services)
    from operator_console.demo_cassettes import seed_demo_master_data

    seed_demo_master_data(services)
    return services.station


def _start_demo_instruments(controller: AppController) -> None:
    """Start the OPC UA simulator off the UI thread (it takes a second to listen), record its
    channels as the station's configuration, then the subscribing client and Traces page."""
    services = controller.services

    def start() -> object:
        from operator_console.instruments.simulator import SimulatorThread
        from operator_console.store.instruments import save_channels
        from operator_console.ui.shell.instrument_runtime import free_local_port

        sim = SimulatorThread(port=free_local_port())
        sim.start()
        save_channels(services.db, services.audit, sim.channels, actor="system",
                      reason="demo: built-in instrument simulator")
        return sim

    def started(sim: object) -> None:
        from operator_console.instruments.simulator import SimulatorThread
        from operator_console.ui.shell.instrument_runtime import InstrumentRuntime

        assert isinstance(sim, SimulatorThread)
        runtime = InstrumentRuntime(services, controller.runner, controller)
        runtime.adopt_simulator(sim)
        runtime.enable_historian()
        controller.attach_instruments(runtime)
        print(f"operator-console: instrument simulator at {sim.endpoint}", flush=True)

    controller.runner.submit(start, started, lambda exc: log.error("simulator: %s", exc))


def _start_demo_plant_server(controller: AppController, data_dir: Path) -> None:
    """The demo's embedded plant server (``demo_server``): seeded, started, the station
    enrolled with an in-memory credential and the sync worker started, all off the UI thread.

    Queued behind the demo seeding and the simulator on the task runner only to learn the
    simulator's endpoint; the slow part (server seeding and start) runs on its own thread so
    logins are not held up."""
    import threading

    from PySide6.QtCore import QObject, Signal

    from operator_console.demo_server import DemoPlantServer

    services = controller.services
    server = DemoPlantServer(data_dir / "plant-server", log_file=data_dir / "logs" /
                             "plant-server.log")

    class _Relay(QObject):
        sig_ready = Signal(object)
        sig_failed = Signal(str)

    relay = _Relay(controller)
    relay.sig_ready.connect(controller.attach_sync)
    relay.sig_failed.connect(lambda reason: controller.set_sync_unavailable(
        "not_enrolled", reason))
    controller.demo_server = server

    def setup(endpoint: str | None) -> None:
        try:
            worker = server.setup(services, endpoint=endpoint)
        except Exception as exc:  # shown on the strip and the Sync page, and logged
            log.exception("demo plant server")
            print(f"operator-console: demo plant server not started: {exc}", flush=True)
            relay.sig_failed.emit(f"demo plant server not started: {exc}")
            return
        relay.sig_ready.emit(worker)

    def endpoint() -> str | None:
        from operator_console.store.instruments import load_channels

        channels = load_channels(services.db)
        return channels[0].endpoint if channels else None

    def begin(ep: object) -> None:
        controller.attach_demo_server(server)
        controller.workspace.sync.set_demo_server(None)  # starting
        threading.Thread(target=setup, args=(ep,), name="demo-plant-server",
                         daemon=True).start()

    controller.runner.submit(endpoint, begin, lambda exc: begin(None))


def _start_sync_if_enrolled(controller: AppController) -> None:
    """Enrolled station: credential from the OS keyring, then the sync worker (off the UI
    thread). An unusable keyring is shown as such with its reason; never a silent fallback."""
    services = controller.services

    def start() -> object:
        from operator_console.sync.credentials import (
            KeyringCredentialStore,
            KeyringUnavailableError,
        )
        from operator_console.sync.station import NotEnrolledError, is_enrolled, start_sync

        if not is_enrolled(services):
            return ("not_enrolled", "")
        try:
            store = KeyringCredentialStore()
            return start_sync(services, store)
        except KeyringUnavailableError as exc:
            return ("credential_unavailable", str(exc))
        except NotEnrolledError as exc:
            return ("credential_unavailable", str(exc))
        except Exception as exc:  # a keyring backend failing at run time
            return ("credential_unavailable", f"{type(exc).__name__}: {exc}")

    def started(result: object) -> None:
        from operator_console.sync.worker import SyncWorker

        if isinstance(result, SyncWorker):
            controller.attach_sync(result)
            return
        assert isinstance(result, tuple)
        state, reason = result
        if reason:
            log.error("plant server sync not started: %s", reason)
        controller.set_sync_unavailable(state, reason)

    controller.runner.submit(start, started, lambda exc: controller.set_sync_unavailable(
        "credential_unavailable", str(exc)))


def _start_configured_instruments(controller: AppController) -> None:
    """Connect to the instruments configured in the store, if any (off the UI thread)."""
    services = controller.services

    def load() -> object:
        from operator_console.store.instruments import channel_security, load_channels

        return load_channels(services.db), channel_security(services.db)

    def loaded(result: object) -> None:
        from operator_console.domain.channels import ChannelConfig
        from operator_console.instruments.opcua_client import InstrumentClient
        from operator_console.ui.shell.instrument_runtime import InstrumentRuntime

        assert isinstance(result, tuple)
        channels: list[ChannelConfig] = result[0]
        security: dict[str, tuple[str | None, str | None]] = result[1]
        if not channels:
            return
        sec = next((v for v in security.values() if v[0]), (None, None))
        runtime = InstrumentRuntime(services, controller.runner, controller)
        runtime.start_client(InstrumentClient(channels, security_string=sec[0],
                                              server_certificate=sec[1]))
        runtime.enable_historian()
        controller.attach_instruments(runtime)

    controller.runner.submit(load, loaded, lambda exc: log.error("instruments: %s", exc))


def _process_age() -> float:
    """Seconds since this process started (Linux /proc; elsewhere since import)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot_age = float(Path("/proc/uptime").read_text().split()[0])
        return boot_age - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED_AT


def _after_first_paint(widget: object, callback: Callable[[], None],
                       fallback_ms: int = 3000) -> None:
    """Run ``callback`` once, as soon as ``widget`` has painted (or after ``fallback_ms``
    should no paint come, e.g. a minimised window)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Probe(QObject):
        done = False

        def fire(self) -> None:
            if not self.done:
                self.done = True
                QTimer.singleShot(0, callback)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.fire()
            return False

    probe = _Probe(widget)  # type: ignore[arg-type]
    widget.installEventFilter(probe)  # type: ignore[attr-defined]
    QTimer.singleShot(fallback_ms, probe, probe.fire)


def _quit_after_first_paint(widget: object) -> None:
    """Quit once ``widget`` has painted: lets a benchmark time launch → painted login."""
    from PySide6.QtCore import QCoreApplication

    def report_and_quit() -> None:
        print(f"painted login window {_process_age():.3f} s after launch", flush=True)
        QCoreApplication.quit()

    _after_first_paint(widget, report_and_quit)


def prepare_data_dir(args: argparse.Namespace) -> Path:
    if args.demo and args.data_dir is None:
        return Path(tempfile.mkdtemp(prefix="operator-console-demo-"))
    from operator_console.config import default_data_dir

    return (args.data_dir or default_data_dir()).expanduser().resolve()


def launch(args: argparse.Namespace) -> int:
    data_dir = prepare_data_dir(args)
    if not has_display():
        out = data_dir / "screenshots"
        print("operator-console: no display found (DISPLAY and WAYLAND_DISPLAY are not set), "
              f"so no window can open. Writing screenshots of every screen to {out} instead.")
        from operator_console.ui.shell.screenshots import write_screenshots

        files = write_screenshots(out, data_dir=data_dir / "screenshot-data")
        print(f"operator-console: wrote {len(files)} screenshots to {out}")
        return 0
    setup_logging(data_dir)
    app = create_application(sys.argv[:1])
    from operator_console.domain.demo_data import DEMO_USERS
    from operator_console.settings_defaults import peek_settings
    from operator_console.store.db import DB_FILENAME
    from operator_console.ui.pages.login import LoginView
    from operator_console.ui.shell.language import LanguageManager
    from operator_console.ui.shell.main_window import MainWindow

    # The login window first: it needs only the station name (read with plain sqlite3). The
    # store (SQLAlchemy, migrations) and everything behind it are built once it has painted;
    # until then the form is disabled.
    settings = peek_settings(data_dir / DB_FILENAME)
    languages = LanguageManager()
    languages.set_language(args.lang or "ja")
    login = LoginView(settings["station_name"], DEMO_USERS if args.demo else ())
    login.set_busy(True)
    window = MainWindow(login)
    window.showMaximized()
    state: dict[str, object] = {}

    def build() -> None:
        state["controller"] = _build(args, data_dir, languages, window, settings)

    _after_first_paint(login, build)
    if os.environ.get("OPERATOR_CONSOLE_QUIT_AFTER_PAINT"):
        _quit_after_first_paint(login)  # start-up measurement only
    code = int(app.exec())  # type: ignore[attr-defined]
    controller = state.get("controller")
    if controller is not None:
        from operator_console.ui.shell.controller import AppController

        assert isinstance(controller, AppController)
        controller.shutdown()
        controller.services.auth.record_session_event("system", "application_stopped")
        controller.services.close()
    return code


def _build(args: argparse.Namespace, data_dir: Path, languages: LanguageManager,
           window: MainWindow, settings: dict[str, str]) -> AppController:
    """Open the store and build the application behind the login window already shown."""
    from operator_console.domain.demo_data import DEMO_USERS
    from operator_console.services import open_services
    from operator_console.ui.shell.controller import AppController

    services = open_services(data_dir)
    idle = args.idle_lock or int(settings["idle_lock_seconds"])
    controller = AppController(services, languages, idle_lock_seconds=idle,
                               demo_users=DEMO_USERS if args.demo else (), window=window)
    background: list[Callable[[], None]]
    if args.demo:
        # Seeding hashes passwords (slow by design): it runs on the worker, first in the
        # queue, so a login waits for the demo users.
        controller.runner.submit(lambda: _seed_demo_data(services),
                                 controller.login_view.set_station)
        background = [lambda: _start_demo_instruments(controller),
                      lambda: _start_demo_plant_server(controller, data_dir)]
        print(f"operator-console: demo data folder {data_dir}")
    else:
        background = [lambda: _start_configured_instruments(controller),
                      lambda: _start_sync_if_enrolled(controller)]
    sys.excepthook = _excepthook(lambda: controller.window)  # type: ignore[assignment]
    # A durable (fsync'd) audit write: queued on the worker; shutdown() waits for it.
    started_reason = "demo mode" if args.demo else ""
    controller.runner.submit(lambda: services.auth.record_session_event(
        "system", "application_started", started_reason))
    # Instruments and sync import asyncua, numpy, httpx and keyring: started next, after the
    # application is up, so they do not compete with the first paint.
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: [start() for start in background])
    controller.settle_memory_soon()
    return controller
