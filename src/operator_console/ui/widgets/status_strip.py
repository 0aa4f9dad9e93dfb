"""The strip along the bottom: station, user, language, plant server state, sync queue.

The plant server state comes from the sync worker's ``status()``, polled by the controller
on a timer (``set_sync``), never pushed per event.

The clock, the plant server state (offline since when, sending how many) and the queue are
never cut: they are what the strip is for. Where the window is too narrow for everything (a
1366-pixel screen, English texts while a sync runs) the strip leaves out what the screen
says elsewhere, in this order: the language (the header's buttons), the station (Home), the
user (the header); a notice wraps onto a second line rather than being cut.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QEvent, QLocale, QSize, QTimer
from PySide6.QtGui import QResizeEvent
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
        # Light on the dark strip; a size that holds two lines in it when squeezed.
        self.notice.setStyleSheet("color: #ffb4a8; font-weight: 700; font-size: 15px;")
        self.notice.setMinimumWidth(1)
        self.notice.setWordWrap(True)  # squeezed: two lines, never cut
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
        lay.addStretch(0)  # the room a shown notice does not take (it takes it all)
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
        self._lay = lay
        self.retranslate()

    # -- fitting ------------------------------------------------------------------------------
    @property
    def _essential(self) -> list[QWidget]:
        return [w for w in (self.clock, self.server, self.progress, self.queue)
                if not w.isHidden()]

    @property
    def _optional(self) -> tuple[QLabel, ...]:
        """Left out first to last when the strip is short of room."""
        return self.language, self.station, self.user

    def _width_of(self, widgets: list[QWidget]) -> int:
        margins = self._lay.contentsMargins()
        spacing = max(self._lay.spacing(), 0)
        return (margins.left() + margins.right() + sum(w.sizeHint().width() for w in widgets)
                + spacing * max(len(widgets) - 1, 0))

    def minimumSizeHint(self) -> QSize:
        """What must be readable: the clock, the plant server state, the queue."""
        return QSize(self._width_of(self._essential), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Show the optional labels that fit beside the essentials and a notice (on at most
        two lines), most useful first."""
        shown = self._essential
        notice = [self.notice] if self._notice_fn is not None else []
        words = 0
        if notice:
            line = self.notice.fontMetrics().horizontalAdvance(self.notice.text())
            words = line // 2 + 40  # two lines and the label's padding
        keep: list[QLabel] = []
        for w in reversed(self._optional):  # user, station, language
            if self._width_of(shown + keep + [w]) + words <= self.width():
                keep.append(w)
        for w in self._optional:
            w.setVisible(w in keep)

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
        self._fit()

    def clear_notice(self) -> None:
        self._notice_fn = None
        self.notice.hide()
        self._fit()

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
        self.updateGeometry()
        self._fit()
