"""Nothing cut at a full-HD screen or a small one (issue 12, seen in the window): the window
fits a 1366x768 screen whatever page is shown, the status strip keeps the plant server state
and the queue readable while a sync runs (English, the longer texts) and while offline, and
Home's tiles are as tall as their words, in both languages."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from operator_console.application.station_status import StationStatus
from operator_console.services import Services
from operator_console.sync.status import SyncStatus
from operator_console.ui.pages.home import Tile
from operator_console.ui.shell.controller import AppController
from operator_console.ui.shell.workspace import PAGES, PageScroll
from tests.ui.conftest import log_in

SIZES = ((1920, 1080), (1366, 768))
SYNCING = SyncStatus("syncing", time.time() - 60, pending=1340, sent=1212, total=1340)
OFFLINE = SyncStatus("offline", time.time() - 3600, pending=1340,
                     last_error="ConnectError: [Errno 111] Connection refused")
OVERDUE = StationStatus(station="DEMO-STATION-01", pending_sync=1340, server_state="offline",
                        awaiting_verification=12, overdue_verification=11,
                        verification_overdue_minutes=60, batches=3, batches_blocked=1)
ORDINARY = StationStatus(station="DEMO-STATION-01", pending_sync=0, server_state="online",
                         awaiting_verification=3, batches=3, batches_blocked=1)


@pytest.fixture
def services(svc: Services) -> Iterator[Services]:
    yield svc


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _readable(label: QLabel) -> bool:
    """Shown whole: as wide as its one line needs, or (wrapping) as tall as its lines."""
    if label.wordWrap():
        return label.height() >= label.heightForWidth(label.width())
    return label.width() >= label.sizeHint().width()


def _logged_in(qtbot: QtBot, make_controller: object, lang: str,
               size: tuple[int, int]) -> AppController:
    ctl: AppController = make_controller(language=lang)  # type: ignore[operator]
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace, timeout=15000)
    if lang == "ja":
        ctl.languages.set_language("ja")  # the screen's language, whoever logged in
    ctl.window.resize(*size)
    qtbot.waitUntil(lambda: ctl.window.size().width() == size[0])
    # The states below are set by hand: the controller's own readings must not overwrite
    # them (its timers stopped, the readings under way delivered).
    ctl._status_timer.stop()
    ctl._sync_timer.stop()
    qtbot.waitUntil(lambda: not ctl.runner.busy and ctl.workspace.home._status is not None,
                    timeout=15000)
    return ctl


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", SIZES)
def test_the_window_fits_and_the_strip_stays_readable(
        qtbot: QtBot, make_controller: object, lang: str, size: tuple[int, int]) -> None:
    ctl = _logged_in(qtbot, make_controller, lang, size)
    ws, strip = ctl.workspace, ctl.workspace.status_strip
    hint = ctl.window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    for page in PAGES[:-1]:  # every page but QA's review (op02 is no QA)
        ws.show_page(page)
        qtbot.wait(1)
        assert (ctl.window.width(), ctl.window.height()) == size, page
        if size == (1920, 1080):  # a full-HD screen: every page fits, none scrolls
            area = ws.stack.currentWidget()
            assert isinstance(area, PageScroll)
            bars = area.verticalScrollBar(), area.horizontalScrollBar()
            assert not any(bar.isVisible() for bar in bars), page
    ws.show_page("home")
    window = _global(ctl.window)
    for status in (SYNCING, OFFLINE):
        strip.set_sync(status)
        ws.home.set_sync(status)
        qtbot.wait(1)
        assert window.contains(_global(strip))
        for part in (strip.clock, strip.server, strip.queue):
            assert part.isVisible() and _readable(part), (part.text(), part.width())
            assert window.contains(_global(part))
        assert strip.progress.isVisible() == (status is SYNCING)
        for part in (strip.station, strip.user, strip.language):
            assert not part.isVisible() or _readable(part), part.text()
        if size[0] == 1920:  # room for everything on a full-HD screen
            assert strip.station.isVisible() and strip.user.isVisible()
    # A notice (a scan nothing waited for) squeezes only what the screen says elsewhere.
    strip.show_notice(lambda: "A label was scanned, but nothing is waiting for a scan. "
                              "Start a load first.")
    qtbot.wait(1)
    n = strip.notice
    assert _readable(n), (n.size(), n.heightForWidth(n.width()), n.sizeHint())
    assert strip.server.isVisible() and _readable(strip.server)
    assert strip.notice.height() <= strip.height()


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", SIZES)
def test_home_tiles_are_as_tall_as_their_words(
        qtbot: QtBot, make_controller: object, lang: str, size: tuple[int, int]) -> None:
    ctl = _logged_in(qtbot, make_controller, lang, size)
    home = ctl.workspace.home
    home.set_status(OVERDUE)
    home.set_sync(OFFLINE)
    home.set_instruments(1, 2, 2)  # a disconnected instrument: the longest explanation
    qtbot.wait(1)
    tiles = home.findChildren(Tile)
    assert tiles
    for tile in tiles:
        if not tile.isVisible():
            continue
        inside = tile.contentsRect()
        for part in (tile.title, tile.value, tile.detail):
            assert _readable(part), (part.text(), part.size(), size)
            assert inside.contains(part.geometry()), (part.text(), part.geometry(), inside)
    assert "OVERDUE" in home.signatures.detail.text() or "超過" in home.signatures.detail.text()
    # The worst of days may scroll (never cut); an ordinary one fits Home on one screen.
    home.set_status(ORDINARY)
    home.set_sync(SyncStatus("online", time.time(), pending=0))
    home.set_instruments(1, 1, 1)
    qtbot.wait(1)
    area = home.parentWidget().parentWidget()  # the page's scroll area (viewport, area)
    assert not area.verticalScrollBar().isVisible()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_alarm_banner_cuts_no_word_at_1366(qtbot: QtBot, make_controller: object,
                                               lang: str) -> None:
    from operator_console.application.alarms import ActiveAlarm
    from operator_console.domain.alarms import AlarmState, LimitKind
    from operator_console.domain.channels import demo_channels

    ctl = _logged_in(qtbot, make_controller, lang, (1366, 768))
    banner = ctl.window.alarm_banner
    channels = {c.key: c for c in demo_channels("opc.tcp://127.0.0.1:4840/")}
    now = time.time()
    alarms = [ActiveAlarm("temperature", AlarmState.RETURNED_UNACKED, LimitKind.HIGH, 37.5,
                          now - 60, 37.96, now - 50, now - 10, 36.93),
              ActiveAlarm("dissolved_o2", AlarmState.ACTIVE_UNACKED, LimitKind.LOW, 30.0,
                          now - 30, 22.8, now - 20, None, 25.4)]
    banner.set_alarms(alarms, channels)
    qtbot.wait(1)
    assert banner.height() == 76 and _global(ctl.window).contains(_global(banner))
    for part in (banner.state_label, banner.name_label, banner.value_label):
        assert part.isVisible() and _readable(part), part.text()
    for part in (banner.limit_label, banner.peak_label, banner.since_label):
        assert not part.isVisible() or _readable(part), part.text()
    for button in (banner.more_button, banner.ack_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width()
