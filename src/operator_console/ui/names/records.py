"""Names of record types, signature meanings and record states, and the signature-rule
refusals, in the viewer's language (stored data keeps the codes)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from operator_console.domain.records import Meaning, RecordStatus, RecordType
from operator_console.domain.signatures import AuthMethod, RefusalCode
from operator_console.store.records_reader import ServerCheck
from operator_console.ui.names.enum_names import EnumNames

record_type_name = EnumNames("RecordType", RecordType, {
    RecordType.CASSETTE_LOAD: QT_TRANSLATE_NOOP("RecordType", "Cassette load"),
    RecordType.CASSETTE_UNLOAD: QT_TRANSLATE_NOOP("RecordType", "Cassette unload"),
    RecordType.ALARM_ACK: QT_TRANSLATE_NOOP("RecordType", "Alarm acknowledgement"),
    RecordType.COMMENT: QT_TRANSLATE_NOOP("RecordType", "Comment"),
    RecordType.STEP_COMPLETION: QT_TRANSLATE_NOOP("RecordType", "Step completion"),
    RecordType.CORRECTION: QT_TRANSLATE_NOOP("RecordType", "Correction"),
    RecordType.STEP_RECORD: QT_TRANSLATE_NOOP("RecordType", "Step record"),
    RecordType.EXCEPTION: QT_TRANSLATE_NOOP("RecordType", "Exception"),
    RecordType.EXCEPTION_DISPOSITION: QT_TRANSLATE_NOOP("RecordType", "Exception disposition"),
})
meaning_name = EnumNames("Meaning", Meaning, {
    Meaning.PERFORMED: QT_TRANSLATE_NOOP("Meaning", "Performed"),
    Meaning.VERIFIED: QT_TRANSLATE_NOOP("Meaning", "Verified"),
    Meaning.REVIEWED: QT_TRANSLATE_NOOP("Meaning", "Reviewed"),
    Meaning.APPROVED: QT_TRANSLATE_NOOP("Meaning", "Approved"),
})
status_name = EnumNames("RecordStatus", RecordStatus, {
    RecordStatus.AWAITING_SIGNATURE: QT_TRANSLATE_NOOP("RecordStatus", "Awaiting signature"),
    RecordStatus.AWAITING_VERIFICATION: QT_TRANSLATE_NOOP("RecordStatus",
                                                          "Awaiting verification"),
    RecordStatus.COMPLETE: QT_TRANSLATE_NOOP("RecordStatus", "Complete"),
    RecordStatus.CORRECTED: QT_TRANSLATE_NOOP("RecordStatus", "Corrected"),
})
auth_method_name = EnumNames("AuthMethod", AuthMethod, {
    AuthMethod.ONLINE: QT_TRANSLATE_NOOP("AuthMethod", "online"),
    AuthMethod.OFFLINE: QT_TRANSLATE_NOOP("AuthMethod", "offline"),
})
# Per refusal code: what is wrong, then what to do. %1/%2 are filled from the refusal's
# params (meaning and record type translated, procedure code as is).
_refusal = EnumNames("SignRefusal", RefusalCode, {
    RefusalCode.WRONG_PASSWORD: QT_TRANSLATE_NOOP(
        "SignRefusal", "The password is not correct. Enter your password again."),
    RefusalCode.ACCOUNT_LOCKED_NOW: QT_TRANSLATE_NOOP(
        "SignRefusal", "Too many wrong passwords: the account is now locked. "
        "Ask an administrator to unlock it."),
    RefusalCode.ACCOUNT_DISABLED: QT_TRANSLATE_NOOP(
        "SignRefusal", "This account is disabled and cannot sign. Ask an administrator."),
    RefusalCode.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP(
        "SignRefusal", "This account is locked and cannot sign. "
        "Ask an administrator to unlock it."),
    RefusalCode.MEANING_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "SignRefusal", "A %1 record does not take a \"%2\" signature. "
        "Choose the signature this record needs."),
    RefusalCode.RECORD_SUPERSEDED: QT_TRANSLATE_NOOP(
        "SignRefusal", "This record has been corrected and can no longer be signed as "
        "\"%1\". Sign the correction record instead."),
    RefusalCode.ALREADY_SIGNED_WITH_MEANING: QT_TRANSLATE_NOOP(
        "SignRefusal", "This record already has a \"%1\" signature. "
        "No further \"%1\" signature is needed."),
    RefusalCode.PERFORMER_REQUIRED_FIRST: QT_TRANSLATE_NOOP(
        "SignRefusal", "This record has no \"Performed\" signature yet. "
        "The person who did the work must sign first."),
    RefusalCode.VERIFICATION_REQUIRED_FIRST: QT_TRANSLATE_NOOP(
        "SignRefusal", "This record is not verified yet. A second person must verify it "
        "before it can be signed as \"%1\"."),
    RefusalCode.SAME_PERSON: QT_TRANSLATE_NOOP(
        "SignRefusal", "You have already signed or created this record. A different "
        "person must sign as \"%1\"."),
    RefusalCode.NOT_OPERATOR: QT_TRANSLATE_NOOP(
        "SignRefusal", "Your roles do not allow you to perform a %1 record. "
        "Ask an operator to sign as performer."),
    RefusalCode.NOT_VERIFIER: QT_TRANSLATE_NOOP(
        "SignRefusal", "You do not hold the verifier role. Ask a qualified verifier to sign."),
    RefusalCode.NOT_QA: QT_TRANSLATE_NOOP(
        "SignRefusal", "Only quality assurance may sign as \"%1\". Ask a QA person to sign."),
    RefusalCode.QUALIFICATION_MISSING: QT_TRANSLATE_NOOP(
        "SignRefusal", "You are not qualified for procedure %1. "
        "Ask a person qualified for %1 to sign."),
    RefusalCode.QUALIFICATION_NOT_YET_VALID: QT_TRANSLATE_NOOP(
        "SignRefusal", "Your qualification for procedure %1 is not in force yet. "
        "Ask a person with a current qualification to sign."),
    RefusalCode.QUALIFICATION_EXPIRED: QT_TRANSLATE_NOOP(
        "SignRefusal", "Your qualification for procedure %1 has expired. Ask a person with "
        "a current qualification to sign, and renew your training."),
    RefusalCode.CONTENT_CHANGED: QT_TRANSLATE_NOOP(
        "SignRefusal", "This record's stored content no longer matches what was signed. "
        "Do not sign it; inform QA at once."),
    RefusalCode.ALREADY_CORRECTED: QT_TRANSLATE_NOOP(
        "SignRefusal", "This record has already been corrected. Correct the correction record "
        "instead."),
    RefusalCode.CORRECTION_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "SignRefusal", "Cassette load and unload records cannot be corrected: the cassette's "
        "state depends on them. Unload the cassette or ask QA to quarantine it, and explain "
        "in a comment."),
})
_PROCEDURE_CODES = frozenset({RefusalCode.QUALIFICATION_MISSING, RefusalCode.QUALIFICATION_EXPIRED,
                              RefusalCode.QUALIFICATION_NOT_YET_VALID})


def refusal_text(code: RefusalCode | str, params: Mapping[str, str] | None = None) -> str:
    """A signature-rule refusal in the current language, its placeholders filled."""
    p = dict(params or {})
    code = RefusalCode(code)
    text = QCoreApplication.translate("SignRefusal", _refusal.source(code))
    if code is RefusalCode.MEANING_NOT_ALLOWED:
        return text.replace("%1", record_type_name(p.get("record_type", ""))).replace(
            "%2", meaning_name(p.get("meaning", "")))
    if code is RefusalCode.NOT_OPERATOR:
        return text.replace("%1", record_type_name(p.get("record_type", "")))
    if code in _PROCEDURE_CODES:
        return text.replace("%1", p.get("procedure", ""))
    return text.replace("%1", meaning_name(p.get("meaning", "")))

server_check_name = EnumNames("ServerCheck", ServerCheck, {
    ServerCheck.PENDING: QT_TRANSLATE_NOOP(
        "ServerCheck", "Offline signature: not yet re-checked by the plant server"),
    ServerCheck.CONFIRMED: QT_TRANSLATE_NOOP(
        "ServerCheck", "Offline signature: re-checked by the plant server"),
    ServerCheck.REFUSED: QT_TRANSLATE_NOOP(
        "ServerCheck", "Offline signature: REFUSED by the plant server (see Sync)"),
})
server_check_short = EnumNames("ServerCheckShort", ServerCheck, {
    ServerCheck.PENDING: QT_TRANSLATE_NOOP("ServerCheckShort", "offline, not re-checked yet"),
    ServerCheck.CONFIRMED: QT_TRANSLATE_NOOP("ServerCheckShort", "offline, re-checked"),
    ServerCheck.REFUSED: QT_TRANSLATE_NOOP("ServerCheckShort", "offline, REFUSED"),
})
