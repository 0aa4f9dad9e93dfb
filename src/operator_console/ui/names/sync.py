"""Words for the plant server link: states, rejection reasons, conflict kinds (translated)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from operator_console.application.connectivity import OutageReason, outage_reason
from operator_console.sync.status import SyncStatus
from operator_console.ui.names.enum_names import EnumNames
from operator_console.ui.names.formatting import format_count, format_local, to_qdatetime

#: States the UI shows besides the worker's own: no worker could be started.
NOT_ENROLLED = "not_enrolled"
CREDENTIAL_UNAVAILABLE = "credential_unavailable"


def _texts(table: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in table.items()}


_REASONS: dict[str, str] = _texts(
    {
        "signature_refused:same_person": QT_TRANSLATE_NOOP(
            "SyncReason",
            "Signature refused: the verifier is the same person who performed or "
            "created the record.",
        ),
        "signature_refused:not_operator": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer did not hold the operator role."
        ),
        "signature_refused:not_verifier": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer did not hold the verifier role."
        ),
        "signature_refused:not_qa": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer did not hold the QA role."
        ),
        "signature_refused:qualification_missing": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer was not qualified for the procedure."
        ),
        "signature_refused:qualification_expired": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer's qualification had expired."
        ),
        "signature_refused:qualification_not_yet_valid": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer's qualification was not yet in force."
        ),
        "signature_refused:account_disabled": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer's account was disabled."
        ),
        "signature_refused:account_locked": QT_TRANSLATE_NOOP(
            "SyncReason", "Signature refused: the signer's account was locked."
        ),
        "station_mismatch": QT_TRANSLATE_NOOP(
            "SyncReason", "The entry names another station than this one."
        ),
        "content_hash_mismatch": QT_TRANSLATE_NOOP(
            "SyncReason", "The record's content does not match its hash."
        ),
        "signature_hash_mismatch": QT_TRANSLATE_NOOP(
            "SyncReason", "The signature does not match what was signed."
        ),
        "unknown_user": QT_TRANSLATE_NOOP(
            "SyncReason", "The plant server does not know the user who created the record."
        ),
        "unknown_signer": QT_TRANSLATE_NOOP(
            "SyncReason", "The plant server does not know the signer."
        ),
        "unknown_record": QT_TRANSLATE_NOOP(
            "SyncReason", "The signed record is not on the plant server."
        ),
        "unknown_corrected_record": QT_TRANSLATE_NOOP(
            "SyncReason", "The corrected record is not on the plant server."
        ),
        "record_id_reused": QT_TRANSLATE_NOOP(
            "SyncReason", "A different record with the same ID is already on the plant server."
        ),
        "audit_chain_break": QT_TRANSLATE_NOOP(
            "SyncReason", "The audit trail does not continue the station's chain."
        ),
        "audit_hash_mismatch": QT_TRANSLATE_NOOP(
            "SyncReason", "The audit entry does not match its hash."
        ),
        "audit_entry_id_reused": QT_TRANSLATE_NOOP(
            "SyncReason", "A different audit entry with the same ID is already on the server."
        ),
        "malformed_record": QT_TRANSLATE_NOOP("SyncReason", "The record is malformed."),
        "malformed_signature": QT_TRANSLATE_NOOP("SyncReason", "The signature is malformed."),
        "malformed_audit": QT_TRANSLATE_NOOP("SyncReason", "The audit entry is malformed."),
    }
)

_KINDS: dict[str, str] = _texts(
    {
        "record": QT_TRANSLATE_NOOP("SyncKind", "Record"),
        "signature": QT_TRANSLATE_NOOP("SyncKind", "Signature"),
        "audit": QT_TRANSLATE_NOOP("SyncKind", "Audit entry"),
    }
)

_KINDS_PLURAL: dict[str, str] = _texts(
    {
        "record": QT_TRANSLATE_NOOP("SyncKind", "Records"),
        "signature": QT_TRANSLATE_NOOP("SyncKind", "Signatures"),
        "audit": QT_TRANSLATE_NOOP("SyncKind", "Audit entries"),
    }
)

_CONFLICTS: dict[str, str] = _texts(
    {
        "cassette_loaded_twice": QT_TRANSLATE_NOOP(
            "SyncConflict", "Cassette loaded at two stations"
        ),
        "offline_signature_disabled_user": QT_TRANSLATE_NOOP(
            "SyncConflict", "Signed offline by a user disabled meanwhile"
        ),
        "offline_signature_locked_user": QT_TRANSLATE_NOOP(
            "SyncConflict", "Signed offline by a user locked meanwhile"
        ),
    }
)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def reason_text(reason: str) -> str:
    """The plant server's rejection reason in words; unknown codes are shown as they are."""
    text = _REASONS.get(reason)
    if text is None and reason.startswith("previously_rejected:"):
        text = _REASONS.get(reason.split(":", 1)[1])
    return _tr("SyncReason", text) if text else reason


