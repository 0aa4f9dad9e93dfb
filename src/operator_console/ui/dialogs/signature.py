"""The one electronic-signature dialog, for every record type that needs a signature.

It shows exactly what is signed (record type, batch, the hashed content as lines, and for a
correction the original record and the reason), the meaning of the signature, and asks for
the password every time. Step 1: the logged-in performer signs "performed". Step 2 (if the
record type needs two-person verification): a second person types their own user ID and
password and signs "verified", or the record is left awaiting verification ("Verify later").
All checks and the commit run in the ``TaskRunner``; the dialog only shows the answer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from operator_console.auth.service import AuthRefusal
from operator_console.auth.signing_service import SigningService, SignOutcome
from operator_console.domain.records import (
    Meaning,
    RecordDraft,
    RecordStatus,
    RecordType,
    policy_for,
)
from operator_console.domain.signatures import RefusalCode
from operator_console.store.records import RecordView
from operator_console.store.records_reader import ServerCheck
from operator_console.store.users import UserInfo
from operator_console.ui.names.events import auth_refusal_text
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.record_content import readable_content
from operator_console.ui.names.records import (
    meaning_name,
    record_type_name,
    refusal_text,
    server_check_name,
)
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, styled
from operator_console.ui.widgets.content_table import ContentTable
from operator_console.ui.widgets.touch_keyboard import latin_only

log = logging.getLogger(__name__)


def sign_auth_text(code: str, attempts_left: int | None, *, own_id: bool) -> str:
    """An authentication refusal while signing. A wrong password always says how many tries
    are left, because signing failures count toward the lockout like failed logins."""
    if code == AuthRefusal.BAD_CREDENTIALS:
        first = (QCoreApplication.translate(
            "SignRefusal", "The password is not correct. Enter your password again.")
            if own_id else auth_refusal_text(code))
        if attempts_left is None:
            return first
        return first + " " + QCoreApplication.translate(
            "SignRefusal", "Attempts left before the account is locked: %1.").replace(
            "%1", str(attempts_left))
    if code == AuthRefusal.ACCOUNT_LOCKED:
        return refusal_text(RefusalCode.ACCOUNT_LOCKED)
    if code == AuthRefusal.ACCOUNT_DISABLED:
        return refusal_text(RefusalCode.ACCOUNT_DISABLED)
    if code == AuthRefusal.ACCOUNT_LOCKED_NOW:
        return refusal_text(RefusalCode.ACCOUNT_LOCKED_NOW)
    return auth_refusal_text(code, attempts_left)


def outcome_text(outcome: SignOutcome, *, own_id: bool) -> str:
    if outcome.auth_refusal is not None:
        return sign_auth_text(outcome.auth_refusal, outcome.attempts_left, own_id=own_id)
    assert outcome.refusal is not None
    return refusal_text(outcome.refusal.code, dict(outcome.refusal.params))


def record_reference(view: RecordView) -> str:
    """'Comment, 2026年11月27日 14:05:03 JST (ID 1a2b3c4d)': enough to find the record."""
    return QCoreApplication.translate("SignatureDialog", "%1, %2 (ID %3)").replace(
        "%1", record_type_name(view.record_type.value)).replace(
        "%2", format_local(view.created_at)).replace("%3", view.record_id[:8])


class SignatureDialog(QDialog):
    """Build with :meth:`for_draft` (new record, step 1) or :meth:`for_record` (step 2)."""

    sig_signed = Signal(str, str)
    """A signature was committed: (record ID, meaning code)."""

    def __init__(self, signing: SigningService, runner: TaskRunner, user: UserInfo, *,
                 record_type: RecordType, batch_id: str, content: Mapping[str, Any],
                 corrects_type: RecordType | None = None, original: RecordView | None = None,
                 corrects_id: str | None = None, reason: str | None = None,
                 draft: RecordDraft | None = None, record_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignatureDialog")
        self.setModal(True)
        # Wide rather than tall: the whole content fits a 1080-line screen without scrolling.
        self.setMinimumSize(1400, 600)
        self._signing, self._runner, self._user = signing, runner, user
        self._draft, self._record_type, self._batch = draft, record_type, batch_id
        self._original, self._corrects_id, self._reason = original, corrects_id, reason
        self.record_id = record_id
        self.verified = False
        self.busy = False
        self._step = 2 if draft is None else 1
        self._message_fn: Any = None
        # A step record states its own policy (the recipe step's): read it from the content.
        self.needs_verification = policy_for(record_type, corrects_type,
                                             content=content).requires_verification

        self.heading = label("title")
        self.what_heading = label("subtitle")
        self.type_caption, self.type_value = label("hint"), label()
        self.batch_caption, self.batch_value = label("hint"), label()
        self.original_caption, self.original_value = label("hint"), label()
        self.reason_caption, self.reason_value = label("hint"), label()
        self.type_value.setObjectName("signRecordType")
        self.original_value.setObjectName("signOriginal")
        self.reason_value.setObjectName("signReason")
        self.signed_caption, self.signed_value = label("hint"), label()
        self.signed_value.setObjectName("signSignedSoFar")
        self._signed_fn: Any = None
        # Three column pairs, as tall as its rows: the verifier sees everything signed, and
        # the dialog still fits a 1080-line screen.
        self.content_table = ContentTable(pairs=3, fit=True)
        self.content_table.setObjectName("signContent")
        self._content = dict(content)
        self._corrects_type = corrects_type

        self.meaning_label = label("subtitle")
        self.meaning_label.setObjectName("signMeaning")
        self.declaration = label("hint")
        self.who_label = label()
        self.who_label.setObjectName("signWho")
        self.user_edit = latin_only(QLineEdit())  # a user ID: no kana
        self.user_edit.setObjectName("signUserId")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("signPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_caption, self.password_caption = label(), label()
        self.progress = QProgressBar()
        self.progress.setObjectName("signBusy")
        self.progress.setRange(0, 0)  # indeterminate: the worker gives no progress
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(14)
        self.busy_label = label("hint")
        self.message = label("error")
        self.message.setObjectName("signMessage")
        self.message.hide()
        self.cancel_button = button()
        self.cancel_button.setObjectName("signCancel")
        self.later_button = button()
        self.later_button.setObjectName("signLater")
        self.sign_button = button("primary")
        self.sign_button.setObjectName("signButton")
        for b in (self.cancel_button, self.later_button, self.sign_button):
            # Return in a field is handled by the fields, never by a "default" button.
            b.setAutoDefault(False)
        self.sign_button.setMinimumWidth(260)
        self.cancel_button.clicked.connect(self.reject)
        self.later_button.clicked.connect(self._verify_later)
        self.sign_button.clicked.connect(self._sign)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self._sign)

        what = QGridLayout()
        what.setHorizontalSpacing(16)
        for row, (cap, val) in enumerate(((self.type_caption, self.type_value),
                                          (self.batch_caption, self.batch_value),
                                          (self.original_caption, self.original_value),
                                          (self.reason_caption, self.reason_value),
                                          (self.signed_caption, self.signed_value))):
            what.addWidget(cap, row, 0, Qt.AlignmentFlag.AlignTop)
            what.addWidget(val, row, 1)
        what.setColumnStretch(1, 1)
        has_correction = corrects_id is not None
        for w in (self.original_caption, self.original_value, self.reason_caption,
                  self.reason_value):
            w.setVisible(has_correction)
        self.signed_caption.hide()
        self.signed_value.hide()

        creds = QGridLayout()
        creds.addWidget(self.user_caption, 0, 0)
        creds.addWidget(self.user_edit, 0, 1)
        creds.addWidget(self.password_caption, 1, 0)
        creds.addWidget(self.password_edit, 1, 1)
        creds.setColumnStretch(1, 1)
        sign_box = QFrame()
        sign_box.setObjectName("SignBox")
        box = QVBoxLayout(sign_box)
        box.setContentsMargins(16, 12, 16, 12)
        box.addWidget(self.meaning_label)
        box.addWidget(self.who_label)
        box.addLayout(creds)
        box.addWidget(self.declaration)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.busy_label, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.addWidget(self.heading)
        root.addWidget(self.what_heading)
        root.addLayout(what)
        root.addWidget(self.content_table)
        root.addStretch(1)
        root.addWidget(sign_box)
        root.addLayout(busy_row)
        root.addWidget(self.message)
        root.addLayout(buttons)
        self._set_busy(False)
        self._enter_step(self._step)

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def for_draft(cls, draft: RecordDraft, signing: SigningService, runner: TaskRunner,
                  user: UserInfo, *, original: RecordView | None = None,
                  parent: QWidget | None = None) -> SignatureDialog:
        """Sign a new record: step 1 (performer), then step 2 if it needs verification."""
        corrects_type = None
        if draft.record_type is RecordType.CORRECTION:
            if original is None:
                raise ValueError("a correction is signed with its original record shown")
            corrects_type = original.corrects_type or original.record_type
        return cls(signing, runner, user, record_type=draft.record_type,
                   batch_id=draft.batch_id, content=draft.content, corrects_type=corrects_type,
                   original=original, corrects_id=draft.corrects, reason=draft.reason,
                   draft=draft, parent=parent)

    @classmethod
    def for_record(cls, view: RecordView, signing: SigningService, runner: TaskRunner,
                   user: UserInfo, *, original: RecordView | None = None,
                   checks: Mapping[str, ServerCheck] | None = None,
                   parent: QWidget | None = None) -> SignatureDialog:
        """Verify an existing record that awaits verification (starts at step 2); its
        signatures so far are shown, an offline one with the plant server's re-check."""
        dialog = cls(signing, runner, user, record_type=view.record_type,
                     batch_id=view.batch_id, content=view.body,
                     corrects_type=view.corrects_type, original=original,
                     corrects_id=view.corrects, reason=view.reason,
                     record_id=view.record_id, parent=parent)
        dialog.set_signed_so_far(view, checks or {})
        return dialog

    def set_signed_so_far(self, view: RecordView, checks: Mapping[str, ServerCheck]) -> None:
        def text() -> str:
            lines = []
            for sig in view.signatures:
                f = sig.facts
                line = self.tr("%1: %2, %3").replace("%1", meaning_name(f.meaning.value)) \
                    .replace("%2", f.printed_name).replace("%3", format_local(f.signed_at))
                if f.auth_method.value == "offline":
                    line += "  ⚠ " + server_check_name(
                        checks.get(sig.signature_id, ServerCheck.PENDING))
                lines.append(line)
            return "\n".join(lines)
        self._signed_fn = text
        self.signed_caption.show()
        self.signed_value.show()
        self.retranslate()

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Electronic signature"))
        self.heading.setText(self.tr("Electronic signature") if self._step == 1
                             else self.tr("Two-person verification"))
        self.what_heading.setText(self.tr("You are signing this record:"))
        self.type_caption.setText(self.tr("Record"))
        self.type_value.setText(record_type_name(self._record_type.value))
        self.batch_caption.setText(self.tr("Batch"))
        self.batch_value.setText(self._batch)
        self.original_caption.setText(self.tr("Corrects"))
        self.original_value.setText(
            record_reference(self._original) if self._original is not None
            else self.tr("record ID %1").replace("%1", (self._corrects_id or "")[:8]))
        self.reason_caption.setText(self.tr("Reason for correction"))
        self.reason_value.setText(self._reason or "")
        self.signed_caption.setText(self.tr("Signed so far"))
        if self._signed_fn is not None:
            self.signed_value.setText(self._signed_fn())
        shown_as = (self._corrects_type if self._record_type is RecordType.CORRECTION
                    and self._corrects_type is not None else self._record_type)
        self.content_table.set_lines(readable_content(shown_as, self._content))
        meaning = Meaning.PERFORMED if self._step == 1 else Meaning.VERIFIED
        self.meaning_label.setText(self.tr("Meaning of this signature: %1").replace(
            "%1", meaning_name(meaning.value)))
        if self._step == 1:
            self.who_label.setText(self.tr("Performed by: %1 (%2)").replace(
                "%1", self._user.printed_name).replace("%2", self._user.display_id))
            self.declaration.setText(self.tr(
                "By entering your password you sign this record as the person who performed "
                "the work. Your electronic signature is the equivalent of your handwritten "
                "signature."))
            self.sign_button.setText(self.tr("Sign"))
        else:
            self.who_label.setText(self.tr(
                "Second person: enter YOUR OWN user ID and password. The verifier must not "
                "be the performer."))
            self.declaration.setText(self.tr(
                "By signing you confirm that you have checked the work and the content above. "
                "Your electronic signature is the equivalent of your handwritten signature."))
            self.sign_button.setText(self.tr("Sign as verifier"))
        self.user_caption.setText(self.tr("User ID"))
        self.password_caption.setText(self.tr("Password"))
        self.busy_label.setText(self.tr("Checking the password and signing… please wait."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.later_button.setText(self.tr("Verify later"))
        if self._message_fn is not None:
            self.message.setText(self._message_fn())

    # -- steps --------------------------------------------------------------------------------
    def _enter_step(self, step: int) -> None:
        self._step = step
        verifier = step == 2
        self.user_edit.setVisible(verifier)
        self.user_caption.setVisible(verifier)
        self.user_edit.clear()
        self.password_edit.clear()
        # Before anything is signed Cancel changes nothing. Once the performer has signed,
        # the record exists: leaving means "verify later".
        self.cancel_button.setVisible(self._draft is None or step == 1)
        self.later_button.setVisible(self._draft is not None and step == 2)
        self.retranslate()
        (self.user_edit if verifier else self.password_edit).setFocus()
        if self.isVisible():
            self.fit_to_content()  # step 2 has one more field: grow rather than squash

    def _show_message(self, fn: Any, role: str = "error") -> None:
        self._message_fn = fn
        styled(self.message, role)
        self.message.setText(fn())
        self.message.show()

    def _clear_message(self) -> None:
        self._message_fn = None
        self.message.hide()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        for w in (self.user_edit, self.password_edit, self.sign_button, self.cancel_button,
                  self.later_button):
            w.setEnabled(not busy)

    def _sign(self) -> None:
        if self.busy:
            return
        password = self.password_edit.text()
        login_text = self.user_edit.text().strip()
        if self._step == 2 and not login_text:
            self._show_message(lambda: self.tr("Enter the verifier's own user ID."))
            self.user_edit.setFocus()
            return
        if not password:
            self._show_message(lambda: self.tr("Enter the password to sign."))
            self.password_edit.setFocus()
            return
        self._clear_message()
        self._set_busy(True)
        signing = self._signing
        if self._step == 1:
            draft, uid = self._draft, self._user.user_id
            assert draft is not None
            self._runner.submit(lambda: signing.create_and_sign(draft, uid, password),
                                self._signed, self._failed)
        else:
            record_id = self.record_id
            assert record_id is not None
            self._runner.submit(
                lambda: signing.sign(record_id, login_text, password, Meaning.VERIFIED),
                self._signed, self._failed)

    def _signed(self, outcome: SignOutcome) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        if not outcome.ok:
            self._show_message(lambda: outcome_text(outcome, own_id=self._step == 1))
            if self._step == 2 and outcome.auth_refusal != AuthRefusal.BAD_CREDENTIALS:
                # Another person must sign: typing replaces the refused ID.
                self.user_edit.setFocus()
                self.user_edit.selectAll()
            else:
                self.password_edit.setFocus()
            return
        assert outcome.record_id is not None
        if self._step == 1:
            self.record_id = outcome.record_id
            self.sig_signed.emit(outcome.record_id, Meaning.PERFORMED.value)
            if self.needs_verification:
                name = outcome.signer_name
                self._enter_step(2)
                self._show_message(lambda: self.tr(
                    "Signed as performer by %1. This record needs two-person verification: "
                    "a second person signs now, or later from Records.").replace("%1", name),
                    "info")
                return
        else:
            self.verified = True
            self.sig_signed.emit(outcome.record_id, Meaning.VERIFIED.value)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        log.error("signing failed: %r", exc)
        self._show_message(lambda: self.tr(
            "The signature could not be completed: %1. Nothing was signed; try again, and "
            "call a supervisor if it happens again.").replace("%1", str(exc)))

    def _verify_later(self) -> None:
        if not self.busy:
            self.accept()  # the record stays awaiting verification

    @property
    def status_after(self) -> RecordStatus | None:
        """What the dialog left behind: None if nothing was signed."""
        if self.record_id is None or (self._draft is None and not self.verified):
            return None
        if self.needs_verification and not self.verified:
            return RecordStatus.AWAITING_VERIFICATION
        return RecordStatus.COMPLETE

    # -- closing: never while a signature is being committed ----------------------------------
    def reject(self) -> None:
        if self.busy:
            return
        if self._draft is not None and self.record_id is not None:
            self.accept()  # already signed by the performer: closing means "verify later"
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_to_content)

    def fit_to_content(self) -> None:
        """As tall as the content needs, up to the screen: Qt's own adjustSize stops at two
        thirds of the screen, which squashed the fields over the content."""
        hint = self.sizeHint()
        width, height = max(self.width(), hint.width()), hint.height()
        screen = self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width()), min(height, area.height() - 40)
            self.resize(width, height)
            frame = self.frameGeometry()
            frame.moveCenter(area.center())
            self.move(frame.topLeft())
        else:
            self.resize(width, height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.busy and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
