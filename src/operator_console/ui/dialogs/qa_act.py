"""A QA act signed at the plant server: what is signed and its meaning, the reason (part of
the signed content, required) and the QA person's own password, which the plant server
checks. The page submits it off the UI thread and shows any refusal here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from operator_console.ui.dialogs.reason_password import ReasonPasswordDialog
from operator_console.ui.widgets.basics import label


class QaActDialog(ReasonPasswordDialog):
    """Reason and password, to be checked and signed by the plant server."""

    def __init__(self, title: str, summary: str, meaning: str, confirm: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("qaAct", "qaActReason", parent)
        self.setObjectName("qaActDialog")
        self.setMinimumWidth(760)
        self.setWindowTitle(title)
        self.reason = self.text
        self.summary.setText(summary)
        self.meaning = label("subtitle")
        self.meaning.setText(self.tr("Signature meaning: %1").replace("%1", meaning))
        self.text_label.setText(self.tr("Reason (required, part of what you sign)"))
        self.password_label.setText(self.tr(
            "Your password: the plant server checks it and records your signature"))
        self.ok_button.setText(confirm)
        self.lay_out(self.meaning)