def kind_name(kind: str) -> str:
    text = _KINDS.get(kind)
    return _tr("SyncKind", text) if text else kind


def kind_plural(kind: str) -> str:
    """For counts: "Records: 3"."""
    text = _KINDS_PLURAL.get(kind)
    return _tr("SyncKind", text) if text else kind


def conflict_name(kind: str) -> str:
    text = _CONFLICTS.get(kind)
    return _tr("SyncConflict", text) if text else kind


def since_text(since: float) -> str:
    """HH:MM local time today; with the date when it was another day."""
    moment = datetime.fromtimestamp(since, UTC)
    if moment.astimezone().date() == datetime.now().astimezone().date():
        return QLocale().toString(to_qdatetime(moment), "HH:mm")
    return format_local(moment, seconds=False)


def strip_text(status: SyncStatus) -> tuple[str, str]:
    """(one line for the status strip, theme state)."""
    state = status.state
    if state == "online":
        return QCoreApplication.translate("SyncState", "Plant server: online"), "online"
    if state == "syncing":
        text = QCoreApplication.translate("SyncState", "Plant server: sending %1 of %2")
        return text.replace("%1", format_count(status.sent)).replace(
            "%2", format_count(status.total)
        ), "online"
    if state == "offline":
        text = QCoreApplication.translate("SyncState", "Plant server: offline since %1")
        return text.replace("%1", since_text(status.since)), "offline"
    if state == "unauthorized":
        return QCoreApplication.translate(
            "SyncState", "Plant server: station credential refused"
        ), "alarm"
    if state == CREDENTIAL_UNAVAILABLE:
        return QCoreApplication.translate(
            "SyncState", "Plant server: credential unavailable"
        ), "alarm"
    return QCoreApplication.translate("SyncState", "Plant server: not enrolled"), "offline"


def tile_text(status: SyncStatus) -> tuple[str, str, str]:
    """(value, what it means and what to do, tile state) for Home and the Sync page."""
    state = status.state
    if state == "online":
        return (
            QCoreApplication.translate("SyncState", "Online"),
            QCoreApplication.translate(
                "SyncState", "Records are sent to the plant server as they are made."
            ),
            "ok",
        )
    if state == "syncing":
        detail = QCoreApplication.translate(
            "SyncState", "Sending %1 of %2 entries to the plant server."
        )
        return (
            QCoreApplication.translate("SyncState", "Sending"),
            detail.replace("%1", format_count(status.sent)).replace(
                "%2", format_count(status.total)
            ),
            "ok",
        )
    if state == "offline":
        value = QCoreApplication.translate("SyncState", "Offline since %1")
        return (
            value.replace("%1", since_text(status.since)),
            QCoreApplication.translate(
                "SyncState",
                "Work continues; records are kept here and sent when the server is back.",
            ),
            "warn",
        )
    if state == "unauthorized":
        return (
            QCoreApplication.translate("SyncState", "Credential refused"),
            QCoreApplication.translate(
                "SyncState",
                "The plant server refused this station's credential. Work "
                "continues; records are kept here. Ask IT to enroll the station again.",
            ),
            "alarm",
        )
    if state == CREDENTIAL_UNAVAILABLE:
        detail = QCoreApplication.translate(
            "SyncState",
            "The station credential cannot be read from the OS keyring: "
            "%1. Work continues; records are kept here. Ask IT to fix the keyring.",
        )
        return (
            QCoreApplication.translate("SyncState", "Credential unavailable"),
            detail.replace("%1", status.last_error),
            "alarm",
        )
    return (
        QCoreApplication.translate("SyncState", "Not enrolled"),
        QCoreApplication.translate(
            "SyncState",
            "This station is not connected to a plant server yet. Records are kept locally.",
        ),
        "warn",
    )


outage_reason_name = EnumNames("OutageReason", OutageReason, {
    OutageReason.NOT_ANSWERING: QT_TRANSLATE_NOOP(
        "OutageReason", "the plant server does not answer"),
    OutageReason.TIMED_OUT: QT_TRANSLATE_NOOP(
        "OutageReason", "the plant server answers too slowly"),
    OutageReason.BUSY: QT_TRANSLATE_NOOP("OutageReason", "the plant server is busy"),
    OutageReason.BAD_ANSWER: QT_TRANSLATE_NOOP(
        "OutageReason", "the plant server's answer could not be read"),
    OutageReason.OTHER: QT_TRANSLATE_NOOP(
        "OutageReason", "the link to the plant server failed"),
})


def outage_text(status: SyncStatus) -> str:
    """Why the link is down, in the viewer's language ("" when there is no error)."""
    if not status.last_error or status.state not in ("offline", "syncing"):
        return ""
    return outage_reason_name(outage_reason(status.last_error))
