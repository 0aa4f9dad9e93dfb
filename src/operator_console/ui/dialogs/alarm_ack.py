"""Acknowledging an alarm: one dialog, one act.

It shows what is acknowledged (channel, side and limit, live value, peak, start and end),
takes an optional comment (the action taken) and the password, and only on Acknowledge is
anything written: the signed record (when a batch is current) and then the acknowledgement
itself, audited with the comment. Cancel changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from operator_console.application.alarms import (
    MAX_COMMENT,
    ActiveAlarm,
    acknowledgement_outcome,
)
from operator_console.auth.signing_service import SigningService, SignOutcome
from operator_console.domain.channels import ChannelConfig
from operator_console.store.users import UserInfo
from operator_console.ui.dialogs.signature import outcome_text
from operator_console.ui.names.alarms import (
    alarm_state_name,
    channel_name,
    format_value,
    limit_text,
    time_of_day,
)
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label

log = logging.getLogger(__name__)


class AlarmAckDialog(QDialog):
    """Confirm (comment + password) or cancel the acknowledgement of one alarm."""

    sig_acknowledged = Signal(str, str, str)
    """Confirmed and recorded: (channel key, comment, record ID or "" if audited only)."""

    def __init__(self, alarm: ActiveAlarm, channel: ChannelConfig, batch_id: str,
                 signing: SigningService, runner: TaskRunner, user: UserInfo,
                 live: Callable[[], ActiveAlarm | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmAckDialog")
        self.setModal(True)
        self.setMinimumWidth(860)
        self._alarm, self._channel, self._batch = alarm, channel, batch_id
        self._signing, self._runner, self._user = signing, runner, user
        self._live = live
        self.busy = False
        self._message_fn: Callable[[], str] | None = None
        self.heading = label("title")
        self.captions = [label("hint") for _ in range(8)]
        self.values = [label() for _ in range(8)]
        for i, name in enumerate(("ackChannel", "ackState", "ackLimit", "ackValue", "ackPeak",
                                  "ackStart", "ackEnd", "ackBatch")):
            self.values[i].setObjectName(name)
        self.comment_caption = label()
        self.comment_edit = QLineEdit()
        self.comment_edit.setObjectName("ackComment")
        self.comment_edit.setMaxLength(MAX_COMMENT)
        self.password_caption = label()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("ackPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = label("hint")
        self.message = label("error")
        self.message.setObjectName("ackMessage")
        self.message.hide()
        self.cancel_button = button()
        self.cancel_button.setObjectName("ackCancel")
        self.confirm_button = button("danger")
        self.confirm_button.setObjectName("ackConfirm")
        self.confirm_button.setMinimumWidth(260)
        for b in (self.cancel_button, self.confirm_button):
            b.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)
        self.comment_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self._confirm)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for row, (cap, val) in enumerate(zip(self.captions, self.values, strict=True)):
            grid.addWidget(cap, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(val, row, 1)
        grid.setColumnStretch(1, 1)
        fields = QGridLayout()
        fields.addWidget(self.comment_caption, 0, 0)
        fields.addWidget(self.comment_edit, 0, 1)
        fields.addWidget(self.password_caption, 1, 0)
        fields.addWidget(self.password_edit, 1, 1)
        fields.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.addWidget(self.heading)
        root.addLayout(grid)
        root.addLayout(fields)
        root.addWidget(self.note)
        root.addWidget(self.message)
        root.addLayout(buttons)
        self.retranslate()
        self.password_edit.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Follow the live value and peak while the dialog is open."""
        if self._live is not None and not self.busy:
            current = self._live()
            if current is not None:
                self._alarm = current
                self.retranslate()

    def retranslate(self) -> None:
        a, ch = self._alarm, self._channel
        self.setWindowTitle(self.tr("Acknowledge alarm"))
        self.heading.setText(self.tr("Acknowledge this alarm"))
        rows = (
            (self.tr("Channel"), channel_name(ch)),
            (self.tr("State"), alarm_state_name(a.state)),
            (self.tr("Limit"), limit_text(a, ch)),
            (self.tr("Value now"), format_value(ch, a.value)),
            (self.tr("Peak"), self.tr("%1 at %2").replace("%1", format_value(ch, a.peak))
             .replace("%2", time_of_day(a.peak_at))),
            (self.tr("Started"), time_of_day(a.started_at)),
            (self.tr("Ended"), time_of_day(a.ended_at) if a.ended_at is not None
             else self.tr("still beyond the limit")),
            (self.tr("Batch"), self._batch or self.tr("no batch in progress")),
        )
        for (cap, val), cl, vl in zip(rows, self.captions, self.values, strict=True):
            cl.setText(cap)
            vl.setText(val)
        self.comment_caption.setText(self.tr("Comment or action taken (optional)"))
        self.password_caption.setText(self.tr("Your password"))
        self.note.setText(
            self.tr("%1 acknowledges. The acknowledgement is signed into the batch record.")
            .replace("%1", self._user.printed_name) if self._batch else
            self.tr("%1 acknowledges. The acknowledgement is recorded in the audit trail.")
            .replace("%1", self._user.printed_name))
        self.cancel_button.setText(self.tr("Cancel"))
        self.confirm_button.setText(self.tr("Acknowledge"))
        if self._message_fn is not None:
            self.message.setText(self._message_fn())

    def _show_message(self, fn: Callable[[], str]) -> None:
        self._message_fn = fn
        self.message.setText(fn())
        self.message.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.comment_edit, self.password_edit, self.cancel_button,
                  self.confirm_button):
            w.setEnabled(not busy)

    def _confirm(self) -> None:
        if self.busy:
            return
        password = self.password_edit.text()
        if not password:
            self._show_message(lambda: self.tr("Enter your password to acknowledge."))
            self.password_edit.setFocus()
            return
        self._set_busy(True)
        alarm, channel, batch = self._alarm, self._channel, self._batch
        comment, uid, signing = self.comment_edit.text().strip(), self._user.user_id, self._signing
        self._runner.submit(
            lambda: acknowledgement_outcome(signing, alarm, channel, batch, comment, uid,
                                            password),
            lambda outcome: self._done(outcome, comment), self._failed)

    def _done(self, outcome: SignOutcome, comment: str) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        if not outcome.ok:
            self._show_message(lambda: outcome_text(outcome, own_id=True))
            self.password_edit.setFocus()
            return
        self.sig_acknowledged.emit(self._channel.key, comment, outcome.record_id or "")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        log.error("alarm acknowledgement failed: %r", exc)
        self._show_message(lambda: self.tr(
            "The acknowledgement could not be recorded: %1. Nothing was changed; try again."
        ).replace("%1", str(exc)))

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)
