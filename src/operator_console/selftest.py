"""``operator-console self-test``: prove that this installation (source or bundle) works.

It runs headless in a throw-away data folder and goes through what a workstation needs, in the
start-up order: database and migrations, a user whose password checks (argon2), the audit
chain, the dynamically loaded libraries (keyring backends, asyncua, SQLAlchemy's sqlite
dialect), both translations, a font that renders Japanese, and the main window rendered
offscreen. Each check prints ``OK``; the first failure prints ``FAIL <check>`` and the exit
code is 1. A PyInstaller bundle that forgot a data file or a hidden import fails here.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from operator_console.services import Services

JAPANESE_SAMPLE = "日本語の記録・確認"
SELF_TEST_USER = "selftest01"


@dataclass
class _State:
    """What one check leaves for the next ones."""

    data_dir: Path
    services: Services | None = None
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    app: Any = None
    languages: Any = None


def _headless() -> str:
    from operator_console.ui.shell.launcher import has_display

    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ.get("QT_QPA_PLATFORM") or "default platform (a display is available)"


def check_database(st: _State) -> str:
    from operator_console.services import open_services
    from operator_console.store.migrate import current_revision, head_revision

    st.services = open_services(st.data_dir)  # creates the file and runs every migration
    current, head = current_revision(st.services.db.engine), head_revision()
    if current != head or head is None:
        raise RuntimeError(f"schema at {current}, migrations' head is {head}")
    integrity = st.services.db.integrity_check()
    if integrity != "ok":
        raise RuntimeError(f"integrity_check: {integrity}")
    return f"created {st.services.db.path.name}, migrated to {head}"


def check_user(st: _State) -> str:
    from operator_console.auth.passwords import hash_password
    from operator_console.store.users import create_user

    assert st.services is not None
    services = st.services
    with services.db.transaction() as s:
        create_user(s, services.audit, actor="system", user_id=SELF_TEST_USER,
                    printed_name="Self Test", password_hash=hash_password(st.password),
                    reason="self-test")
    outcome = services.auth.login(SELF_TEST_USER, st.password)
    if not outcome.ok:
        raise RuntimeError(f"login refused: {outcome.refusal}")
    wrong = services.auth.login(SELF_TEST_USER, st.password + "x")
    if wrong.ok:
        raise RuntimeError("a wrong password was accepted")
    return f"seeded {SELF_TEST_USER}; argon2 password check accepts it and refuses a wrong one"


def check_audit(st: _State) -> str:
    from operator_console.store.audit import verify_audit_chain

    assert st.services is not None
    services = st.services
    with services.db.transaction() as s:
        services.audit.append(s, actor="system", event="self_test", reason="self-test")
    with services.db.read() as s:
        report = verify_audit_chain(s)
    if not report.ok:
        raise RuntimeError(f"broken at entry {report.first_bad_seq}: {report.problem}")
    return f"appended an entry; {report.count} entries verify"


def check_libraries(st: _State) -> str:
    """What is loaded by name at run time, so a bundle can miss it without failing to start."""
    import keyring.backend
    from asyncua.client.client import Client
    from sqlalchemy.dialects import registry

    registry.load("sqlite.pysqlite")
    backends = sorted(type(b).__module__.rsplit(".", 1)[-1] for b in
                      keyring.backend.get_all_keyring())
    if not backends:
        raise RuntimeError("no keyring backend could be loaded")
    Client("opc.tcp://127.0.0.1:4840")  # builds the client; connects to nothing
    from asyncua.crypto import uacrypto  # noqa: F401  (signs and encrypts OPC UA sessions)

    return f"sqlite dialect, asyncua, keyring backends: {', '.join(backends)}"


def check_qt(st: _State) -> str:
    from operator_console.ui.shell.launcher import create_application

    st.app = create_application([sys.argv[0] if sys.argv else "operator-console"])
    from PySide6.QtGui import QGuiApplication

    return f"QApplication on the {QGuiApplication.platformName()} platform"


def check_translations(st: _State) -> str:
    from PySide6.QtCore import QCoreApplication

    from operator_console.ui.shell.language import LanguageManager

    languages = LanguageManager()
    languages.set_language("ja")  # raises when either .qm cannot be loaded
    own = QCoreApplication.translate("Launcher", "Unexpected error")
    qt = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if own == "Unexpected error" or qt == "Cancel":
        raise RuntimeError(f"not translated: {own!r}, {qt!r}")
    st.languages = languages
    return f"operator_console_ja: {own}; qtbase_ja: {qt}"


def check_japanese_font(st: _State) -> str:
    from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from operator_console.paths import resources_dir

    japanese = set(QFontDatabase.families(QFontDatabase.WritingSystem.Japanese))
    if not japanese:
        raise RuntimeError("no font family with Japanese coverage")
    bundled = sorted(resources_dir().joinpath("fonts").glob("*.[ot]t[fc]"))
    source = "system fonts"
    if bundled:  # the bundle's own font must load and cover Japanese by itself
        font_id = QFontDatabase.addApplicationFont(str(bundled[0]))
        families = set(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else set()
        if not families & japanese:
            raise RuntimeError(f"bundled font {bundled[0].name} does not cover Japanese")
        source = f"bundled {bundled[0].name}"
    font = QApplication.font()
    if font.family() not in japanese:
        raise RuntimeError(f"application font {font.family()!r} has no Japanese coverage")
    metrics = QFontMetrics(font)
    missing = [c for c in JAPANESE_SAMPLE if not metrics.inFontUcs4(ord(c))]
    if missing:
        raise RuntimeError(f"{font.family()} lacks glyphs for {''.join(missing)}")
    image = QImage(400, 60, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(5, 40, JAPANESE_SAMPLE)
    painter.end()
    if _distinct_colours(image) < 2:
        raise RuntimeError("Japanese sample rendered blank")
    return f"{font.family()} renders {JAPANESE_SAMPLE} ({source})"


def _distinct_colours(image: Any, step: int = 7) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def check_main_window(st: _State) -> str:
    from PySide6.QtCore import QCoreApplication

    from operator_console.ui.shell.controller import AppController

    assert st.services is not None
    ctl = AppController(st.services, st.languages, idle_lock_seconds=3600)
    try:
        ctl.window.resize(1280, 800)
        ctl.window.show()
        QCoreApplication.processEvents()
        shots = {"login window": ctl.window.grab().toImage(),
                 "workspace": ctl.workspace.grab().toImage()}
        for name, image in shots.items():
            if image.isNull() or image.width() < 100 or _distinct_colours(image) < 3:
                raise RuntimeError(f"{name} rendered empty")
        login = shots["login window"]
    finally:
        ctl.shutdown()
        ctl.window.close()
        ctl.window.deleteLater()
        QCoreApplication.processEvents()
    return f"login window {login.width()}x{login.height()} and workspace rendered offscreen"


CHECKS: list[tuple[str, Callable[[_State], str]]] = [
    ("database", check_database),
    ("user", check_user),
    ("audit chain", check_audit),
    ("libraries", check_libraries),
    ("qt", check_qt),
    ("translations", check_translations),
    ("japanese font", check_japanese_font),
    ("main window", check_main_window),
]


def run_self_test(*, verbose: bool = False) -> int:
    """Run every check in order; 0 when all pass, 1 at the first failure."""
    print(f"OK   headless: {_headless()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="operator-console-selftest-") as tmp:
        state = _State(data_dir=Path(tmp))
        try:
            for name, check in CHECKS:
                try:
                    detail = check(state)
                except Exception as exc:
                    print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
                    if verbose:
                        traceback.print_exc()
                    return 1
                print(f"OK   {name}: {detail}", flush=True)
        finally:
            if state.services is not None:
                state.services.close()
    where = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"self-test passed ({len(CHECKS) + 1} checks, running from {where})", flush=True)
    return 0
