"""GUI tests of the Cassettes page: scanner bursts typed with qtbot into the flow, every
refusal shown (translated) with nothing changed, and complete two-person-signed loads and
unloads. The page is driven by key presses and clicks only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from operator_console.application.cassette_flow import FlowStep
from operator_console.cassettes.service import Entry
from operator_console.domain.cassette_state import CassetteState
from operator_console.domain.demo_data import (
    DEMO_BATCH,
    DEMO_LABELS,
    GOOD_BAG,
    GOOD_CASSETTE,
    bag_label,
    cassette_label,
)
from operator_console.domain.records import RecordStatus
from operator_console.services import Services
from operator_console.store.records import RecordFilter, load_records
from operator_console.store.users import find_user, info_of
from operator_console.ui.pages.cassettes.page import CassettesPage
from operator_console.ui.shell.language import LanguageManager
from operator_console.ui.shell.tasks import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait()


@pytest.fixture
def page(qtbot: QtBot, svc: Services, runner: TaskRunner,
         languages: LanguageManager) -> Iterator[CassettesPage]:
    with svc.db.read() as s:
        row = find_user(s, "op01")
        assert row is not None
        user = info_of(row)
    p = CassettesPage(svc.cassettes, runner, DEMO_LABELS)
    p.set_user(user)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    settle(qtbot, runner)
    yield p
    runner.wait()
    languages.set_language("en")


def settle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy)


def scan(qtbot: QtBot, page: CassettesPage, text: str, target: QWidget | None = None) -> None:
    """A keyboard-wedge scanner: the whole label as one fast burst, then CR."""
    widget = target or page.flow
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.flow.busy and not page._runner.busy)


def touch(qtbot: QtBot, page: CassettesPage, key: str) -> None:
    qtbot.waitUntil(lambda: key in page.flow.choices.buttons)
    qtbot.mouseClick(page.flow.choices.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.flow.busy and not page._runner.busy)


def start_load(qtbot: QtBot, page: CassettesPage) -> None:
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    touch(qtbot, page, DEMO_BATCH)
    assert page.flow.step == "cassette"


def reason(page: CassettesPage) -> str:
    return page.flow.result.reason.text()


CASSETTE_REFUSALS = [
    (cassette_label("CS0143A1"), "registered for batch B-2026-0143"),
    (cassette_label("CS0142E1"), "for step EXPANSION"),
    (cassette_label("CS9999Z9"), "not registered for any batch"),
    (cassette_label("CS0142L1", lot="L9999"), "not the registered lot"),
    (cassette_label("CS0142X1", expiry="250131"), "expired on 2025-01-31"),
    (cassette_label("CS0142R1"), "rejected by QA"),
    (cassette_label("CS0142Q1"), "in quarantine"),
    (cassette_label("CS0142D1"), "already loaded in bay B2 of this station"),
    (cassette_label("CS0142S1"), "already loaded at station DEMO-STATION-02"),
    (cassette_label("CS0142U1"), "already used and unloaded"),
    (cassette_label("CS0142P1"), "waiting for verification"),
    (cassette_label("CS0142A1", gtin="04569951120016"), "check digit of GTIN"),
    ("(01)0456995112", "is incomplete"),
    (GOOD_BAG, "ISBT 128 (bag) label, but the GS1 (cassette) label is needed"),
]


@pytest.mark.parametrize(("text", "expected"), CASSETTE_REFUSALS)
def test_cassette_refusals(qtbot: QtBot, page: CassettesPage, text: str,
                           expected: str) -> None:
    start_load(qtbot, page)
    scan(qtbot, page, text)
    assert page.flow.step == "cassette" and "cassette" not in page.flow.state.accepted
    assert expected in reason(page)
    assert "Nothing was changed." in reason(page)
    assert page.flow.result.property("state") == "alarm"


BAG_REFUSALS = [
    (bag_label("A99992610014387", coi="CHA99992600143B"), "does not belong to the patient"),
    (bag_label(coi="CHA99992600143B"), "chain-of-identity ID CHA99992600143B"),
    (bag_label(expiry="0260012359"), "material expired"),
    (bag_label("A99992610014288"), "check character does not match"),
    ("=A99992610014289", "no expiry date"),
    (GOOD_CASSETTE, "GS1 (cassette) label, but the ISBT 128 (bag) label is needed"),
]


@pytest.mark.parametrize(("text", "expected"), BAG_REFUSALS)
def test_bag_refusals(qtbot: QtBot, page: CassettesPage, text: str, expected: str) -> None:
    start_load(qtbot, page)
    scan(qtbot, page, GOOD_CASSETTE)
    assert page.flow.step == "bag"
    scan(qtbot, page, text)
    assert page.flow.step == "bag" and expected in reason(page)


@pytest.mark.parametrize(("bay", "expected"), [
    ("B2", "already holds cassette serial CS0142D1"),
    ("B4", "reserved by a load"),
    ("B5", "out of service"),
])
def test_bay_refusals_by_touch_and_by_scan(qtbot: QtBot, page: CassettesPage, bay: str,
                                           expected: str) -> None:
    start_load(qtbot, page)
    scan(qtbot, page, GOOD_CASSETTE)
    scan(qtbot, page, GOOD_BAG)
    touch(qtbot, page, bay)
    assert page.flow.step == "bay" and expected in reason(page)
    scan(qtbot, page, bay)
    assert page.flow.step == "bay" and expected in reason(page)
    scan(qtbot, page, "B9")
    assert "not a bay of this station" in reason(page)


def test_scan_lands_in_the_flow_whichever_widget_has_focus(qtbot: QtBot,
                                                           page: CassettesPage) -> None:
    start_load(qtbot, page)
    scan(qtbot, page, GOOD_CASSETTE, target=page.flow.result)
    assert page.flow.step == "bag"
    assert page.flow.state.accepted[FlowStep.CASSETTE].entry is Entry.SCANNED
    assert page.flow.result.values["serial"] == "CS0142A1"
    assert page.flow.result.values["expiry"] == "2030-12-31"


def test_slow_typing_is_typed_entry_and_refused_by_policy(qtbot: QtBot,
                                                          page: CassettesPage) -> None:
    start_load(qtbot, page)
    qtbot.keyClicks(page.flow, GOOD_CASSETTE, delay=60)
    qtbot.keyClick(page.flow, Qt.Key.Key_Return, delay=60)
    qtbot.waitUntil(lambda: not page.flow.busy and not page._runner.busy)
    assert page.flow.step == "cassette"
    assert "Typed entry of the cassette label is not allowed" in reason(page)


def test_typed_batch_is_allowed_and_marked(qtbot: QtBot, page: CassettesPage) -> None:
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.flow, DEMO_BATCH, delay=60)
    qtbot.keyClick(page.flow, Qt.Key.Key_Return, delay=60)
    qtbot.waitUntil(lambda: page.flow.step == "cassette")
    assert page.flow.state.accepted[FlowStep.BATCH].text == DEMO_BATCH
    assert page.flow.state.accepted[FlowStep.BATCH].entry is Entry.TYPED
    assert "(typed)" in page.flow.summary.text()


def sign(qtbot: QtBot, page: CassettesPage, runner: TaskRunner) -> str:
    qtbot.mouseClick(page.flow.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.dialog is not None)
    dlg = page.flow.dialog
    assert dlg is not None
    qtbot.keyClicks(dlg.password_edit, "demo-op01")
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not runner.busy and not dlg.busy and dlg.user_edit.isVisible())
    assert dlg.record_id is not None
    qtbot.keyClicks(dlg.user_edit, "ver01")
    qtbot.keyClick(dlg.user_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dlg.password_edit, "demo-ver01")
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.flow.dialog is None)
    settle(qtbot, runner)
    assert page.flow.last_record_id is not None
    return page.flow.last_record_id


def test_complete_two_person_load_then_unload_never_again(
        qtbot: QtBot, page: CassettesPage, svc: Services, runner: TaskRunner) -> None:
    start_load(qtbot, page)
    scan(qtbot, page, GOOD_CASSETTE)
    scan(qtbot, page, GOOD_BAG)
    touch(qtbot, page, "B1")
    assert page.flow.step == "sign" and page.flow.sign_button.isVisible()
    with qtbot.waitSignal(page.sig_record_signed):
        record_id = sign(qtbot, page, runner)
    with svc.db.read() as s:
        view = load_records(s, RecordFilter(record_ids=[record_id]))[0]
    assert view.status is RecordStatus.COMPLETE
    assert [sig.facts.signer_id for sig in view.signatures] == ["op01", "ver01"]
    assert view.body["cassette"]["entry"] == "scanned" and view.body["bay"] == "B1"
    assert page.stack.currentWidget() is page.overview
    qtbot.waitUntil(lambda: "B1" in page.cards and page.cards["B1"].view.serial == "CS0142A1")
    assert page.cards["B1"].view.state is CassetteState.LOADED
    assert "佐藤 健" in page.cards["B1"].detail.text()

    # Loading the same cassette again is refused at the cassette scan.
    start_load(qtbot, page)
    scan(qtbot, page, GOOD_CASSETTE)
    assert "already loaded in bay B1" in reason(page)
    qtbot.mouseClick(page.flow.cancel_button, Qt.MouseButton.LeftButton)

    # Unload: touch the loaded bay card, scan a wrong cassette, then the right one.
    qtbot.waitUntil(lambda: "B1" in page.cards)
    qtbot.mouseClick(page.cards["B1"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.mode == "unload" and page.flow.step == "cassette")
    scan(qtbot, page, cassette_label("CS0142A2"))
    assert "is not the one in bay B1" in reason(page)
    scan(qtbot, page, GOOD_CASSETTE)
    assert page.flow.step == "sign"
    sign(qtbot, page, runner)
    qtbot.waitUntil(lambda: "B1" in page.cards and page.cards["B1"].view.serial is None)

    start_load(qtbot, page)
    scan(qtbot, page, GOOD_CASSETTE)
    assert "already used and unloaded" in reason(page)


def test_unload_refusals(qtbot: QtBot, page: CassettesPage) -> None:
    qtbot.mouseClick(page.unload_button, Qt.MouseButton.LeftButton)
    touch(qtbot, page, "B1")
    assert "holds no loaded cassette" in reason(page)
    touch(qtbot, page, "B4")
    assert "reserved by a load" in reason(page)
    assert page.flow.step == "bay"


def test_japanese_messages(qtbot: QtBot, page: CassettesPage,
                           languages: LanguageManager) -> None:
    languages.set_language("ja")
    start_load(qtbot, page)
    scan(qtbot, page, cassette_label("CS0143A1"))
    assert "B-2026-0143" in reason(page)
    assert "registered" not in reason(page)
    assert page.flow.title.text() == "カセット装填"
    languages.set_language("en")
    assert "registered for batch B-2026-0143" in reason(page)  # re-translated at once


def test_every_check_code_has_a_translatable_text() -> None:
    from operator_console.domain import chain_of_identity
    from operator_console.domain.barcode_labels import MESSAGES
    from operator_console.ui.names.cassettes import known_codes

    checks, labels = known_codes()
    assert checks == set(chain_of_identity.MESSAGES)
    assert labels == set(MESSAGES)


def test_scan_capture_tells_bursts_from_typing(qtbot: QtBot) -> None:
    from operator_console.ui.widgets.scan_capture import ScanCapture

    now = [0.0]
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    capture = ScanCapture(host, gap_ms=40, clock=lambda: now[0])
    capture.start()
    got: list[tuple[str, bool]] = []
    capture.sig_entered.connect(lambda text, scanned: got.append((text, scanned)))

    def keys(text: str, gap: float) -> None:
        for ch in text:
            qtbot.keyClick(host, ch)
            now[0] += gap

    keys("B1", 0.2)
    qtbot.keyClick(host, Qt.Key.Key_Return)
    keys("xx", 0.2)  # slow junk, then a burst: the burst alone is the scan
    keys("(01)123", 0.005)
    qtbot.keyClick(host, Qt.Key.Key_Tab)
    keys("ABC", 0.005)
    qtbot.keyClick(host, Qt.Key.Key_Backspace)
    qtbot.keyClick(host, Qt.Key.Key_Return)  # edited: typed
    assert got == [("B1", False), ("(01)123", True), ("AB", False)]
    capture.stop()


def test_bay_buttons_and_demo_hint_follow_a_language_switch_and_the_bays_state(
        qtbot: QtBot, page: CassettesPage, languages: LanguageManager) -> None:
    qtbot.mouseClick(page.unload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "B1" in page.flow.choices.buttons)
    assert "Free" in page.flow.choices.buttons["B1"].text()
    assert "Loaded" in page.flow.choices.buttons["B2"].text()
    # the demo hint says how each bay stands now (B2 was seeded as "bay in use": loaded)
    assert "B2    — Loaded" in page.flow.demo_hint.text()
    languages.set_language("ja")
    assert "空き" in page.flow.choices.buttons["B1"].text()  # re-translated at once
    assert "Free" not in page.flow.choices.buttons["B1"].text()
    assert "B1    — 空き" in page.flow.demo_hint.text()
    languages.set_language("en")
    assert "Free" in page.flow.choices.buttons["B1"].text()
