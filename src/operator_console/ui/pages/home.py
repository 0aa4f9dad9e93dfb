"""Home: the station's state at a glance, in tiles readable from a step away."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from operator_console.application.review import WaitingBatch
from operator_console.application.station_status import StationStatus
from operator_console.sync.status import SyncStatus
from operator_console.ui.names.formatting import format_count
from operator_console.ui.names.sync import tile_text
from operator_console.ui.pages.review.clock import waited_text
from operator_console.ui.widgets.basics import label, set_state, styled


class TileValue(QLabel):
    """The tile's big value: wraps between words, and takes a smaller size (the theme's
    ``tileValue`` sizes) when one word (a station name such as DEMO-STATION-01) is wider
    than the tile, so it is never cut."""

    SIZES = (("tileValue", 30), ("tileValueSmall", 25), ("tileValueSmallest", 20))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "tileValue")
        self.setWordWrap(True)
        self._pending = False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_soon()

    def _fit_soon(self) -> None:
        # Restyled after the layout pass that resized it, never inside one.
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._fit)

    def _fit(self) -> None:
        self._pending = False
        width = self.contentsRect().width()
        if width <= 0:
            return
        words = self.text().split() or [""]
        role = self.SIZES[-1][0]
        for name, px in self.SIZES:
            font = QFont(self.font())
            font.setPixelSize(px)
            if max(QFontMetrics(font).horizontalAdvance(w) for w in words) <= width:
                role = name
                break
        if self.property("role") != role:
            styled(self, role)


class Tile(QFrame):
    """A titled value with a one-line explanation; touching it opens where the work is."""

    sig_touched = Signal()
    """The tile was touched (released inside it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # As tall as its words need (a long explanation wraps onto more lines and the row
        # grows with it; never cut), at least a good touch target. Three rows of tiles fit a
        # 1366x768 window; Home scrolls (the workspace's scroll area) rather than cut a tile.
        self.setMinimumHeight(130)
        self.title = label("subtitle")
        self.value = TileValue()
        self.detail = label("hint")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 10, 20, 10)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)
        lay.addStretch(1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.sig_touched.emit()
        super().mouseReleaseEvent(event)


class HomePage(QWidget):
    sig_open_requested = Signal(str)
    """A tile was touched: the page to open ("batches", "sync", "traces", "awaiting",
    "review")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status: StationStatus | None = None
        self._sync: SyncStatus | None = None
        self._instruments = (0, 0, 0)
        self.heading = label("title")
        self.server = Tile()
        self.queue = Tile()
        self.instruments = Tile()
        self.alarms = Tile()
        self.signatures = Tile()
        self.station = Tile()
        self.batches = Tile()
        # QA only: the release clock of the batches waiting for review and release.
        self.release_clock = Tile()
        self.release_clock.setAccessibleName("releaseClockTile")
        self.release_clock.hide()
        self.release_clock.sig_touched.connect(lambda: self.sig_open_requested.emit("review"))
        self._waiting: list[WaitingBatch] | None = None
        for tile, target in ((self.batches, "batches"), (self.server, "sync"),
                             (self.queue, "sync"),
                             (self.instruments, "traces"), (self.alarms, "traces"),
                             (self.signatures, "awaiting")):
            tile.sig_touched.connect(lambda t=target: self.sig_open_requested.emit(t))
        grid = QGridLayout()
        grid.setSpacing(12)
        for col in range(3):
            grid.setColumnStretch(col, 1)  # equal columns, whatever their words
        for i, tile in enumerate((self.station, self.batches, self.server, self.queue,
                                  self.instruments, self.alarms, self.signatures,
                                  self.release_clock)):
            grid.addWidget(tile, i // 3, i % 3)
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 10, 28, 10)
        root.addWidget(self.heading)
        root.addLayout(grid)
        root.addStretch(1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_instruments(self, connected: int, total: int, active_alarms: int) -> None:
        self._instruments = (connected, total, active_alarms)
        self.retranslate()

    def set_status(self, status: StationStatus) -> None:
        self._status = status
        self.retranslate()

    def set_waiting_for_qa(self, batches: list[WaitingBatch] | None) -> None:
        """The batches waiting for QA (a QA user is logged in), or None: no tile."""
        self._waiting = batches if batches else None
        self.release_clock.setVisible(self._waiting is not None)
        self.retranslate()

    def set_sync(self, status: SyncStatus) -> None:
        if status == self._sync:
            return
        self._sync = status
        self.retranslate()

    def retranslate(self) -> None:
        st = self._status
        self.heading.setText(self.tr("Station status"))
        self.station.title.setText(self.tr("Station"))
        self.station.value.setText(st.station if st else "…")
        self.station.detail.setText(self.tr("This workstation's name at the plant."))

        self.server.title.setText(self.tr("Plant server"))
        if self._sync is None:
            self.server.value.setText(self.tr("Not enrolled"))
            self.server.detail.setText(self.tr(
                "This station is not connected to a plant server yet. Records are kept "
                "locally."))
            set_state(self.server, "warn")
        else:
            value, detail, state = tile_text(self._sync)
            self.server.value.setText(value)
            self.server.detail.setText(detail)
            set_state(self.server, state)

        self.queue.title.setText(self.tr("Waiting to sync"))
        pending = self._sync.pending if self._sync is not None else \
            st.pending_sync if st else None
        self.queue.value.setText(format_count(pending) if pending is not None else "…")
        self.queue.detail.setText(self.tr("Entries stored here that the plant server has not "
                                          "acknowledged yet."))

        self.instruments.title.setText(self.tr("Instruments"))
        connected, total, active = self._instruments
        if total == 0:
            self.instruments.value.setText(self.tr("None connected"))
            self.instruments.detail.setText(self.tr(
                "Instrument connections are not configured on this station yet."))
            set_state(self.instruments, "")
        else:
            self.instruments.value.setText(self.tr("%1 of %2 connected").replace(
                "%1", format_count(connected)).replace("%2", format_count(total)))
            self.instruments.detail.setText(
                self.tr("All instrument connections are up.") if connected == total else
                self.tr("An instrument is disconnected: its traces show a gap. Check the "
                        "instrument and its network cable."))
            set_state(self.instruments, "ok" if connected == total else "alarm")

        self.alarms.title.setText(self.tr("Active alarms"))
        if total == 0:
            self.alarms.value.setText(self.tr("None"))
            self.alarms.detail.setText(self.tr("No instruments are connected, so no alarms can "
                                               "be raised."))
            set_state(self.alarms, "")
        else:
            self.alarms.value.setText(format_count(active) if active else self.tr("None"))
            self.alarms.detail.setText(
                self.tr("See the alarm banner and acknowledge each alarm.") if active else
                self.tr("All values are within their limits."))
            set_state(self.alarms, "alarm" if active else "ok")

        self._show_signatures(st)
        self._show_batches(st)
        self._show_release_clock()

    def _show_batches(self, st: StationStatus | None) -> None:
        self.batches.title.setText(self.tr("Batches"))
        if st is None:
            self.batches.value.setText("…")
            self.batches.detail.setText("")
            return
        self.batches.value.setText(format_count(st.batches) if st.batches else self.tr("None"))
        if st.batches_blocked:
            self.batches.detail.setText(self.tr(
                "%1 blocked by a critical exception: QA must disposition it.").replace(
                "%1", format_count(st.batches_blocked)))
            set_state(self.batches, "alarm")
        elif st.batches_to_do:
            self.batches.detail.setText(self.tr("%1 with a step to do now.").replace(
                "%1", format_count(st.batches_to_do)))
            set_state(self.batches, "warn")
        else:
            self.batches.detail.setText(self.tr("No step to do now.") if st.batches else
                                        self.tr("No batch of this station yet."))
            set_state(self.batches, "ok" if st.batches else "")

    def _show_release_clock(self) -> None:
        waiting = self._waiting
        self.release_clock.title.setText(self.tr("Waiting for QA release"))
        if not waiting:
            return
        longest = max(waiting, key=lambda b: b.waiting_seconds or 0)
        self.release_clock.value.setText(format_count(len(waiting)))
        self.release_clock.detail.setText(self.tr("Longest: %1, waiting %2").replace(
            "%1", longest.batch_id).replace("%2", waited_text(longest.waiting_seconds)))
        set_state(self.release_clock, "warn")

    def _show_signatures(self, st: StationStatus | None) -> None:
        self.signatures.title.setText(self.tr("Awaiting second signature"))
        if st is None:
            self.signatures.value.setText("…")
            self.signatures.detail.setText("")
            set_state(self.signatures, "")
            return
        count = st.awaiting_verification
        self.signatures.value.setText(format_count(count) if count else self.tr("None"))
        if st.overdue_verification:
            self.signatures.detail.setText(self.tr(
                "OVERDUE: %1 waiting longer than %2 minutes. Ask a verifier to sign now "
                "(Records, Awaiting verification).").replace(
                "%1", format_count(st.overdue_verification)).replace(
                "%2", format_count(st.verification_overdue_minutes)))
            set_state(self.signatures, "alarm")
        elif count:
            self.signatures.detail.setText(self.tr(
                "Records waiting for a second person to verify them. None is overdue yet."))
            set_state(self.signatures, "warn")
        else:
            self.signatures.detail.setText(self.tr(
                "No record is waiting for a second signature."))
            set_state(self.signatures, "ok")
