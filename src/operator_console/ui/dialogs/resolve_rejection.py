"""Resolving what sync raised: an entry the plant server rejected (the Sync page, checked by
:class:`~operator_console.application.sync_admin.SyncAdmin`) or a conflict of a batch under
QA review (the Review page, checked by the plant server): a written resolution and the QA
user's password; the page checks both off the UI thread and shows any refusal here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from operator_console.ui.dialogs.reason_password import ReasonPasswordDialog


class ResolveDialog(ReasonPasswordDialog):
    """Resolution text (mandatory) and the QA user's password."""

    def __init__(self, summary: str, parent: QWidget | None = None, *,
                 title: str | None = None) -> None:
        super().__init__("resolve", "resolutionText", parent)
        self.setObjectName("resolveDialog")
        self.setMinimumWidth(720)
        self.setWindowTitle(title or self.tr("Resolve rejected entry"))
        self.resolution = self.text
        self.resolution.setMinimumHeight(140)
        self.summary.setText(summary)
        self.text_label.setText(self.tr(
            "Resolution (required): what was checked and what was done"))
        self.password_label.setText(self.tr("Your password (QA), to confirm"))
        self.ok_button.setText(self.tr("Resolve"))
        self.lay_out()
