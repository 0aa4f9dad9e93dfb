"""The logged-in workspace: header, navigation, pages and status strip. It only assembles."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.batch_steps import BatchSteps
from operator_console.application.sync_admin import SyncAdmin
from operator_console.auth.signing_service import SigningService
from operator_console.cassettes.service import CassetteService
from operator_console.store.audit import AuditReader
from operator_console.store.records_reader import RecordsReader
from operator_console.store.users import UserInfo
from operator_console.ui.pages.audit.page import AuditPage
from operator_console.ui.pages.batches.page import BatchesPage
from operator_console.ui.pages.cassettes.page import CassettesPage
from operator_console.ui.pages.home import HomePage
from operator_console.ui.pages.not_yet import NotYetPage
from operator_console.ui.pages.records.page import RecordsPage
from operator_console.ui.pages.review.page import ReviewPage
from operator_console.ui.pages.sync.page import SyncPage
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label
from operator_console.ui.widgets.scan_capture import ScanCapture
from operator_console.ui.widgets.status_strip import StatusStrip

PAGES = ("home", "batches", "cassettes", "traces", "records", "audit", "sync", "review")


class PageScroll(QScrollArea):
    """A page in a frameless scroll area: on a window smaller than the page needs (a
    1366x768 screen) the page scrolls instead of making the window larger than the screen,
    which would push the status strip and the page's right side off it.

    The page gets the whole area, as it would without it, and never less than its minimum
    (for a page of wrapped words, the minimum height at that width: none cut). Not Qt's
    ``widgetResizable``, which gives a page of wrapped words its preferred height (tables at
    their preferred size), so a page that fits the area would scroll.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setObjectName("PageScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)
        page.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        # The room with no scroll bar; a bar takes its part of it where one shows.
        room = self.maximumViewportSize()
        bar_w = self.verticalScrollBar().sizeHint().width()
        bar_h = self.horizontalScrollBar().sizeHint().height()
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        width = max(room.width(), least.width())
        height = max(least.height(), self._least_height(page, width))
        tall = height > room.height()
        if tall:
            width = max(room.width() - bar_w, least.width())
            height = max(least.height(), self._least_height(page, width))
        wide = width > room.width() - (bar_w if tall else 0)
        page.resize(width, max(height, room.height() - (bar_h if wide else 0)))

    @staticmethod
    def _least_height(page: QWidget, width: int) -> int:
        lay = page.layout()
        if lay is not None and lay.hasHeightForWidth():
            return lay.totalMinimumHeightForWidth(width)
        return 0


class Workspace(QWidget):
    sig_language_requested = Signal(str)
    """The user picked a language in the header."""
    sig_lock_requested = Signal()
    """The user locked the screen by hand."""
    sig_logout_requested = Signal()
    """The user asked to log out."""

    def __init__(self, audit_reader: AuditReader, runner: TaskRunner,
                 records_reader: RecordsReader, signing: SigningService,
                 cassettes: CassetteService, sync_admin: SyncAdmin, batches: BatchSteps,
                 demo_labels: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Workspace")
        self.home = HomePage()
        self.cassettes = CassettesPage(cassettes, runner, demo_labels)
        self.batches = BatchesPage(batches, signing, cassettes, runner, demo_labels)
        self.batches.sig_show_traces.connect(lambda: self.show_page("traces"))
        self.traces: QWidget = NotYetPage(lambda: self.tr("Traces"), lambda: self.tr(
            "No instruments are configured on this station, so there are no traces to show. "
            "Watch the values on the instrument's own display."))
        self.records = RecordsPage(records_reader, signing, runner)
        self.audit = AuditPage(audit_reader, runner)
        self.sync = SyncPage(sync_admin, runner)
        self.review = ReviewPage(runner)
        self.review.sig_waiting_changed.connect(
            lambda batches: self.home.set_waiting_for_qa(
                batches if ReviewPage.is_qa(self.review.user) else None))
        self.cassettes.sig_record_signed.connect(lambda _r, _m: self.records.refresh())
        # The Records page re-reads when shown; only refresh it now if it is on screen.
        self.batches.sig_changed.connect(
            lambda: self.records.refresh() if self.current_page() == "records" else None)
        self.records.sig_record_signed.connect(lambda r, _m: self.batches.record_signed(r))
        self.home.sig_open_requested.connect(self.open_work)
        self.cassettes.sig_verify_requested.connect(lambda: self.open_work("awaiting"))
        self.stack = QStackedWidget()
        self.nav_buttons: dict[str, QPushButton] = {}
        nav = QFrame()
        nav.setObjectName("NavBar")
        nav.setFixedWidth(230)
        nav_lay = QVBoxLayout(nav)
        nav_lay.setContentsMargins(0, 12, 0, 12)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for key, page in zip(PAGES, (self.home, self.batches, self.cassettes, self.traces,
                                     self.records, self.audit, self.sync, self.review),
                             strict=True):
            btn = QPushButton()
            btn.setObjectName(f"nav_{key}")
            btn.setCheckable(True)
            group.addButton(btn)
            nav_lay.addWidget(btn)
            self.stack.addWidget(PageScroll(page))
            btn.clicked.connect(lambda _checked=False, k=key: self.show_page(k))
            self.nav_buttons[key] = btn
        nav_lay.addStretch(1)

        header = QFrame()
        header.setObjectName("HeaderBar")
        self.user_label = label("subtitle")
        self.lang_ja = button()
        self.lang_ja.setText("日本語")
        self.lang_ja.setObjectName("langJa")
        self.lang_en = button()
        self.lang_en.setText("English")
        self.lang_en.setObjectName("langEn")
        self.lock_button = button()
        self.lock_button.setObjectName("lockButton")
        self.logout_button = button("danger")
        self.logout_button.setObjectName("logoutButton")
        # The on-screen keyboard (AppController wires it): for typed entry where no field is
        # tapped, e.g. a bay number typed into the cassette flow. Never takes focus, so a
        # scan still goes where it went.
        self.keyboard_button = button()
        self.keyboard_button.setObjectName("keyboardButton")
        self.keyboard_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lang_ja.clicked.connect(lambda: self.sig_language_requested.emit("ja"))
        self.lang_en.clicked.connect(lambda: self.sig_language_requested.emit("en"))
        self.lock_button.clicked.connect(self.sig_lock_requested.emit)
        self.logout_button.clicked.connect(self.sig_logout_requested.emit)
        head = QHBoxLayout(header)
        head.setContentsMargins(20, 8, 20, 8)
        head.addWidget(self.user_label, 1)
        for w in (self.keyboard_button, self.lang_ja, self.lang_en, self.lock_button,
                  self.logout_button):
            head.addWidget(w)

        self.status_strip = StatusStrip()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(nav)
        body.addWidget(self.stack, 1)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(header)
        root.addLayout(body, 1)
        # self.status_strip is placed by the main window, under every view (add_views).
        self._user_name = ""
        # A scan when no flow takes one (any page but a running cassette flow) is never
        # swallowed: the strip says where to start.
        self.stray_scans = ScanCapture(self, when=lambda: not self.cassettes.flow.isVisible()
                                       and not self.batches.owns_keys())
        self.stray_scans.sig_entered.connect(self._stray_entry)
        self.nav_buttons["review"].setVisible(False)
        self.retranslate()
        self.show_page("home")

    def showEvent(self, event: QShowEvent) -> None:
        self.stray_scans.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.stray_scans.stop()
        super().hideEvent(event)

    def _stray_entry(self, text: str, scanned: bool) -> None:
        if not scanned:
            return
        shown = text if len(text) <= 24 else text[:24] + "…"
        self.status_strip.show_notice(lambda: self.tr(
            "Scan %1 was read, but nothing is waiting for a scan. Start a load first "
            "(Cassettes, Load a cassette).").replace("%1", shown))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        names = {"home": self.tr("Home"), "batches": self.tr("Batches"),
                 "cassettes": self.tr("Cassettes"),
                 "traces": self.tr("Traces"), "records": self.tr("Records"),
                 "audit": self.tr("Audit"), "sync": self.tr("Sync"),
                 "review": self.tr("QA review")}
        for key, btn in self.nav_buttons.items():
            btn.setText(names[key])
        self.lock_button.setText(self.tr("Lock"))
        self.keyboard_button.setText(self.tr("Keyboard"))
        self.keyboard_button.setAccessibleName(self.tr("On-screen keyboard"))
        self.logout_button.setText(self.tr("Log out"))
        self.user_label.setText(self.tr("Logged in: %1").replace("%1", self._user_name))

    def set_user(self, printed_name: str, language: str) -> None:
        self._user_name = printed_name
        self.status_strip.set_user(printed_name, language)
        self.retranslate()

    def set_review_user(self, user: UserInfo | None) -> None:
        """The QA review page and its navigation exist for QA users only."""
        qa = ReviewPage.is_qa(user)
        self.nav_buttons["review"].setVisible(qa)
        self.review.set_user(user if qa else None)
        if not qa and self.current_page() == "review":
            self.show_page("home")

    def show_page(self, key: str) -> None:
        if key == "review" and not ReviewPage.is_qa(self.review.user):
            key = "home"  # the QA review is for QA only
        index = PAGES.index(key)
        self.stack.setCurrentIndex(index)
        self.nav_buttons[key].setChecked(True)
        if key == "audit":
            self.audit.refresh()
        elif key == "cassettes":
            self.cassettes.refresh()
        elif key == "batches":
            self.batches.refresh()
        elif key == "records":
            self.records.refresh()
        elif key == "sync":
            self.sync.refresh()

    def open_work(self, target: str) -> None:
        """Where a Home tile (or an awaiting bay) leads: a page, or the records awaiting
        verification."""
        if target == "awaiting":
            self.show_page("records")
            self.records.show_awaiting()
        elif target in PAGES:
            self.show_page(target)

    def set_traces_page(self, page: QWidget) -> None:
        """Replace the placeholder once instruments are connected."""
        index = PAGES.index("traces")
        old = self.stack.widget(index)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.insertWidget(index, PageScroll(page))
        self.traces = page

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()]
