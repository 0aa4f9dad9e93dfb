"""GUI start-up in a fixed order: arguments → data folder → logging → database and
migrations → translators → services → main window; with an exception hook that logs and
tells the operator instead of vanishing."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from operator_console.domain.channels import ChannelConfig
    from operator_console.instruments.simulator import SimulatorThread
    from operator_console.services import Services
    from operator_console.sync.worker import SyncWorker
    from operator_console.ui.pages.login import LoginView
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
    """Demo users and master data (runs on the worker); returns the demo station's name.
    The demo records come once the demo plant server has handed out the verifiers
    (``DemoPlantServer.setup``)."""
    from operator_console.demo import seed_demo

    seed_demo(services.db, services.audit)
    services.station = services.audit.station
    from operator_console.demo_cassettes import seed_demo_master_data

    seed_demo_master_data(services, history=False)
    return services.station


def _start_demo_instruments(controller: AppController) -> None:
    """Start the OPC UA simulator off the UI thread (it takes a second to listen), record its
    channels as the station's configuration, then the subscribing client and Traces page."""
    services = controller.services

    def start() -> SimulatorThread:
        from operator_console.instruments.simulator import SimulatorThread
        from operator_console.store.instruments import save_channels
        from operator_console.ui.shell.instrument_runtime import free_local_port

        sim = SimulatorThread(port=free_local_port())
        sim.start()
        save_channels(services.db, services.audit, sim.channels, actor="system",
                      reason="demo: built-in instrument simulator")
        return sim

    def started(sim: SimulatorThread) -> None:
        from operator_console.ui.shell.instrument_runtime import InstrumentRuntime

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

    def begin(ep: str | None) -> None:
        controller.attach_demo_server(server)
        controller.workspace.sync.set_demo_server(None)  # starting
        threading.Thread(target=setup, args=(ep,), name="demo-plant-server",
                         daemon=True).start()

    controller.runner.submit(endpoint, begin, lambda exc: begin(None))


def _start_sync_if_enrolled(controller: AppController) -> None:
    """Enrolled station: credential from the OS keyring, then the sync worker (off the UI
    thread). An unusable keyring is shown as such with its reason; never a silent fallback."""
    services = controller.services

    def start() -> SyncWorker | tuple[str, str]:
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

    def started(result: SyncWorker | tuple[str, str]) -> None:
        if not isinstance(result, tuple):
            controller.attach_sync(result)
            return
        state, reason = result
        if reason:
            log.error("plant server sync not started: %s", reason)
        controller.set_sync_unavailable(state, reason)

    controller.runner.submit(start, started, lambda exc: controller.set_sync_unavailable(
        "credential_unavailable", str(exc)))


def _start_configured_instruments(controller: AppController) -> None:
    """Connect to the instruments configured in the store, if any (off the UI thread)."""
    services = controller.services

    def load() -> tuple[list[ChannelConfig], dict[str, tuple[str | None, str | None]]]:
        from operator_console.store.instruments import channel_security, load_channels

        return load_channels(services.db), channel_security(services.db)

    def loaded(result: tuple[list[ChannelConfig],
                             dict[str, tuple[str | None, str | None]]]) -> None:
        from operator_console.instruments.opcua_client import InstrumentClient
        from operator_console.ui.shell.instrument_runtime import InstrumentRuntime

        channels, security = result
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


