"""The strip along the bottom: station, user, language, plant server state, sync queue."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from operator_console.status import StationStatus
from operator_console.ui.formatting import format_count
from operator_console.ui.widgets import set_state


class StatusStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusStrip")
        self.setFixedHeight(48)
        self._status: StationStatus | None = None
        self._user = ""
        self._language = "ja"
        self.station = QLabel()
        self.user = QLabel()
        self.language = QLabel()
        self.server = QLabel()
        self.server.setObjectName("serverState")
        self.queue = QLabel()
        self.queue.setObjectName("syncQueue")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 0, 8, 0)
        for w in (self.station, self.user, self.language):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.server)
        lay.addWidget(self.queue)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_user(self, printed_name: str, language: str) -> None:
        self._user, self._language = printed_name, language
        self.retranslate()

    def set_status(self, status: StationStatus) -> None:
        self._status = status
        self.retranslate()

    def retranslate(self) -> None:
        st = self._status
        self.station.setText(self.tr("Station: %1").replace("%1", st.station if st else "…"))
        self.user.setText(self.tr("User: %1").replace("%1", self._user))
        self.language.setText(self.tr("Language: %1").replace(
            "%1", "日本語" if self._language == "ja" else "English"))
        self.server.setText(self.tr("Plant server: offline (not enrolled)"))
        set_state(self.server, "offline")
        pending = st.pending_sync if st else 0
        self.queue.setText(self.tr("Waiting to sync: %1").replace("%1", format_count(pending)))
