"""The strip along the bottom: station, user, language, plant server state, sync queue.

The plant server state comes from the sync worker's ``status()``, polled by the controller
on a timer (``set_sync``), never pushed per event.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QEvent, QLocale, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget

from operator_console.application.station_status import StationStatus
from operator_console.sync.status import SyncStatus
from operator_console.ui.names.formatting import format_count
from operator_console.ui.names.sync import outage_text, strip_text
from operator_console.ui.widgets.basics import set_state


class StatusStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusStrip")
        self.setFixedHeight(48)
        self._status: StationStatus | None = None
        self._sync: SyncStatus | None = None
        self._user = ""
        self._language = "ja"
        self.station = QLabel()
        self.user = QLabel()
        self.language = QLabel()
        self.server = QLabel()
        self.server.setObjectName("serverState")
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.queue = QLabel()
        self.queue.setObjectName("syncQueue")
        self.notice = QLabel()
        self.notice.setObjectName("stripNotice")
        self.notice.setStyleSheet("color: #8a0f12; font-weight: 700;")
        self.notice.setMinimumWidth(1)
        self.notice.hide()
        self._notice_fn: Callable[[], str] | None = None
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.clear_notice)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 0, 8, 0)
        for w in (self.station, self.user, self.language):
            lay.addWidget(w)
        lay.addWidget(self.notice, 1)
        lay.addStretch(1)
        self.clock = QLabel()
        self.clock.setObjectName("stripClock")
        self.clock.setStyleSheet("font-size: 20px; font-weight: 700;")
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start()
        self._tick()
        lay.addWidget(self.clock)
        lay.addWidget(self.server)
        lay.addWidget(self.progress)
        lay.addWidget(self.queue)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _tick(self) -> None:
        """The time of day on every screen (a cleanroom has no watch on the wrist)."""
        now = QDateTime.currentDateTime()
        self.clock.setText(f"{QLocale().toString(now, 'HH:mm:ss')} "
                           f"{now.timeZoneAbbreviation()}".strip())

    def show_notice(self, text_fn: Callable[[], str], ms: int = 15000) -> None:
        """A message that clears itself after ``ms`` (e.g. a scan nothing was waiting for)."""
        self._notice_fn = text_fn
        self.notice.setText(text_fn())
        self.notice.show()
        self._notice_timer.start(ms)

    def clear_notice(self) -> None:
        self._notice_fn = None
        self.notice.hide()

    def set_user(self, printed_name: str, language: str) -> None:
        self._user, self._language = printed_name, language
        self.retranslate()

    def set_status(self, status: StationStatus) -> None:
        self._status = status
        self.retranslate()

    def set_sync(self, status: SyncStatus) -> None:
        if status == self._sync:
            return
        self._sync = status
        self.retranslate()

    def retranslate(self) -> None:
        if self._notice_fn is not None:
            self.notice.setText(self._notice_fn())
        st = self._status
        self.station.setText(self.tr("Station: %1").replace("%1", st.station if st else "…"))
        self.user.setText(self.tr("User: %1").replace("%1", self._user or "—"))
        # The language the screen is shown in, whoever is (or is not yet) logged in: the
        # installed translation says it (the login screen's choice included).
        self.language.setText(self.tr("Language: English"))
        sync = self._sync
        if sync is None:
            text, state = self.tr("Plant server: not enrolled"), "offline"
        else:
            text, state = strip_text(sync)
        self.server.setText(text)
        self.server.setToolTip(outage_text(sync) if sync else "")
        set_state(self.server, state)
        syncing = sync is not None and sync.state == "syncing" and sync.total > 0
        if syncing and sync is not None:
            self.progress.setRange(0, sync.total)
            self.progress.setValue(min(sync.sent, sync.total))
        self.progress.setVisible(syncing)
        pending = sync.pending if sync is not None else st.pending_sync if st else 0
        self.queue.setText(self.tr("Waiting to sync: %1").replace("%1", format_count(pending)))
