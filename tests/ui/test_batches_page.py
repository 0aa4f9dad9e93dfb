"""The Batches page through the real main window, by clicks and key events: the demo
batches with where they stand, a step executed and signed by two people, a value outside
its limits (an exception, the step still recorded), a step signed with the plant server
down (offline, an exception), the language switched in the middle (the instruction follows),
and a wrong-patient bag (critical: the batch blocked, shown, no further step)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from operator_console.application.batch_progress import batch_snapshot
from operator_console.domain.batch_execution.progress import StepState
from operator_console.domain.demo_batches import BLOCKED_BATCH, FRESH_BATCH, MIDWAY_BATCH
from operator_console.domain.demo_data import GOOD_BAG, bag_label
from operator_console.services import Services
from operator_console.ui.dialogs.signature import SignatureDialog
from operator_console.ui.pages.batches.screens import ChecklistScreen, ScanScreen
from operator_console.ui.shell.controller import AppController
from tests.helpers.offline import go_offline
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton
OTHER_PATIENT_BAG = bag_label("A99992610014387", coi="CHA99992600143B")


@pytest.fixture
def services(batch_services: Services) -> Iterator[Services]:
    yield batch_services


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def sign(qtbot: QtBot, ctl: AppController, password: str,
         verifier: tuple[str, str] | None) -> None:
    """Sign the open step record as performer, then (if asked) as the verifier."""
    detail = ctl.workspace.batches.detail
    qtbot.waitUntil(lambda: isinstance(detail.dialog, SignatureDialog), timeout=10000)
    dialog = detail.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.password_edit, password)
    click(qtbot, dialog.sign_button)
    if verifier is not None:
        qtbot.waitUntil(lambda: dialog._step == 2 and not dialog.busy, timeout=10000)
        qtbot.keyClicks(dialog.user_edit, verifier[0])
        qtbot.keyClicks(dialog.password_edit, verifier[1])
        click(qtbot, dialog.sign_button)
    qtbot.waitUntil(lambda: detail.dialog is None, timeout=10000)


def state(services: Services, batch: str, step: str) -> StepState:
    snap = batch_snapshot(services.db, batch)
    assert snap is not None and snap.progress is not None
    found = snap.progress.of(step)
    assert found is not None
    return found.state


def test_batches_through_the_page_in_both_languages(
        qtbot: QtBot, make_controller: object, services: Services) -> None:
    ctl: AppController = make_controller()  # type: ignore[operator]
    ws = ctl.workspace
    page = ws.batches
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ws, timeout=10000)
    click(qtbot, ws.nav_buttons["batches"])
    qtbot.waitUntil(lambda: len(page.cards) == 3, timeout=10000)
    assert "waiting for verification by a second person" in page.cards[MIDWAY_BATCH].text()
    assert "Blocked: critical exception" in page.cards[BLOCKED_BATCH].text()

    # -- bay clearance: the checklist, signed by two people -------------------------------
    click(qtbot, page.cards[FRESH_BATCH])
    detail = page.detail
    qtbot.waitUntil(lambda: isinstance(detail.step_screen, ChecklistScreen), timeout=10000)
    screen = detail.step_screen
    assert isinstance(screen, ChecklistScreen)
    assert "empty and clean" in detail.instruction.text()
    click(qtbot, screen.record_button)  # nothing confirmed yet: refused, nothing recorded
    qtbot.waitUntil(lambda: "Confirm every item" in detail.result.text(), timeout=10000)
    for box in screen.boxes.values():
        box.setChecked(True)
    click(qtbot, screen.record_button)
    sign(qtbot, ctl, "demo-op02", ("ver01", "demo-ver01"))
    assert state(services, FRESH_BATCH, "BAY-CLEARANCE") is StepState.DONE

    # -- the language switched at run time: the current step's instruction follows -------
    click(qtbot, ws.lang_ja)
    qtbot.waitUntil(lambda: isinstance(detail.step_screen, ScanScreen), timeout=10000)
    qtbot.waitUntil(lambda: "アフェレーシス" in detail.instruction.text(), timeout=10000)

    # -- apheresis receipt, scanned with the focus on a header button; signed offline ----
    go_offline(services, "op02", "ver01")
    ws.lang_ja.setFocus()
    qtbot.keyClicks(ws.lang_ja, GOOD_BAG)
    qtbot.keyClick(ws.lang_ja, Qt.Key.Key_Return)
    sign(qtbot, ctl, "demo-op02", ("ver01", "demo-ver01"))
    qtbot.waitUntil(lambda: state(services, FRESH_BATCH, "APHERESIS-RECEIPT")
                    is StepState.DONE, timeout=10000)

    def kinds() -> list[str]:
        snap = batch_snapshot(services.db, FRESH_BATCH)
        assert snap is not None
        return [e.kind.value for e in snap.exceptions]
    qtbot.waitUntil(lambda: "offline_signature" in kinds(), timeout=10000)

    # -- the blocked batch: shown, and no step screen to execute -------------------------
    click(qtbot, ws.lang_en)
    click(qtbot, detail.back_button)
    qtbot.waitUntil(lambda: BLOCKED_BATCH in page.cards, timeout=10000)
    click(qtbot, page.cards[BLOCKED_BATCH])
    qtbot.waitUntil(lambda: detail.blocked_banner.isVisible(), timeout=10000)
    assert "BLOCKED" in detail.blocked_banner.text() and detail.step_screen is None