def _quit_when_usable(login: LoginView) -> Callable[[], None]:
    """Start-up measurement only: print when the login window first painted, when its form
    first took typed input (a key sent to the user ID field shows up in it) and when the
    application behind it was built (call the returned function then); quit after all
    three. A benchmark times them."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent

    done: set[str] = set()

    def report(what: str) -> None:
        print(f"{what} {_process_age():.3f} s after launch", flush=True)
        done.add(what)
        if len(done) == 3:
            QCoreApplication.quit()

    def try_typing() -> None:
        edit = login.user_edit
        if edit.isEnabled() and edit.isVisible():
            before = edit.text()
            QCoreApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X,
                                                       Qt.KeyboardModifier.NoModifier, "x"))
            if edit.text() != before:
                report("login usable")
                return
        QTimer.singleShot(5, try_typing)

    def painted() -> None:
        report("painted login window")
        try_typing()

    _after_first_paint(login, painted)
    return lambda: report("login ready")


def _open_store_in_background(data_dir: Path, opened: Callable[[object], None], *,
                              keyring: bool = True) -> None:
    """Import SQLAlchemy, the store and the controller's modules and open the store (with
    its migrations) on a thread, about half a second, while the login window paints and
    takes typed input; ``opened`` gets the ``Services`` (or the exception) on the UI
    thread. ``keyring``: seal the audit entries with the key from the OS keyring."""
    from PySide6.QtCore import QObject, Qt, Signal

    class _Relay(QObject):
        sig_opened = Signal(object)
        """The store is open (a ``Services``), or opening it failed (the exception)."""

    relay = _Relay()
    relay.sig_opened.connect(opened, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        result: object
        try:
            import operator_console.ui.shell.controller  # noqa: F401  (imported here, not on the UI thread)
            from operator_console.services import open_services

            result = open_services(data_dir, keyring=keyring)
        except BaseException as exc:  # handed to the UI thread, raised there
            result = exc
        relay.sig_opened.emit(result)

    threading.Thread(target=run, name="open-store", daemon=True).start()
    _keep.append(relay)


_keep: list[object] = []  # the relay lives until the process ends


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
    from operator_console.paths import DB_FILENAME
    from operator_console.settings_defaults import peek_settings
    from operator_console.ui.pages.login import LoginView
    from operator_console.ui.shell.language import LanguageManager
    from operator_console.ui.shell.main_window import MainWindow

    # The login window first: it needs only the station name (read with plain sqlite3). The
    # store (SQLAlchemy, migrations) is opened on a thread meanwhile and the application is
    # built once both are done. Until then the form takes typed input; a log-in asked for
    # early waits (shown as busy) and goes ahead once the application is built.
    settings = peek_settings(data_dir / DB_FILENAME)
    languages = LanguageManager()
    languages.set_language(args.lang or "ja")
    login = LoginView(settings["station_name"], DEMO_USERS if args.demo else ())
    login.set_busy(True)
    login.user_edit.setEnabled(True)
    login.password_edit.setEnabled(True)
    login.user_edit.setFocus()
    held: list[tuple[str, str]] = []

    def hold(user: str, password: str) -> None:
        held[:] = [(user, password)]
        login.set_busy(True)

    login.sig_login_requested.connect(hold)
    window = MainWindow(login)
    window.showMaximized()
    state: dict[str, object] = {}

    def build() -> None:
        if "services" not in state or "painted" not in state:
            return
        result = state.pop("services")
        if isinstance(result, BaseException):
            raise result
        login.sig_login_requested.disconnect(hold)
        typed = login.user_edit.text(), login.password_edit.text()
        controller = _build(args, data_dir, languages, window, settings, result)
        state["controller"] = controller
        login.user_edit.setText(typed[0])  # the controller's prepare() cleared the form
        if held:
            login.sig_login_requested.emit(*held[0])
        else:
            login.password_edit.setText(typed[1])
            (login.password_edit if typed[0] else login.user_edit).setFocus()
        measured()

    def opened(result: object) -> None:
        state["services"] = result
        build()

    def painted() -> None:
        state["painted"] = True
        build()

    measured: Callable[[], None] = lambda: None  # noqa: E731
    if os.environ.get("OPERATOR_CONSOLE_QUIT_AFTER_PAINT"):
        measured = _quit_when_usable(login)  # start-up measurement only
    _open_store_in_background(data_dir, opened, keyring=not args.demo)
    _after_first_paint(login, painted)
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
           window: MainWindow, settings: dict[str, str], services: object) -> AppController:
    """Build the application over the open store behind the login window already shown."""
    from operator_console.domain.demo_data import DEMO_USERS
    from operator_console.services import Services
    from operator_console.ui.shell.controller import AppController

    assert isinstance(services, Services)
    idle = args.idle_lock or int(settings["idle_lock_seconds"])
    controller = AppController(services, languages, idle_lock_seconds=idle,
                               demo_users=DEMO_USERS if args.demo else (), window=window)
    background: list[Callable[[], None]]
    if args.demo:
        # Seeding hashes passwords (slow by design): it runs on the worker, first in the
        # queue, so a login waits for the demo users.
        def seeded(station: str) -> None:
            controller.login_view.set_station(station)
            controller.refresh_status()  # the strip names the demo station too

        controller.runner.submit(lambda: _seed_demo_data(services), seeded)
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
