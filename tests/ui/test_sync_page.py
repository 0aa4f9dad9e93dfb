"""Sync through the GUI against a real plant server process (the demo's embedded server):
enroll, records reach the server, offline while it is stopped, the queue drains when it is
back, and rejected entries are resolved by QA only, with their password."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from operator_console.auth.signing_service import SigningService
from operator_console.demo_server import DemoPlantServer
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.services import Services
from operator_console.store.audit import AuditLog
from operator_console.store.db import DB_FILENAME
from operator_console.store.records import RecordFilter, load_records
from operator_console.store.sync_queue import (
    ResolveRefusedError,
    read_sync_queue,
    resolve_rejection,
)
from operator_console.sync.engine import pending
from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]
WAIT_MS = 30000


@pytest.fixture
def data_dir(tmp_path: Path, users_template: Path) -> Path:
    """The demo users only: as in the demo, the records are made once the plant server has
    handed this station its verifiers (``DemoPlantServer.setup``), so it can prove them."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(users_template / DB_FILENAME, target / DB_FILENAME)
    return target


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[DemoPlantServer]:
    server = DemoPlantServer(tmp_path / "plant-server")
    yield server
    server.close()


def _server_records(server: DemoPlantServer) -> set[str]:
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("select record_id from records")}


def _console_records(services: Services) -> set[str]:
    """The records made at this station (not those received from another, which the
    server already has from there; the demo's cassette history includes one)."""
    from sqlalchemy import select

    from operator_console.store.models import AuditEntry

    with services.db.read() as s:
        made = set(s.scalars(select(AuditEntry.target).where(AuditEntry.event.in_(
            ("record_created", "record_corrected")))))
        return {r.record_id for r in load_records(s, RecordFilter())} & made


def _comment(services: Services, text: str) -> str:
    outcome = services.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, "B-2026-0142", {"text": text}), "op02", "demo-op02")
    assert outcome.ok and outcome.record_id is not None, outcome
    return outcome.record_id


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_online_offline_drain_and_qa_resolution(qtbot: QtBot, make_controller: Factory,
                                                services: Services,
                                                demo_server: DemoPlantServer) -> None:
    ctl = make_controller()
    strip, page = ctl.workspace.status_strip, ctl.workspace.sync
    assert strip.server.text() == "Plant server: not enrolled"
    worker = demo_server.setup(services)  # seeds, starts, registers, enrolls (blocking)
    ctl.attach_demo_server(demo_server)
    ctl.attach_sync(worker)

    # Online: everything the console made reaches the server, acknowledged entry by entry.
    qtbot.waitUntil(lambda: strip.server.text() == "Plant server: online"
                    and strip.queue.text() == "Waiting to sync: 0", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: worker.status().pending == 0 and _console_records(services)
                    <= _server_records(demo_server), timeout=WAIT_MS)
    assert _console_records(services)  # the demo records, made once enrolled
    assert page.rejections.rowCount() == 0  # the demo records and history are proved too
    # (it reads "Sending" while a push that something new queued is under way)
    qtbot.waitUntil(lambda: ctl.workspace.home.server.value.text() == "Online",
                    timeout=WAIT_MS)

    log_in(qtbot, ctl, "op02", "demo-op02")  # prefers English
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    _click(qtbot, ctl.workspace.nav_buttons["sync"])
    assert page.stop_button.isVisible() and page.stop_button.isEnabled()

    # The server stops: work goes on offline, entries queue up.
    _click(qtbot, page.stop_button)
    qtbot.waitUntil(lambda: not demo_server.running and page.start_button.isEnabled(),
                    timeout=WAIT_MS)
    offline_ids = {_comment(services, f"offline {i}") for i in range(2)}
    qtbot.waitUntil(lambda: strip.server.text().startswith("Plant server: offline since "),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pending(services.db) > 0
                    and strip.queue.text() == f"Waiting to sync: {pending(services.db)}",
                    timeout=WAIT_MS)
    assert ctl.workspace.home.server.detail.text().startswith("Work continues; records are "
                                                              "kept here")
    qtbot.waitUntil(lambda: "Records: 2" in page.queue.text(), timeout=WAIT_MS)
    assert not offline_ids & _server_records(demo_server)

    # Back: the queue drains.
    _click(qtbot, page.start_button)
    qtbot.waitUntil(lambda: demo_server.running and page.stop_button.isEnabled(),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: strip.server.text() == "Plant server: online"
                    and worker.status().pending == 0, timeout=WAIT_MS)
    assert offline_ids <= _server_records(demo_server)
    assert any(at_state[1].state == "offline" for at_state in page._log)

    # A record naming another station is rejected and stays visible until QA resolves it.
    other = SigningService(services.db, AuditLog("DEMO-STATION-02"), services.auth)
    made = other.create_and_sign(RecordDraft(RecordType.COMMENT, "B-2026-0142",
                                             {"text": "elsewhere"}), "op02", "demo-op02")
    assert made.ok
    qtbot.waitUntil(lambda: page.rejections.rowCount() >= 1, timeout=WAIT_MS)
    assert "another station" in page.rejections.item(0, 3).text()
    page.rejections.selectRow(0)
    assert not page.resolve_button.isEnabled()  # op02 is no QA user
    with pytest.raises(ResolveRefusedError):
        resolve_rejection(services.db, services.audit, read_sync_queue(services.db)
                          .rejections[0].id, user_id="op02", resolution="not mine to do")

    ctl.logout()
    log_in(qtbot, ctl, "qa01", "demo-qa01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    ctl.set_language("en")  # qa01 prefers Japanese
    _click(qtbot, ctl.workspace.nav_buttons["sync"])
    qtbot.waitUntil(lambda: page.rejections.rowCount() >= 1, timeout=WAIT_MS)
    before = page.rejections.rowCount()
    page.rejections.selectRow(0)
    assert page.resolve_button.isEnabled()
    _click(qtbot, page.resolve_button)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.resolution, "Test entry from a simulated second station; "
                    "no product impact.")
    qtbot.keyClicks(dialog.password, "wrong-password")
    _click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT_MS)
    assert page.rejections.rowCount() == before
    qtbot.keyClicks(dialog.password, "demo-qa01")
    _click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: page.rejections.rowCount() == before - 1, timeout=WAIT_MS)
    view = read_sync_queue(services.db)
    assert view.resolved_rejections == 1
    with services.db.read() as s:
        from sqlalchemy import select

        from operator_console.store.models import AuditEntry

        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.event == "sync_rejection_resolved")).one()
        assert entry.actor == "qa01" and "no product impact" in entry.reason


