"""A whole demo batch through the Batches page of the real main window, by clicks and key
events only (scans as keyboard bursts, one of them with the focus on a header button), in
both languages (English, then switched to Japanese at run time: the instructions follow),
against a running instrument simulator with its historian:

bay clearance (refused until every item is confirmed) · apheresis receipt (an expired bag
refused, an exception) · cassette load (today's cassette flow, two-person, then the step
record) · activation reagent (lot and expiry typed: allowed, an exception) · activation
phase (live values, an alarm during it becomes an exception) · transduction (vector
scanned) · the expansion stage in parallel: cell count first (a value outside its limits:
kept, an exception) with the plant server down (signed offline: exceptions), the in-process
sample, the expansion phase · harvest (an impossible value refused) · formulation · final
label check (the bag of another patient: critical, the batch blocked and shown so; QA
dispositions it) · cassette unload · hand-over. The phases' duration runs on the use
cases' clock, moved on by the test; their data is the simulator's, through the historian.
A cassette of another batch scanned in the cassette flow is an exception too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from operator_console.application.batch_progress import BatchSnapshot, batch_snapshot
from operator_console.domain.batch_execution.exceptions import disposition_content
from operator_console.domain.batch_execution.progress import StepState
from operator_console.domain.demo_batches import (
    BLOCKED_BATCH,
    FRESH_BATCH,
    MIDWAY_BATCH,
    OTHER_PATIENT_BAG,
    VECTOR,
)
from operator_console.domain.demo_data import GOOD_BAG, GOOD_CASSETTE, bag_label, cassette_label
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.instruments.simulator import SimulatorThread
from operator_console.services import Services
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.ui.dialogs.signature import SignatureDialog
from operator_console.ui.pages.batches.phase_screens import CassetteScreen, PhaseScreen
from operator_console.ui.pages.batches.screens import (
    ChecklistScreen,
    DataEntryScreen,
    InstructionScreen,
    ReagentScreen,
    ScanScreen,
    StepScreen,
)
from operator_console.ui.shell.controller import AppController
from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
from tests.helpers.offline import go_offline, go_online
from tests.instruments.conftest import fast, free_port, make_client
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton
VERIFIER = ("ver01", "demo-ver01")


@pytest.fixture
def services(batch_services: Services) -> Iterator[Services]:
    yield batch_services


@pytest.fixture
def sim() -> Iterator[SimulatorThread]:
    thread = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(), seed=7)
    thread.start()
    yield thread
    thread.stop()


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def tick(qtbot: QtBot, box: QWidget) -> None:
    """Touch a check box on its box (a wide row is not all hit area)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(22, box.height() // 2))


def burst(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """A keyboard-wedge scanner: a fast burst of keys, then CR, to whatever has focus."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


class Run:
    """The test's hands on the page."""

    def __init__(self, qtbot: QtBot, ctl: AppController, services: Services) -> None:
        self.qtbot, self.ctl, self.services = qtbot, ctl, services
        self.ws = ctl.workspace
        self.page = self.ws.batches
        self.detail = self.page.detail
        self.offset = 0.0  # seconds the phases' clock is ahead of the wall clock
        services.batches.clock = lambda: time.time() + self.offset

    def snap(self) -> BatchSnapshot:
        found = batch_snapshot(self.services.db, FRESH_BATCH)
        assert found is not None and found.progress is not None
        return found

    def state(self, step: str) -> StepState:
        found = self.snap().progress.of(step)  # type: ignore[union-attr]
        assert found is not None
        return found.state

    def kinds(self) -> list[str]:
        return [e.kind.value for e in self.snap().exceptions]

    def screen(self, kind: type[StepScreen], step: str) -> StepScreen:
        self.qtbot.waitUntil(lambda: isinstance(self.detail.step_screen, kind)
                             and self.detail.step_screen.step.step_id == step
                             and not self.detail.busy, timeout=10000)
        screen = self.detail.step_screen
        assert screen is not None
        return screen

    def sign(self, password: str, verifier: tuple[str, str] | None = VERIFIER,
             dialog_of: object = None) -> None:
        """Sign the open dialog as performer, then (if asked) as the verifier."""
        holder = dialog_of or self.detail
        self.qtbot.waitUntil(lambda: isinstance(getattr(holder, "dialog", None),
                                                SignatureDialog), timeout=10000)
        dialog: SignatureDialog = holder.dialog  # type: ignore[attr-defined]
        self.qtbot.keyClicks(dialog.password_edit, password)
        click(self.qtbot, dialog.sign_button)
        if verifier is not None:
            self.qtbot.waitUntil(lambda: dialog._step == 2 and not dialog.busy, timeout=10000)
            self.qtbot.keyClicks(dialog.user_edit, verifier[0])
            self.qtbot.keyClicks(dialog.password_edit, verifier[1])
            click(self.qtbot, dialog.sign_button)
        self.qtbot.waitUntil(lambda: getattr(holder, "dialog", None) is None, timeout=10000)

    def shown(self, step: str) -> StepState | None:
        """The step's state as the page shows it (what it last read from the store)."""
        snap = self.detail.snapshot
        found = snap.progress.of(step) if snap is not None and snap.progress else None
        return found.state if found is not None else None

    def done(self, step: str) -> None:
        self.qtbot.waitUntil(lambda: self.shown(step) is StepState.DONE, timeout=10000)
        assert self.state(step) is StepState.DONE  # and so it is in the store

    def result(self, text: str) -> None:
        self.qtbot.waitUntil(lambda: text in self.detail.result.text(), timeout=10000)

    def enter(self, screen: StepScreen, **values: str) -> None:
        assert isinstance(screen, DataEntryScreen)
        for key, value in values.items():
            edit = screen.edits[key]
            edit.clear()
            self.qtbot.keyClicks(edit, value)
        click(self.qtbot, screen.record_button)

    def phase(self, step: str, channels: list[str], alarm: tuple[SimulatorThread, str, float]
              | None = None) -> None:
        screen = self.screen(PhaseScreen, step)
        assert isinstance(screen, PhaseScreen)
        assert screen.traces is not None  # the live traces of the running instrument
        self.offset = 0.0
        click(self.qtbot, screen.start_button)
        self.qtbot.waitUntil(lambda: screen.started_at is not None, timeout=10000)
        start = screen.started_at
        assert start is not None
        if alarm is not None:
            sim, channel, value = alarm
            sim.simulator.force_value(channel, value)
            self.qtbot.waitUntil(lambda: bool(self.ctl.window.alarm_banner.alarms),
                                 timeout=10000)
            sim.simulator.reset_overrides()
        sink = SqliteHistorianSink(self.services.db)
        self.qtbot.waitUntil(lambda: all(sink.rows_between(c, start, time.time() + 1)
                                         for c in channels), timeout=15000)
        self.qtbot.waitUntil(lambda: all(screen.values[c][0].text() != "—"  # type: ignore
                                         for c in channels), timeout=10000)
        assert screen.step.phase is not None
        self.offset = screen.step.phase.duration_minutes * 60 + 1  # the duration has run
        click(self.qtbot, screen.record_button)


def test_a_whole_demo_batch_through_the_batches_page(
        qtbot: QtBot, make_controller: object, services: Services,
        sim: SimulatorThread) -> None:
    go_online(services)  # the plant server answers, until it is stopped below
    ctl: AppController = make_controller()  # type: ignore[operator]
    runtime = InstrumentRuntime(services, ctl.runner, poll_interval_ms=50)
    runtime.start_client(make_client(fast(sim.channels, alarm_delay_s=0.2)))
    runtime.enable_historian(interval_s=0.5, flush_every_ms=200)
    ctl.attach_instruments(runtime)
    run = Run(qtbot, ctl, services)
    ws, page, detail = run.ws, run.page, run.detail
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ws, timeout=10000)

    # -- Home says how many batches there are and that one is blocked; its tile leads here --
    ctl.refresh_status()
    qtbot.waitUntil(lambda: ws.home.batches.value.text() == "3", timeout=10000)
    assert "1 blocked by a critical exception" in ws.home.batches.detail.text()

    # -- the list: where each batch stands, what waits on whom ----------------------------
    click(qtbot, ws.nav_buttons["batches"])
    qtbot.waitUntil(lambda: len(page.cards) == 3, timeout=10000)
    assert "Bay clearance — Current" in page.cards[FRESH_BATCH].text()
    assert "waiting for verification by a second person" in page.cards[MIDWAY_BATCH].text()
    assert "Blocked: critical exception (Wrong patient), waiting for QA" in \
        page.cards[BLOCKED_BATCH].text()
    click(qtbot, page.cards[FRESH_BATCH])

    # -- bay clearance: refused until every item is confirmed; two people sign ------------
    screen = run.screen(ChecklistScreen, "BAY-CLEARANCE")
    assert "empty and clean" in detail.instruction.text()
    assert "Locked" in detail.step_buttons["HARVEST"].text()
    click(qtbot, detail.step_buttons["HARVEST"])  # a locked step: shown, not executable
    qtbot.waitUntil(lambda: "do Bay clearance first" in detail.step_state.text())  # by name
    assert detail.step_screen is None
    click(qtbot, detail.step_buttons["BAY-CLEARANCE"])
    screen = run.screen(ChecklistScreen, "BAY-CLEARANCE")
    click(qtbot, screen.record_button)
    run.result("Confirm every item")
    assert isinstance(screen, ChecklistScreen)
    for box in screen.boxes.values():
        tick(qtbot, box)
    assert all(box.isChecked() for box in screen.boxes.values())
    click(qtbot, screen.record_button)
    run.sign("demo-op02")
    run.done("BAY-CLEARANCE")
    qtbot.waitUntil(lambda: "Done: John Smith" in detail.step_buttons["BAY-CLEARANCE"].text()
                    and "verified by 佐藤 健" in detail.step_buttons["BAY-CLEARANCE"].text())

    # -- apheresis receipt: an expired bag refused (an exception); the good one scanned ---
    run.screen(ScanScreen, "APHERESIS-RECEIPT")
    burst(qtbot, ws.lang_en, bag_label(expiry="0260012359"))  # focus on a header button
    run.result("An exception was recorded")
    assert run.kinds() == ["expired_material"]
    burst(qtbot, ws.lang_en, GOOD_BAG)
    run.sign("demo-op02")
    run.done("APHERESIS-RECEIPT")

    # -- cassette load: today's flow for this batch, then the step record -----------------
    screen = run.screen(CassetteScreen, "CASSETTE-LOAD")
    assert isinstance(screen, CassetteScreen)
    flow = screen.flow
    qtbot.waitUntil(lambda: flow.step == "cassette" and not flow.busy, timeout=10000)
    burst(qtbot, flow, cassette_label("CS0143A1"))  # another batch's cassette: refused
    run.result("An exception was recorded")
    assert "refused_scan" in run.kinds() and flow.step == "cassette"
    burst(qtbot, flow, GOOD_CASSETTE)
    qtbot.waitUntil(lambda: flow.step == "bag" and not flow.busy, timeout=10000)
    burst(qtbot, flow, GOOD_BAG)
    qtbot.waitUntil(lambda: flow.step == "bay" and "B1" in flow.choices.buttons, timeout=10000)
    click(qtbot, flow.choices.buttons["B1"])
    qtbot.waitUntil(lambda: flow.step == "sign" and not flow.busy, timeout=10000)
    click(qtbot, flow.sign_button)
    run.sign("demo-op02", dialog_of=flow)
    run.sign("demo-op02")  # the step record, naming the cassette record
    run.done("CASSETTE-LOAD")

    # -- activation reagent: lot and expiry typed (the recipe allows it: an exception) ----
    screen = run.screen(ReagentScreen, "ACTIVATION-REAGENT")
    assert isinstance(screen, ReagentScreen)
    qtbot.keyClicks(screen.lot, "AC-2611")
    qtbot.keyClicks(screen.expiry, "2030-12-31")
    click(qtbot, screen.record_button)
    run.sign("demo-op02", verifier=None)
    run.done("ACTIVATION-REAGENT")
    assert run.kinds().count("typed_entry") == 1

    # -- activation phase: live values and traces; an alarm during it is an exception -----
    run.phase("ACTIVATION", ["temperature", "co2", "ph"], alarm=(sim, "temperature", 38.4))
    run.sign("demo-op02", verifier=None)
    run.done("ACTIVATION")
    assert "phase_alarm" in run.kinds()

    # -- Japanese from here on: the instruction of the current step follows at once -------
    click(qtbot, ws.lang_ja)
    qtbot.waitUntil(lambda: "ベクター" in detail.instruction.text(), timeout=10000)
    assert "完了：John Smith" in detail.step_buttons["BAY-CLEARANCE"].text()
    assert "確認者：佐藤 健" in detail.step_buttons["BAY-CLEARANCE"].text()
    assert "このバッチの例外事象：" in detail.exceptions.text()
    assert "使用期限切れ" in detail.exceptions.text()
    # each exception in words of the screen's language, its step by the recipe's name
    listed = detail.exceptions.text()
    assert "期限切れの原料を受け付けませんでした：原料の使用期限が切れています" in listed
    assert "装置フェーズ中に" in listed and "のアラームが発生しました" in listed
    assert "アフェレーシス原料の受入" in listed
    for english in ("refused", "during the", "APHERESIS-RECEIPT", "ACTIVATION-REAGENT"):
        assert english not in listed, english
    run.screen(ReagentScreen, "TRANSDUCTION")
    assert "記録して署名" not in detail.result.text()
    burst(qtbot, ws.lang_ja, VECTOR)
    run.sign("demo-op02")
    run.done("TRANSDUCTION")

    # -- the expansion stage, in any order: cell count first, with the server down --------
    snap = run.snap()
    assert snap.progress is not None and set(snap.progress.executable) == {
        "EXPANSION", "IPC-SAMPLE", "CELL-COUNT"}
    go_offline(services, "op02", "ver01")  # the plant server stopped
    click(qtbot, detail.step_buttons["CELL-COUNT"])
    screen = run.screen(DataEntryScreen, "CELL-COUNT")
    assert "生細胞密度" in detail.step_screen.names["VCD"].text()  # type: ignore[union-attr]
    run.enter(screen, VCD="7.1", VIABILITY="91.0")  # VCD above its limit (6.0): kept
    run.sign("demo-op02")
    run.done("CELL-COUNT")
    qtbot.waitUntil(lambda: detail.snapshot is not None and [
        e.kind.value for e in detail.snapshot.exceptions].count("offline_signature") == 2,
        timeout=10000)
    assert run.kinds().count("offline_signature") == 2
    assert "out_of_limits" in run.kinds()
    click(qtbot, detail.step_buttons["IPC-SAMPLE"])
    run.screen(ScanScreen, "IPC-SAMPLE")
    burst(qtbot, ws.lang_ja, "CHA99992600142A-IPC-D7")
    run.sign("demo-op02", verifier=None)
    run.done("IPC-SAMPLE")
    go_online(services)  # the plant server is back
    run.phase("EXPANSION", ["temperature", "ph", "dissolved_o2", "co2", "agitation"])
    run.sign("demo-op02", verifier=None)
    run.done("EXPANSION")

    # -- harvest: an impossible value refused (an exception); then the readings -----------
    screen = run.screen(DataEntryScreen, "HARVEST")
    run.enter(screen, VOLUME="100", TVC="2.5", VIABILITY="150")
    run.result("例外事象")
    assert "implausible_entry" in run.kinds()
    run.enter(screen, VIABILITY="90.0")
    run.sign("demo-op02")
    run.done("HARVEST")
    screen = run.screen(DataEntryScreen, "FORMULATION")
    run.enter(screen, **{"FILL-VOLUME": "70.0"})
    run.sign("demo-op02")
    run.done("FORMULATION")

    # -- final label check: another patient's bag: critical, the batch blocked ------------
    run.screen(ScanScreen, "FINAL-LABEL-CHECK")
    burst(qtbot, ws.lang_ja, OTHER_PATIENT_BAG)
    qtbot.waitUntil(lambda: detail.blocked_banner.isVisible(), timeout=10000)
    assert detail.step_screen is None  # no step may be executed
    assert run.state("FINAL-LABEL-CHECK") is StepState.BLOCKED
    [critical] = [e for e in run.snap().exceptions if e.blocks]
    assert critical.kind.value == "wrong_patient"
    # QA dispositions it, with a signed reason (QA's review is not this page's).
    qa = services.signing.create_and_sign(RecordDraft(
        RecordType.EXCEPTION_DISPOSITION, FRESH_BATCH, disposition_content(
            critical.exception_id, "Bag of P-0143 set aside unopened; right bag found")),
        "qa01", "demo-qa01")
    assert qa.ok
    click(qtbot, detail.step_buttons["FINAL-LABEL-CHECK"])
    detail.reload()
    run.screen(ScanScreen, "FINAL-LABEL-CHECK")
    assert not detail.blocked_banner.isVisible()
    burst(qtbot, ws.lang_ja, GOOD_BAG)
    run.sign("demo-op02")
    run.done("FINAL-LABEL-CHECK")

    # -- cassette unload: the flow from its bay, then the step record ---------------------
    screen = run.screen(CassetteScreen, "CASSETTE-UNLOAD")
    assert isinstance(screen, CassetteScreen)
    flow = screen.flow
    qtbot.waitUntil(lambda: flow.step == "bay" and "B1" in flow.choices.buttons, timeout=10000)
    click(qtbot, flow.choices.buttons["B1"])
    qtbot.waitUntil(lambda: flow.step == "cassette" and not flow.busy, timeout=10000)
    burst(qtbot, flow, GOOD_CASSETTE)
    qtbot.waitUntil(lambda: flow.step == "sign" and not flow.busy, timeout=10000)
    click(qtbot, flow.sign_button)
    run.sign("demo-op02", dialog_of=flow)
    run.sign("demo-op02")
    run.done("CASSETTE-UNLOAD")

    # -- hand-over: read and confirm; the batch is complete -------------------------------
    screen = run.screen(InstructionScreen, "HANDOVER")
    assert isinstance(screen, InstructionScreen)
    click(qtbot, screen.record_button)
    run.result("確認")
    tick(qtbot, screen.confirm)
    click(qtbot, screen.record_button)
    run.sign("demo-op02", verifier=None)
    run.done("HANDOVER")
    final = run.snap()
    assert final.progress is not None and final.progress.complete
    assert not final.progress.foreign_records and not final.progress.duplicate_records
    kinds = run.kinds()
    for kind in ("expired_material", "typed_entry", "phase_alarm", "out_of_limits",
                 "offline_signature", "implausible_entry", "wrong_patient"):
        assert kind in kinds, kind
    assert "missing_data" not in kinds  # every phase channel had the simulator's data
    click(qtbot, detail.back_button)
    qtbot.waitUntil(lambda: "すべての工程が完了" in page.cards[FRESH_BATCH].text(),
                    timeout=10000)
