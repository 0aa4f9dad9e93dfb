"""Cassettes page: the station's bays at a glance, and the guided load and unload flows.

Each bay is a card: free, loaded (which cassette, which batch, since when, by whom), awaiting
verification, or out of service. Touching a loaded bay starts its unload; the big buttons
start a load or an unload. The flows live in :class:`~operator_console.ui.pages.cassettes.flow.
CassetteFlow`; this page only switches between the overview and a flow and refreshes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.cassette_flow import FlowMode
from operator_console.cassettes.service import CassetteService
from operator_console.domain.cassette_state import CassetteState
from operator_console.store.cassettes import BayView
from operator_console.store.users import UserInfo
from operator_console.ui.names.cassettes import bay_state_name
from operator_console.ui.names.formatting import format_local
from operator_console.ui.pages.cassettes.flow import CassetteFlow, bay_state_code
from operator_console.ui.pages.cassettes.parts import STYLE
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, set_state

_CARD_STATE = {"free": "ok", "loaded": "", "load_pending": "warn", "unload_pending": "warn",
               "out_of_service": "off", "conflict": "alarm"}


class BayCard(QFrame):
    """One bay: its ID in large type, its state in words, and what it holds."""

    sig_touched = Signal(str)
    """The card was touched: (bay ID)."""

    def __init__(self, view: BayView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BayCard")
        self.view = view
        self.title, self.state, self.detail = label("bayTitle"), label("bayState"), label()
        self.detail.setObjectName("bayDetail")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 12)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state, 1, Qt.AlignmentFlag.AlignRight)
        lay.addLayout(head)
        lay.addWidget(self.detail, 1, Qt.AlignmentFlag.AlignTop)
        self.setMinimumHeight(190)
        set_state(self, _CARD_STATE[bay_state_code(view)])
        self.retranslate()

    def retranslate(self) -> None:
        v = self.view
        self.title.setText(v.bay_id)
        self.state.setText(bay_state_name(bay_state_code(v)))
        if v.serial is None:
            self.detail.setText(self.tr("No cassette.") if v.in_service
                                else self.tr("Do not use this bay."))
            return
        lines = [self.tr("Cassette %1 (lot %2)").replace("%1", v.serial).replace(
                     "%2", v.lot or "-"),
                 self.tr("Batch %1").replace("%1", v.batch_id or "-")]
        if v.since is not None:
            lines.append(self.tr("Since %1").replace("%1", format_local(v.since, seconds=False)))
        lines.append(self.tr("Loaded by %1").replace("%1", v.loaded_by or "-"))
        lines.append(self.tr("Verified by %1").replace("%1", v.verified_by) if v.verified_by
                     else self.tr("Not verified yet"))
        if not v.in_service:
            lines.append(self.tr("Bay out of service"))
        self.detail.setText("\n".join(lines))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.sig_touched.emit(self.view.bay_id)
        super().mouseReleaseEvent(event)


class CassettesPage(QWidget):
    """``CassettesPage(service, runner, demo_labels=...)``; call :meth:`set_user` at login."""

    sig_record_signed = Signal(str, str)
    """A cassette record was signed here: (record ID, meaning code)."""
    sig_verify_requested = Signal()
    """A bay awaiting verification was touched: open the records awaiting a verifier."""

    def __init__(self, service: CassetteService, runner: TaskRunner,
                 demo_labels: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CassettesPage")
        self.setStyleSheet(STYLE)
        self._service, self._runner = service, runner
        self.cards: dict[str, BayCard] = {}
        self.heading = label("title")
        self.hint = label("hint")
        self.load_button = button("primary")
        self.load_button.setObjectName("startLoad")
        self.unload_button = button()
        self.unload_button.setObjectName("startUnload")
        self.refresh_button = button()
        self.refresh_button.setObjectName("refreshBays")
        for b in (self.load_button, self.unload_button):
            b.setMinimumSize(300, 88)
        self.load_button.clicked.connect(lambda: self.start(FlowMode.LOAD))
        self.unload_button.clicked.connect(lambda: self.start(FlowMode.UNLOAD))
        self.refresh_button.clicked.connect(self.refresh)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(14)

        overview = QWidget()
        lay = QVBoxLayout(overview)
        lay.setContentsMargins(28, 20, 28, 20)
        lay.setSpacing(14)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.refresh_button)
        lay.addLayout(head)
        lay.addWidget(self.hint)
        lay.addWidget(self._grid_host)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.unload_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.overview = overview
        self.flow = CassetteFlow(service, runner, demo_labels)
        self.flow.sig_closed.connect(self.show_overview)
        self.flow.sig_record_signed.connect(self.sig_record_signed)
        self.stack = QStackedWidget()
        self.stack.addWidget(overview)
        self.stack.addWidget(self.flow)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.stack)
        self.retranslate()

    def set_user(self, user: UserInfo | None) -> None:
        """The logged-in person (performer of the flows); None after logout. Another person
        finds the overview, not the previous person's flow."""
        before = self.flow.user_id
        self.flow.set_user(user)
        if user is None or (user.user_id != before):
            self.show_overview()

    def start(self, mode: FlowMode, bay_id: str | None = None) -> None:
        self.stack.setCurrentWidget(self.flow)
        self.flow.begin(mode, bay_id)

    def show_overview(self) -> None:
        self.stack.setCurrentWidget(self.overview)
        self.refresh()

    def refresh(self) -> None:
        self._runner.submit(self._service.bays_overview, self._show_bays)

    def _show_bays(self, bays: list[BayView]) -> None:
        for card in self.cards.values():
            card.hide()
            card.deleteLater()
        self.cards.clear()
        for i, view in enumerate(bays):
            card = BayCard(view)
            card.sig_touched.connect(self._touched)
            self._grid.addWidget(card, i // 3, i % 3)
            self.cards[view.bay_id] = card

    def _touched(self, bay_id: str) -> None:
        card = self.cards.get(bay_id)
        if card is not None and card.view.state is CassetteState.LOADED:
            self.start(FlowMode.UNLOAD, bay_id)
        elif card is not None and card.view.state in (CassetteState.LOAD_PENDING,
                                                      CassetteState.UNLOAD_PENDING):
            self.sig_verify_requested.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Cassettes"))
        self.hint.setText(self.tr("Bays of this station. Touch a loaded bay to unload it."))
        self.load_button.setText(self.tr("Load a cassette"))
        self.unload_button.setText(self.tr("Unload a cassette"))
        self.refresh_button.setText(self.tr("Refresh"))
        for card in self.cards.values():
            card.retranslate()