def test_demo_buttons_work_after_the_start_and_the_outage_reads_right(
        qtbot: QtBot, make_controller: Factory, services: Services,
        demo_server: DemoPlantServer) -> None:
    ctl = make_controller()
    page, strip = ctl.workspace.sync, ctl.workspace.status_strip
    # The launcher's order: the buttons are shown (disabled) while the server starts; the
    # worker arriving is what tells them the server runs.
    ctl.attach_demo_server(demo_server)
    page.set_demo_server(None)
    worker = demo_server.setup(services)
    ctl.attach_sync(worker)
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    _click(qtbot, ctl.workspace.nav_buttons["sync"])
    assert page.stop_button.isEnabled() and not page.start_button.isEnabled()
    qtbot.waitUntil(lambda: strip.server.text() == "Plant server: online", timeout=WAIT_MS)
    _click(qtbot, page.stop_button)
    qtbot.waitUntil(lambda: page.start_button.isEnabled(), timeout=WAIT_MS)
    _comment(services, "while the server is down")
    worker.wake()
    qtbot.waitUntil(lambda: strip.server.text().startswith("Plant server: offline since "),
                    timeout=WAIT_MS)
    since = strip.server.text()
    qtbot.waitUntil(lambda: page.last_error.isVisible(), timeout=WAIT_MS)
    assert page.last_error.text() == "Reason: the plant server does not answer"
    assert "Errno" not in page.last_error.text() and "ConnectError" not in strip.toolTip()
    qtbot.waitUntil(lambda: page.events.rowCount() > 0)
    assert not any("Errno" in (page.events.item(r, 2).text() if page.events.item(r, 2)
                               else "") for r in range(page.events.rowCount()))
    outage_start = ctl.sync_status().since
    for _ in range(3):  # retries do not move the start of the outage
        before = worker.status().since
        worker.wake()
        qtbot.waitUntil(lambda b=before: worker.status().since > b  # type: ignore[misc]
                        and worker.status().state == "offline", timeout=WAIT_MS)
        assert ctl.sync_status().since == outage_start
    assert strip.server.text() == since
    _click(qtbot, page.start_button)
    qtbot.waitUntil(lambda: strip.server.text() == "Plant server: online", timeout=WAIT_MS)
