"""Words for the plant server link: states, rejection reasons, conflict kinds (translated)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from operator_console.application.connectivity import OutageReason, outage_reason
from operator_console.domain.signatures import RefusalCode
from operator_console.domain.sync_refusals import (
    OUT_OF_ORDER,
    PREVIOUSLY_REJECTED,
    SIGNATURE_REFUSED,
    EntryRefusal,
)
from operator_console.sync.status import BEHIND_SERVER, SyncStatus
from operator_console.ui.names.enum_names import EnumNames
from operator_console.ui.names.formatting import format_count, format_local, to_qdatetime

#: States the UI shows besides the worker's own: no worker could be started.
NOT_ENROLLED = "not_enrolled"
CREDENTIAL_UNAVAILABLE = "credential_unavailable"


def _texts(table: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in table.items()}


#: A pushed entry refused by the plant server, as QA reads it on the Sync page.
entry_refusal_name = EnumNames("SyncReason", EntryRefusal, {
    EntryRefusal.PAYLOAD_NOT_CANONICAL: QT_TRANSLATE_NOOP(
        "SyncReason", "The entry is not in the canonical form."),
    EntryRefusal.PAYLOAD_HASH_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason", "The entry does not match its hash."),
    EntryRefusal.UNKNOWN_KIND: QT_TRANSLATE_NOOP(
        "SyncReason", "The plant server does not know this kind of entry."),
    EntryRefusal.STATION_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason", "The entry names another station than this one."),
    EntryRefusal.CONTENT_HASH_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason", "The record's content does not match its hash."),
    EntryRefusal.MALFORMED_RECORD: QT_TRANSLATE_NOOP(
        "SyncReason", "The record is malformed."),
    EntryRefusal.UNKNOWN_USER: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The plant server does not know the user who created the record."),
    EntryRefusal.UNKNOWN_CORRECTED_RECORD: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The corrected record is not on the plant server."),
    EntryRefusal.UNKNOWN_BATCH: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The record names a batch the plant server does not know."),
    EntryRefusal.RECORD_ID_REUSED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "A different record with the same ID is already on the plant server."),
    EntryRefusal.CREATED_IN_FUTURE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The record is dated later than the plant server's clock."),
    EntryRefusal.STEP_BATCH_UNKNOWN: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The step record names a batch the plant server did not make from a recipe."),
    EntryRefusal.STEP_RECIPE_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The step record's recipe ID, version and hash do not name one recipe version."),
    EntryRefusal.STEP_RECIPE_NEVER_EFFECTIVE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The step record was made against a recipe version that was never effective."),
    EntryRefusal.UNKNOWN_STEP: QT_TRANSLATE_NOOP(
        "SyncReason", "The step record names a step that is not in the batch's recipe."),
    EntryRefusal.STEP_POLICY_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The step record's type or signature policy is not the one the recipe gives."),
    EntryRefusal.MALFORMED_SIGNATURE: QT_TRANSLATE_NOOP(
        "SyncReason", "The signature is malformed."),
    EntryRefusal.SIGNATURE_HASH_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason", "The signature does not match what was signed."),
    EntryRefusal.UNKNOWN_RECORD: QT_TRANSLATE_NOOP(
        "SyncReason", "The signed record is not on the plant server."),
    EntryRefusal.SIGNATURE_ID_REUSED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "A different signature with the same ID is already on the plant server."),
    EntryRefusal.UNKNOWN_SIGNER: QT_TRANSLATE_NOOP(
        "SyncReason", "The plant server does not know the signer."),
    EntryRefusal.SIGNING_PROOF_MISSING: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature claims an online password check, but carries no proof of it from "
        "the plant server."),
    EntryRefusal.SIGNING_PROOF_INVALID: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature's proof of the password check is not valid for this signer, record "
        "and meaning."),
    EntryRefusal.SIGNING_PROOF_USED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature's proof of the password check was already used for another "
        "signature."),
    EntryRefusal.SIGNING_PROOF_EXPIRED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature was made outside the time its password check was valid for."),
    EntryRefusal.SIGNED_IN_FUTURE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature is dated later than the plant server's clock."),
    EntryRefusal.SIGNED_BEFORE_RECORD: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature is dated before the record it signs."),
    EntryRefusal.PRINTED_NAME_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The printed name on the signature is not the signer's own."),
    EntryRefusal.SIGNER_NOT_ALLOWED_AT_STATION: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signer is not allowed to work at this station."),
    EntryRefusal.OFFLINE_VERIFIER_MISSING: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature was made offline, but the signer never had offline credentials at "
        "this station."),
    EntryRefusal.OFFLINE_VERIFIER_EXPIRED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The signature was made offline after the signer's offline credentials at this "
        "station had expired."),
    EntryRefusal.MALFORMED_AUDIT: QT_TRANSLATE_NOOP(
        "SyncReason", "The audit entry is malformed."),
    EntryRefusal.AUDIT_CHAIN_BREAK: QT_TRANSLATE_NOOP(
        "SyncReason", "The audit trail does not continue the station's chain."),
    EntryRefusal.AUDIT_HASH_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason", "The audit entry does not match its hash."),
    EntryRefusal.AUDIT_ENTRY_ID_REUSED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "A different audit entry with the same ID is already on the server."),
    EntryRefusal.MALFORMED_PROCESS_DATA: QT_TRANSLATE_NOOP(
        "SyncReason", "The process data of an instrument phase is malformed."),
    EntryRefusal.PROCESS_DATA_TOO_LARGE: QT_TRANSLATE_NOOP(
        "SyncReason", "A part of an instrument phase's process data is larger than allowed."),
    EntryRefusal.UNKNOWN_PHASE_RECORD: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The process data names an instrument phase record the plant server does not have."),
    EntryRefusal.PROCESS_DATA_PART_REUSED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "This part of the instrument phase's process data is already on the plant server."),
    EntryRefusal.PROCESS_DATA_HASH_MISMATCH: QT_TRANSLATE_NOOP(
        "SyncReason",
        "The parts of the instrument phase's process data do not match its hash."),
})
#: A signature the server's two-person and signature rules refused (``signature_refused:``).
signature_refusal_name = EnumNames("SyncReason", RefusalCode, {
    RefusalCode.WRONG_PASSWORD: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the password was not correct."),
    RefusalCode.ACCOUNT_LOCKED_NOW: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the signer's account was locked by this attempt."),
    RefusalCode.ACCOUNT_DISABLED: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the signer's account was disabled."),
    RefusalCode.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the signer's account was locked."),
    RefusalCode.MEANING_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: this record does not take a signature of that meaning."),
    RefusalCode.RECORD_SUPERSEDED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the record had been corrected, so it can no longer be signed."),
    RefusalCode.ALREADY_SIGNED_WITH_MEANING: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the record already had a signature of that meaning."),
    RefusalCode.PERFORMER_REQUIRED_FIRST: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the record had no \"Performed\" signature yet."),
    RefusalCode.VERIFICATION_REQUIRED_FIRST: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the record was not verified yet."),
    RefusalCode.SAME_PERSON: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the verifier is the same person who performed or created the "
        "record."),
    RefusalCode.NOT_OPERATOR: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the signer did not hold the operator role."),
    RefusalCode.NOT_VERIFIER: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the signer did not hold the verifier role."),
    RefusalCode.NOT_QA: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the signer did not hold the QA role."),
    RefusalCode.QUALIFICATION_MISSING: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the signer was not qualified for the procedure."),
    RefusalCode.QUALIFICATION_NOT_YET_VALID: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the signer's qualification was not yet in force."),
    RefusalCode.QUALIFICATION_EXPIRED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the signer's qualification had expired."),
    RefusalCode.CONTENT_CHANGED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: the record's content no longer matched what was signed."),
    RefusalCode.ALREADY_CORRECTED: QT_TRANSLATE_NOOP(
        "SyncReason", "Signature refused: the record was already corrected."),
    RefusalCode.CORRECTION_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Signature refused: cassette load and unload records cannot be corrected."),
})

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
    """The plant server's rejection reason in words; a code this version does not know (a
    newer server) is shown as it is."""
    if reason.startswith(PREVIOUSLY_REJECTED + ":"):
        reason = reason.split(":", 1)[1]
    if reason.startswith(SIGNATURE_REFUSED + ":"):
        return signature_refusal_name(reason.split(":", 1)[1])
    if reason == OUT_OF_ORDER:
        return QCoreApplication.translate(
            "SyncReason", "An earlier entry of this station is missing at the plant server; "
            "it is sent again first.")
    return entry_refusal_name(reason)


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
    if state == BEHIND_SERVER:
        return QCoreApplication.translate(
            "SyncState", "Plant server: this station's data is older — syncing stopped"
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
    if state == BEHIND_SERVER:
        return (
            QCoreApplication.translate("SyncState", "Syncing stopped"),
            QCoreApplication.translate(
                "SyncState",
                "The plant server holds records from this station that this station no "
                "longer has: its database was restored from an old copy or altered. "
                "Records signed since are not on the server. Do not sign further records "
                "here; call QA.",
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
