"""Audit page: the trail newest first, filterable, with the hash chain's verification state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from operator_console.domain.audit_chain import ChainReport
from operator_console.domain.channels import ChannelConfig
from operator_console.domain.manifestation import format_utc_iso
from operator_console.store.audit import AuditFilter, AuditReader, AuditRow
from operator_console.store.instruments import load_channels
from operator_console.store.records_reader import record_subjects
from operator_console.store.users import printed_names
from operator_console.ui.names.events import event_codes, event_name
from operator_console.ui.names.formatting import format_count
from operator_console.ui.pages.audit.model import AuditTableModel, Column
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, set_state

PERIODS: tuple[tuple[str, timedelta | None], ...] = (
    ("all", None), ("hour", timedelta(hours=1)), ("day", timedelta(days=1)),
    ("week", timedelta(days=7)),
)


class AuditPage(QWidget):
    def __init__(self, reader: AuditReader, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader, self._runner = reader, runner
        self._report: ChainReport | None = None
        self._verifying = False
        self.heading = label("title")
        self.chain_state = label("info")
        self.chain_state.setObjectName("chainState")
        self.user_filter = QComboBox()
        self.user_filter.setObjectName("auditUserFilter")
        self.event_filter = QComboBox()
        self.event_filter.setObjectName("auditEventFilter")
        self.period_filter = QComboBox()
        self.period_filter.setObjectName("auditPeriodFilter")
        self.refresh_button = button()
        self.verify_button = button()
        self.verify_button.setObjectName("verifyChainButton")
        self.count_label = label("hint")
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.CHANGE, QHeaderView.ResizeMode.Stretch)
        # The subject is cut before the change is: its whole text is in the tool tip.
        header.setSectionResizeMode(Column.TARGET, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.TARGET, 320)

        self.event_filter.addItem("", None)
        for code in event_codes():
            self.event_filter.addItem("", code)
        self.user_filter.addItem("", None)
        for key, _delta in PERIODS:
            self.period_filter.addItem("", key)
        for combo in (self.user_filter, self.event_filter, self.period_filter):
            combo.currentIndexChanged.connect(self.refresh)
            combo.setMinimumWidth(220)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)

        filters = QHBoxLayout()
        filters.addWidget(self.user_filter)
        filters.addWidget(self.event_filter)
        filters.addWidget(self.period_filter)
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 20, 28, 20)
        root.addWidget(self.heading)
        root.addWidget(self.chain_state)
        root.addLayout(filters)
        root.addWidget(self.table, 1)
        root.addWidget(self.count_label)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Audit trail"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.verify_button.setText(self.tr("Verify chain"))
        self.user_filter.setItemText(0, self.tr("All users"))
        self.event_filter.setItemText(0, self.tr("All events"))
        for i in range(1, self.event_filter.count()):
            self.event_filter.setItemText(i, event_name(str(self.event_filter.itemData(i))))
        period_names = {"all": self.tr("All time"), "hour": self.tr("Last hour"),
                        "day": self.tr("Last 24 hours"), "week": self.tr("Last 7 days")}
        for i in range(self.period_filter.count()):
            self.period_filter.setItemText(i, period_names[str(self.period_filter.itemData(i))])
        self.model.retranslate()
        self._show_chain_state()
        self.count_label.setText(
            self.tr("%1 entries shown, newest first").replace(
                "%1", format_count(self.model.rowCount())))

    def current_filter(self) -> AuditFilter:
        since = None
        delta = dict(PERIODS)[str(self.period_filter.currentData())]
        if delta is not None:
            since = format_utc_iso(datetime.now(UTC) - delta)
        return AuditFilter(actor=self.user_filter.currentData(),
                           event=self.event_filter.currentData(), since=since)

    def refresh(self) -> None:
        flt, reader = self.current_filter(), self._reader

        def load() -> tuple[list[AuditRow], tuple[list[str], list[str]], dict[str, str],
                            dict[str, tuple[str, str]], dict[str, ChannelConfig]]:
            db = reader.db
            return (reader.query(flt), reader.choices(), printed_names(db),
                    record_subjects(db), {c.key: c for c in load_channels(db)})

        self._runner.submit(load, self._loaded)

    def _loaded(self, result: tuple[list[AuditRow], tuple[list[str], list[str]],
                                    dict[str, str], dict[str, tuple[str, str]],
                                    dict[str, ChannelConfig]]) -> None:
        rows, (actors, _events), names, subjects, channels = result
        self.model.names, self.model.subjects = names, subjects
        self.model.channels = channels
        self.model.set_rows(rows)
        known = {self.user_filter.itemData(i) for i in range(self.user_filter.count())}
        self.user_filter.blockSignals(True)
        for actor in actors:
            if actor not in known:
                name = names.get(actor)
                self.user_filter.addItem(f"{name} ({actor})" if name else actor, actor)
        self.user_filter.blockSignals(False)
        self.retranslate()

    def verify(self) -> None:
        self._verifying = True
        self._show_chain_state()
        self._runner.submit(self._reader.verify, self._verified)

    def _verified(self, report: ChainReport) -> None:
        self._verifying = False
        self._report = report
        self._show_chain_state()

    def _show_chain_state(self) -> None:
        r = self._report
        if self._verifying:
            text, state = self.tr("Verifying the audit trail…"), ""
        elif r is None:
            text, state = self.tr("The audit trail has not been verified yet."), ""
        elif r.ok:
            text = self.tr("Audit trail verified: %1 entries, chain intact.").replace(
                "%1", format_count(r.count))
            state = "ok"
        else:
            text = self.tr("Audit trail BROKEN at entry %1. Stop and inform QA.").replace(
                "%1", str(r.first_bad_seq))
            state = "alarm"
        self.chain_state.setText(text)
        set_state(self.chain_state, state)
        self.chain_state.setProperty("role", "error" if state == "alarm" else "info")
        self.chain_state.style().unpolish(self.chain_state)
        self.chain_state.style().polish(self.chain_state)
        self.table.setEnabled(True)
