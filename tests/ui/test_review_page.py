"""A whole QA review through the GUI, in English and in Japanese, against a real plant server
process seeded by ``plant-server init-demo`` (batch B-2026-0150 under review with open
items): exceptions dispositioned in place, the audit-trail review signed, the release refused
while one item is open (its reason shown), then released; the release clock on Home."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from operator_console.demo_server import DemoPlantServer
from operator_console.services import Services
from operator_console.ui.dialogs.qa_act import QaActDialog
from operator_console.ui.dialogs.resolve_rejection import ResolveDialog
from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]
WAIT_MS = 30000
BATCH = "B-2026-0150"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``init-demo`` once (its argon2 work is the slow part); each test copies the file."""
    path = tmp_path_factory.mktemp("review-template") / "plant-server.sqlite3"
    subprocess.run([sys.executable, "-m", "plant_server", "init-demo", "--db",
                    f"sqlite:///{path}"], check=True, capture_output=True, timeout=180)
    return path


@pytest.fixture
def demo_server(tmp_path: Path, seeded: Path) -> Iterator[DemoPlantServer]:
    folder = tmp_path / "plant-server"
    folder.mkdir()
    shutil.copy(seeded, folder / "plant-server.sqlite3")
    server = DemoPlantServer(folder)
    yield server
    server.close()


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _sign(qtbot: QtBot, ctl: AppController, reason: str, password: str = "demo-qa03",
          *, closes: bool = True) -> QaActDialog | ResolveDialog:
    page = ctl.workspace.review
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.text, reason)
    qtbot.keyClicks(dialog.password, password)
    _click(qtbot, dialog.ok_button)
    if closes:
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    else:
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT_MS)
    return dialog


def _open_exceptions(ctl: AppController, name: str = "dispositionButton"
                     ) -> list[QPushButton]:
    return [b for b in ctl.workspace.review.findChildren(QPushButton, name) if b.isVisible()]


def _open_conflicts(ctl: AppController) -> list[QPushButton]:
    return _open_exceptions(ctl, "resolveConflictButton")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_whole_review_ends_in_release(qtbot: QtBot, make_controller: Factory,
                                        services: Services, demo_server: DemoPlantServer,
                                        language: str) -> None:
    ctl = make_controller(language=language)
    ctl.window.resize(1920, 1080)
    worker = demo_server.setup(services)
    ctl.attach_demo_server(demo_server)
    ctl.attach_sync(worker)
    log_in(qtbot, ctl, "qa03", "demo-qa03")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    ctl.set_language(language)
    ws, page = ctl.workspace, ctl.workspace.review
    # Home shows the release clock of the batches waiting for QA (init-demo: the two of
    # the review demo and the completed batch with its process data, at least).
    home = ws.home
    qtbot.waitUntil(lambda: home.release_clock.isVisible(), timeout=WAIT_MS)
    assert int(home.release_clock.value.text()) >= 3
    assert BATCH in home.release_clock.detail.text()
    _click(qtbot, home.release_clock)
    qtbot.waitUntil(lambda: ws.current_page() == "review")
    qtbot.waitUntil(lambda: page.batch_list.count() >= 3, timeout=WAIT_MS)
    # The list opens on the longest-waiting batch; QA picks the one under review.
    [row] = [i for i in range(page.batch_list.count())
             if BATCH in page.batch_list.item(i).text()]
    item = page.batch_list.item(row)
    rect = page.batch_list.visualItemRect(item)
    qtbot.mouseClick(page.batch_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.waitUntil(lambda: BATCH in page.title.text(), timeout=WAIT_MS)
    released = "Released" if language == "en" else "出荷可（リリース）"
    blocked = "Exception not dispositioned" if language == "en" else "未処置の例外事象"
    assert blocked in page.gate.text()

    # Everything that needs judgement is in front: three open exceptions.
    qtbot.waitUntil(lambda: len(_open_exceptions(ctl)) == 3, timeout=WAIT_MS)
    for left in (2, 1):  # two dispositioned, one left open
        _click(qtbot, _open_exceptions(ctl)[0])
        _sign(qtbot, ctl, "assessed: no impact on product quality")
        qtbot.waitUntil(lambda n=left: len(_open_exceptions(ctl)) == n, timeout=WAIT_MS)
    assert len(_open_exceptions(ctl)) == 1

    # The conflict (the cassette scanned at a second station) is resolved in place, with a
    # written resolution and the QA person's password, which the plant server checks.
    conflict = "Cassette loaded at two stations" if language == "en" else \
        "同じカセットが2台の端末で装填されました"
    qtbot.waitUntil(lambda: len(_open_conflicts(ctl)) == 1, timeout=WAIT_MS)
    gate_conflict = "Conflict not resolved" if language == "en" else "未解決の競合"
    assert gate_conflict in page.gate.text()
    _click(qtbot, _open_conflicts(ctl)[0])
    resolving = _sign(qtbot, ctl, "second scan was a label check; cassette stayed in bay B1",
                      "wrong-password", closes=False)
    assert isinstance(resolving, ResolveDialog) and conflict in resolving.summary.text()
    qtbot.keyClicks(resolving.password, "demo-qa03")
    _click(qtbot, resolving.ok_button)
    qtbot.waitUntil(lambda: not resolving.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not _open_conflicts(ctl), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: gate_conflict not in page.gate.text(), timeout=WAIT_MS)
    assert ("Resolved." if language == "en" else "解決しました") in page.outcome.text()
    assert any("second scan was a label check" in w.text()  # with who resolved it, collapsed
               for w in page.closed_exceptions.findChildren(QLabel))

    # A wrong password signs nothing and says so.
    _click(qtbot, page.audit_review_button)
    wrong = _sign(qtbot, ctl, "audit trail read", "not-the-password", closes=False)
    assert "attempts left" in wrong.error.text() or "残り" in wrong.error.text()
    qtbot.keyClicks(wrong.password, "demo-qa03")
    _click(qtbot, wrong.ok_button)
    qtbot.waitUntil(lambda: not wrong.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "✓" in page.audit_review_button.text(), timeout=WAIT_MS)

    # Release refused while one exception is open: the reason is shown.
    _click(qtbot, page.release_button)
    refused = _sign(qtbot, ctl, "batch record complete", closes=False)
    assert blocked in refused.error.text()
    refused.reject()
    _click(qtbot, _open_exceptions(ctl)[0])
    _sign(qtbot, ctl, "correction checked against the scale printout")
    qtbot.waitUntil(lambda: not _open_exceptions(ctl), timeout=WAIT_MS)
    _click(qtbot, page.release_button)
    _sign(qtbot, ctl, "batch record complete; QC within specification")
    qtbot.waitUntil(lambda: page.state.text() == released, timeout=WAIT_MS)
    assert page.outcome.isVisible() and released in page.outcome.text()
    assert not page.release_button.isEnabled()


def test_the_review_is_for_qa_only(qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op01", "demo-op01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    nav = ctl.workspace.nav_buttons["review"]
    assert not nav.isVisible() and not ctl.workspace.home.release_clock.isVisible()
    ctl.workspace.open_work("review")  # a stale link cannot open it either
    assert ctl.workspace.current_page() == "home"
