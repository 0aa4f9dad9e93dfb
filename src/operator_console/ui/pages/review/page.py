"""QA review (QA role, online): the batches waiting for QA; one batch opened on what needs
judgement — the release gate's open items, open exceptions by severity with their
disposition in place, conflicts, signatures awaited, offline signatures not re-checked,
corrections — and the rest collapsed and counted; the audit-trail review; release, hold,
reject, resume. Every call to the plant server runs off the UI thread; every act is signed
with the QA person's password, which the plant server checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from operator_console.application import review as qa
from operator_console.application.review import ActProblem, ActResult, ExceptionItem, Review
from operator_console.store.users import UserInfo
from operator_console.ui.dialogs.qa_act import QaActDialog
from operator_console.ui.dialogs.resolve_rejection import ResolveDialog
from operator_console.ui.names.records import record_type_name
from operator_console.ui.names.review import batch_state_name, exception_kind_name
from operator_console.ui.names.sync import conflict_name
from operator_console.ui.pages.review.audit_model import AuditModel
from operator_console.ui.pages.review.clock import waited_text
from operator_console.ui.pages.review.sections import (
    Collapsible,
    clear,
    conflict_row,
    exception_row,
    exception_text_of,
    info_row,
    open_item_text,
)
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.basics import button, label, set_state


class ReviewPage(QWidget):
    sig_waiting_changed = Signal(object)
    """The list of batches waiting for QA was read (``list[WaitingBatch]``), for Home."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewPage")
        self.runner = runner
        self._factory: qa.ClientFactory = lambda: None
        self._user: UserInfo | None = None
        self._waiting: list[qa.WaitingBatch] = []
        self._review: Review | None = None
        self._current: str | None = None
        self.dialog: QaActDialog | ResolveDialog | None = None
        self._status_kind = ""  # asking | unreachable | listed: re-worded on a language change
        self._outcome_state: str | None = None
        self._outcome_resolved = False  # the last act resolved a conflict (not a signature)

        self.heading = label("title")
        self.list_title = label("subtitle")
        self.batch_list = QListWidget()
        self.batch_list.setObjectName("reviewBatchList")
        self.batch_list.setMinimumWidth(360)
        self.batch_list.itemClicked.connect(self._picked)
        self.refresh_button = button()
        self.refresh_button.setObjectName("reviewRefresh")
        self.refresh_button.setMinimumHeight(52)
        self.refresh_button.clicked.connect(self.refresh)
        self.status = label("hint")
        self.status.setObjectName("reviewStatus")
        left = QVBoxLayout()
        left.addWidget(self.list_title)
        left.addWidget(self.batch_list, 1)
        left.addWidget(self.refresh_button)

        self.title = label("title")
        self.title.setObjectName("reviewBatchTitle")
        self.state = label("subtitle")
        self.state.setObjectName("reviewState")
        self.clock = label("subtitle")
        self.clock.setObjectName("reviewClock")
        self.gate = label("info")
        self.gate.setObjectName("reviewGate")
        self.gate.setTextFormat(Qt.TextFormat.RichText)
        self.judgement_title = label("subtitle")
        self.judgement = QVBoxLayout()
        self.judgement.setSpacing(6)
        self.closed_exceptions = Collapsible("closedExceptions")
        self.steps = Collapsible("reviewSteps")
        self.audit = Collapsible("reviewAudit")
        self.audit_model = AuditModel(self)
        self.audit_table = QTableView()
        self.audit_table.setObjectName("reviewAuditTable")
        self.audit_table.setModel(self.audit_model)
        self.audit_table.setMinimumHeight(420)
        self.audit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.audit_table.verticalHeader().hide()
        self.audit.body_layout.addWidget(self.audit_table)
        self.audit_review_button = button()
        self.audit_review_button.setObjectName("auditReviewButton")
        self.audit_review_button.setMinimumHeight(56)
        self.audit_review_button.clicked.connect(self._audit_review)
        self.release_button = button("primary")
        self.release_button.setObjectName("releaseButton")
        self.hold_button = button()
        self.hold_button.setObjectName("holdButton")
        self.resume_button = button()
        self.resume_button.setObjectName("resumeButton")
        self.reject_button = button("danger")
        self.reject_button.setObjectName("rejectButton")
        for btn, decision in ((self.release_button, "release"), (self.hold_button, "hold"),
                              (self.resume_button, "resume"), (self.reject_button, "reject")):
            btn.setMinimumHeight(64)
            btn.clicked.connect(lambda _c=False, d=decision: self._decide(d))
        self.outcome = label("info")
        self.outcome.setObjectName("reviewOutcome")
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.hide()

        head = QHBoxLayout()
        head.setSpacing(28)
        head.addWidget(self.title, 1)
        head.addWidget(self.state)
        head.addWidget(self.clock)
        decisions = QHBoxLayout()
        decisions.addWidget(self.audit_review_button)
        decisions.addStretch(1)
        for btn in (self.hold_button, self.resume_button, self.reject_button,
                    self.release_button):
            decisions.addWidget(btn)
        detail = QWidget()
        self.detail = detail
        col = QVBoxLayout(detail)
        col.setContentsMargins(8, 0, 8, 8)
        col.addLayout(head)
        col.addWidget(self.gate)
        col.addWidget(self.judgement_title)
        col.addLayout(self.judgement)
        for section in (self.closed_exceptions, self.steps, self.audit):
            col.addWidget(section)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(detail)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.outcome)
        right.addLayout(decisions)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 20, 28, 20)
        root.addWidget(self.heading)
        root.addWidget(self.status)
        root.addLayout(body, 1)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(60_000)
        self._clock_timer.timeout.connect(self._tick)
        self.retranslate()
        self._show_review(None)

    # --- wiring ---------------------------------------------------------------------------
    def set_client_factory(self, factory: qa.ClientFactory) -> None:
        """The plant server link is up (the sync worker runs): read what waits for QA."""
        self._factory = factory
        if self.is_qa(self._user):
            self.refresh()

    def set_user(self, user: UserInfo | None) -> None:
        """A QA user keeps the release clock fresh (Home shows it too); others see nothing."""
        self._user = user
        if self.is_qa(user):
            self._clock_timer.start()
            self.refresh()
        else:
            self._clock_timer.stop()
            self._waiting, self._review, self._current = [], None, None
            self.batch_list.clear()
            self._show_review(None)
            self.sig_waiting_changed.emit([])

    @property
    def user(self) -> UserInfo | None:
        return self._user

    @staticmethod
    def is_qa(user: UserInfo | None) -> bool:
        return user is not None and "qa" in user.roles

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.is_qa(self._user):
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        factory = self._factory
        self._status_kind = "asking"
        self._show_status()
        self.runner.submit(lambda: qa.with_client(factory, qa.waiting_batches),
                           self._listed, self._unreachable)

    def _retry(self) -> None:
        if self.isVisible() and self.is_qa(self._user):
            self.refresh()

    def _tick(self) -> None:
        if self.is_qa(self._user):
            self.refresh()

    def _unreachable(self, exc: BaseException) -> None:
        del exc
        if self.isVisible() and self.is_qa(self._user):
            QTimer.singleShot(5000, self._retry)  # busy or briefly away: try again
        self._status_kind = "unreachable"
        self._show_status()

    def _show_status(self) -> None:
        if self._status_kind == "asking":
            self.status.setText(self.tr("Asking the plant server…"))
        elif self._status_kind == "unreachable":
            self.status.setText(self.tr(
                "The plant server cannot be reached: the review needs it online (it decides "
                "the release). Check the Sync page."))
        elif self._status_kind == "listed":
            self.status.setText(self.tr("Batches waiting for QA: %1").replace(
                "%1", str(len(self._waiting))))
        else:
            self.status.setText("")

    def _show_outcome(self) -> None:
        if self._outcome_state is None:
            self.outcome.hide()
            return
        text = self.tr("Resolved. The batch is now: %1") if self._outcome_resolved else \
            self.tr("Signed. The batch is now: %1")
        self.outcome.setText(text.replace("%1", batch_state_name(self._outcome_state)))
        self.outcome.show()

    def _listed(self, batches: list[qa.WaitingBatch]) -> None:
        self._waiting = batches
        self._status_kind = "listed"
        self._show_status()
        self.batch_list.clear()
        for b in batches:
            item = QListWidgetItem(self._list_text(b))
            item.setData(Qt.ItemDataRole.UserRole, b.batch_id)
            self.batch_list.addItem(item)
            if b.batch_id == self._current:
                self.batch_list.setCurrentItem(item)
        self.sig_waiting_changed.emit(batches)
        if self._current is None and batches and self.isVisible():
            self.open_batch(batches[0].batch_id)
        elif self._current is not None and self.isVisible():
            self.open_batch(self._current)

    def _list_text(self, b: qa.WaitingBatch) -> str:
        return "\n".join([b.batch_id, f"{batch_state_name(b.state)} · "
                          f"{waited_text(b.waiting_seconds)}",
                          self.tr("Open items: %1").replace("%1", str(len(b.open_items)))])

    def _picked(self, item: QListWidgetItem) -> None:
        self._outcome_state = None
        self._show_outcome()
        self.open_batch(str(item.data(Qt.ItemDataRole.UserRole)))

    def open_batch(self, batch_id: str) -> None:
        self._current = batch_id
        factory = self._factory
        self.runner.submit(lambda: qa.with_client(factory, lambda c: qa.load_review(
            c, batch_id)), self._show_review, self._unreachable)

    # --- showing --------------------------------------------------------------------------
    def _show_review(self, review: Review | None) -> None:
        self._review = review
        self.detail.setVisible(review is not None)
        for btn in (self.audit_review_button, self.release_button, self.hold_button,
                    self.resume_button, self.reject_button):
            btn.setVisible(review is not None)
        clear(self.judgement)
        clear(self.closed_exceptions.body_layout)
        clear(self.steps.body_layout)
        if review is None:
            return
        self.title.setText(f"{review.batch_id} · {review.patient_id} · {review.recipe}")
        self.state.setText(batch_state_name(review.state))
        set_state(self.state, {"released": "ok", "rejected": "alarm", "on_hold": "warn"}
                  .get(review.state, ""))
        self.clock.setText(self.tr("Waiting for QA: %1").replace(
            "%1", waited_text(review.waiting_seconds)))
        self._show_gate(review)
        self._show_judgement(review)
        closed = [e for e in review.exceptions if e.state != "open"]
        for exc in closed:
            self.closed_exceptions.body_layout.addWidget(
                exception_row(exc, self._disposition, self._step_names(review), review))
        for c in review.conflicts:
            if c.get("status") != "open":
                self.closed_exceptions.body_layout.addWidget(
                    conflict_row(c, self._resolve_conflict))
        for step in review.steps:
            name = step.get("name_ja") if self._language() == "ja" else step.get("name_en")
            who = " / ".join(x for x in (step.get("performed_by"), step.get("verified_by")) if x)
            self.steps.body_layout.addWidget(info_row(f"{step['step']} · {name} · {who}"))
        # Review by exception: the notable entries first (each group in time order).
        self.audit_model.set_rows([a for a in review.audit if a.notable] +
                                  [a for a in review.audit if not a.notable])
        self._titles(review)
        final = review.state in ("released", "rejected")
        self.audit_review_button.setEnabled(not final)
        self.release_button.setEnabled(review.state == "under_review")
        self.hold_button.setEnabled(not final and review.state != "on_hold")
        self.resume_button.setVisible(review.state == "on_hold")
        self.reject_button.setEnabled(not final)

    def _step_names(self, review: Review) -> dict[str, str]:
        """Step ID → its name in the user's language (from the pinned recipe)."""
        key = "name_ja" if self._language() == "ja" else "name_en"
        return {str(s["step"]): str(s.get(key) or s["step"]) for s in review.steps}

    @staticmethod
    def _language() -> str:
        """The language on screen now (the language manager sets the default locale)."""
        return "ja" if QLocale().language() == QLocale.Language.Japanese else "en"

    def _show_gate(self, review: Review) -> None:
        items = [i for i in review.open_items if i.kind != "not_under_review"] \
            if review.state == "execution_complete" else list(review.open_items)
        if review.state == "released":
            d = review.disposition or {}
            text = self.tr("Released by %1 at %2.").replace(
                "%1", str(d.get("printed_name", ""))).replace("%2", str(d.get("signed_at", "")))
            set_state(self.gate, "ok")
        elif not items:
            text = self.tr("Nothing is open: the batch may be released.")
            set_state(self.gate, "ok")
        else:
            lines = "".join(f"<li>{open_item_text(i, review)}</li>" for i in items)
            text = self.tr("Release is blocked by open items (%1):").replace(
                "%1", str(len(items))) + f"<ul>{lines}</ul>"
            set_state(self.gate, "warn")
        self.gate.setText(text)

    def _show_judgement(self, review: Review) -> None:
        names = self._step_names(review)
        for exc in review.open_exceptions:
            self.judgement.addWidget(exception_row(exc, self._disposition, names, review))
        for c in review.conflicts:
            if c.get("status") == "open":
                self.judgement.addWidget(conflict_row(c, self._resolve_conflict))
        for p in review.pending:
            who = self.tr("verifier") if p.get("waits_on") == "verifier" else \
                self.tr("performer")
            self.judgement.addWidget(info_row(self.tr(
                "Record of step %1 waits for its %2's signature").replace(
                "%1", str(p.get("step") or "-")).replace("%2", who)))
        for o in review.offline:
            if not o.get("checked"):
                self.judgement.addWidget(info_row(self.tr(
                    "Offline signature by %1 not yet checked by the plant server").replace(
                    "%1", str(o.get("signer")))))
        for c in review.corrections:
            self.judgement.addWidget(info_row(self.tr("Correction of a record (%1) by %2")
                                              .replace("%1", record_type_name(str(c.get("type"))))
                                              .replace("%2", str(c.get("by")))))
        if self.judgement.count() == 0:
            self.judgement.addWidget(info_row(self.tr("Nothing needs judgement.")))

    def _titles(self, review: Review) -> None:
        count = sum(1 for e in review.open_exceptions) + sum(
            1 for c in review.conflicts if c.get("status") == "open") + len(review.pending) + \
            sum(1 for o in review.offline if not o.get("checked")) + len(review.corrections)
        self.judgement_title.setText(self.tr("Needs judgement (%1)").replace("%1", str(count)))
        self.closed_exceptions.set_title(
            self.tr("Dispositioned exceptions and resolved conflicts"),
            sum(1 for e in review.exceptions if e.state != "open")
            + sum(1 for c in review.conflicts if c.get("status") != "open"))
        self.steps.set_title(self.tr("Steps"), len(review.steps))
        self.audit.set_title(self.tr("Audit trail"), len(review.audit), " — " + self.tr(
            "notable: %1 (listed first)").replace("%1", str(len(review.notable))))
        self.audit_review_button.setText(
            self.tr("Audit trail reviewed ✓ — review again…") if review.audit_reviewed
            else self.tr("Sign the audit-trail review…"))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("QA review and release"))
        self.list_title.setText(self.tr("Batches waiting for QA"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.release_button.setText(self.tr("Release…"))
        self.hold_button.setText(self.tr("Hold…"))
        self.resume_button.setText(self.tr("Resume review…"))
        self.reject_button.setText(self.tr("Reject…"))
        self.audit_model.retranslate()
        self._show_status()
        self._show_outcome()
        for i in range(self.batch_list.count()):
            item = self.batch_list.item(i)
            if i < len(self._waiting):
                item.setText(self._list_text(self._waiting[i]))
        if self._review is not None:
            self._show_review(self._review)

    # --- acts -----------------------------------------------------------------------------
    def _disposition(self, exc: ExceptionItem) -> None:
        review = self._review
        if review is None:
            return
        summary = self.tr("Disposition of the exception: %1").replace(
            "%1", f"{exception_kind_name(exc.kind)} — {exception_text_of(exc, review)}")
        self._ask(self.tr("Disposition"), summary, self.tr("approved"),
                  self.tr("Sign disposition"),
                  lambda c, u, p, r: qa.disposition(c, review.batch_id, exc.exception_id,
                                                    user_id=u, password=p, reason=r))

    def _resolve_conflict(self, conflict: dict[str, Any]) -> None:
        review = self._review
        if review is None:
            return
        summary = self.tr("Conflict: %1").replace(
            "%1", f"{conflict_name(str(conflict.get('kind', '')))} — "
                  f"{conflict.get('summary', '')}")
        conflict_id = int(conflict["id"])
        self._ask_dialog(ResolveDialog(summary, self, title=self.tr("Resolve the conflict")),
                         lambda c, u, p, r: qa.resolve_conflict(
                             c, review.batch_id, conflict_id, user_id=u, password=p,
                             resolution=r))

    def _audit_review(self) -> None:
        review = self._review
        if review is None:
            return
        summary = self.tr("You reviewed the audit trail of batch %1: %2 entries, %3 of them "
                          "notable.").replace("%1", review.batch_id).replace(
            "%2", str(len(review.audit))).replace("%3", str(len(review.notable)))
        self._ask(self.tr("Audit-trail review"), summary, self.tr("reviewed"),
                  self.tr("Sign review"),
                  lambda c, u, p, r: qa.review_audit_trail(c, review.batch_id, user_id=u,
                                                           password=p, reason=r))

    def _decide(self, decision: str) -> None:
        review = self._review
        if review is None:
            return
        titles = {"release": self.tr("Release the batch"), "hold": self.tr("Put on hold"),
                  "resume": self.tr("Resume the review"), "reject": self.tr("Reject the batch")}
        confirms = {"release": self.tr("Sign release"), "hold": self.tr("Sign hold"),
                    "resume": self.tr("Sign resume"), "reject": self.tr("Sign rejection")}
        summary = self.tr("Batch %1, patient %2.").replace("%1", review.batch_id).replace(
            "%2", review.patient_id)
        self._ask(titles[decision], summary, self.tr("approved"), confirms[decision],
                  lambda c, u, p, r: qa.decide(c, review.batch_id, decision, user_id=u,
                                               password=p, reason=r))

    def _ask(self, title: str, summary: str, meaning: str, confirm: str,
             act: Callable[[Any, str, str, str], ActResult]) -> None:
        if self._user is not None:
            self._ask_dialog(QaActDialog(title, summary, meaning, confirm, self), act)

    def _ask_dialog(self, dialog: QaActDialog | ResolveDialog,
                    act: Callable[[Any, str, str, str], ActResult]) -> None:
        """Open ``dialog``; its text and password go to ``act`` at the plant server, off the
        UI thread; success closes it and refreshes the page, a refusal is shown in it."""
        user = self._user
        if user is None:
            return
        self.dialog = dialog
        factory = self._factory

        def submitted(reason: str, password: str) -> None:
            self.runner.submit(
                lambda: qa.with_client(factory, lambda c: act(c, user.user_id, password,
                                                              reason)),
                lambda result: self._acted(dialog, result),
                lambda exc: dialog.show_error(self.tr("The plant server cannot be reached; "
                                                      "nothing was signed.")))
        dialog.sig_submitted.connect(submitted)
        dialog.open()

    def _acted(self, dialog: QaActDialog | ResolveDialog, result: ActResult) -> None:
        if result.ok:
            dialog.accept()
            self._outcome_state = result.state or ""
            self._outcome_resolved = isinstance(dialog, ResolveDialog)
            self._show_outcome()
            self.refresh()
            return
        dialog.show_error(self.problem_text(result))

    def problem_text(self, result: ActResult) -> str:
        p = result.problem
        if p is ActProblem.BAD_CREDENTIALS:
            return self.tr("The password is not correct (attempts left: %1). Nothing was "
                           "signed.").replace("%1", str(result.attempts_left or 0))
        if p is ActProblem.ACCOUNT_LOCKED:
            return self.tr("Your account is locked. Ask an administrator. Nothing was signed.")
        if p is ActProblem.ACCOUNT_DISABLED:
            return self.tr("Your account is disabled. Nothing was signed.")
        if p is ActProblem.NOT_QA:
            return self.tr("Only a QA person may do this.")
        if p is ActProblem.PERFORMED_STEP:
            return self.tr("You did part of this batch (you made or signed one of its "
                           "records): someone who did not must review and release it.")
        if p is ActProblem.SAME_APPROVER:
            return self.tr("You already approved this release; a second, different QA person "
                           "must approve it.")
        if p is ActProblem.RELEASE_REFUSED:
            review = self._review
            lines = "".join(f"<li>{open_item_text(i, review)}</li>" for i in result.open_items)
            return self.tr("The plant server refused the release; still open (%1):").replace(
                "%1", str(len(result.open_items))) + f"<ul>{lines}</ul>"
        if p is ActProblem.ALREADY_DONE:
            return self.tr("Not possible in the batch's present state; refresh and look "
                           "again.")
        if p is ActProblem.UNREACHABLE:
            return self.tr("The plant server cannot be reached; nothing was signed.")
        return self.tr("The plant server refused it: %1").replace("%1", result.message)
