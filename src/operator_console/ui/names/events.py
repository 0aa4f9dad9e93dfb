"""Translatable names for stored codes (events, refusals, roles). Stored data keeps codes;
text is produced here, when shown, in the viewer's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from operator_console.auth.service import AuthRefusal
from operator_console.domain.audit_events import AuditEvent
from operator_console.domain.people import Role
from operator_console.ui.names.enum_names import EnumNames


def _texts(table: dict[str, object]) -> dict[str, str]:
    """QT_TRANSLATE_NOOP returns its text; typed as object in the stubs."""
    return {key: str(value) for key, value in table.items()}


event_name = EnumNames("AuditEvent", AuditEvent, {
    AuditEvent.LOGIN_SUCCEEDED: QT_TRANSLATE_NOOP("AuditEvent", "Login"),
    AuditEvent.LOGIN_FAILED: QT_TRANSLATE_NOOP("AuditEvent", "Login refused"),
    AuditEvent.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP("AuditEvent", "Account locked"),
    AuditEvent.ACCOUNT_UNLOCKED: QT_TRANSLATE_NOOP("AuditEvent", "Account unlocked"),
    AuditEvent.LOGOUT: QT_TRANSLATE_NOOP("AuditEvent", "Logout"),
    AuditEvent.SESSION_LOCKED: QT_TRANSLATE_NOOP("AuditEvent", "Screen locked"),
    AuditEvent.UNLOCK_SUCCEEDED: QT_TRANSLATE_NOOP("AuditEvent", "Screen unlocked"),
    AuditEvent.UNLOCK_FAILED: QT_TRANSLATE_NOOP("AuditEvent", "Unlock refused"),
    AuditEvent.SESSION_ENDED: QT_TRANSLATE_NOOP("AuditEvent", "Session ended"),
    AuditEvent.USER_CREATED: QT_TRANSLATE_NOOP("AuditEvent", "User created"),
    AuditEvent.USER_DISABLED: QT_TRANSLATE_NOOP("AuditEvent", "User disabled"),
    AuditEvent.USER_ENABLED: QT_TRANSLATE_NOOP("AuditEvent", "User enabled"),
    AuditEvent.ROLE_GRANTED: QT_TRANSLATE_NOOP("AuditEvent", "Role granted"),
    AuditEvent.QUALIFICATION_GRANTED: QT_TRANSLATE_NOOP("AuditEvent", "Qualification granted"),
    AuditEvent.SETTING_CHANGED: QT_TRANSLATE_NOOP("AuditEvent", "Setting changed"),
    AuditEvent.LANGUAGE_CHANGED: QT_TRANSLATE_NOOP("AuditEvent", "Language changed"),
    AuditEvent.APPLICATION_STARTED: QT_TRANSLATE_NOOP("AuditEvent", "Application started"),
    AuditEvent.APPLICATION_STOPPED: QT_TRANSLATE_NOOP("AuditEvent", "Application stopped"),
    AuditEvent.SELF_TEST: QT_TRANSLATE_NOOP("AuditEvent", "Self-test of the installation"),
    AuditEvent.CHANNEL_CONFIGURED: QT_TRANSLATE_NOOP("AuditEvent", "Instrument channel configured"),
    AuditEvent.MASTER_DATA_PULLED: QT_TRANSLATE_NOOP("AuditEvent", "Master data received"),
    AuditEvent.STATION_ENROLLED: QT_TRANSLATE_NOOP("AuditEvent", "Station enrolled"),
    AuditEvent.SYNC_REJECTION_RESOLVED: QT_TRANSLATE_NOOP("AuditEvent", "Sync rejection resolved"),
    AuditEvent.ALARM_RAISED: QT_TRANSLATE_NOOP("AuditEvent", "Alarm raised"),
    AuditEvent.ALARM_CLEARED: QT_TRANSLATE_NOOP("AuditEvent", "Alarm cleared"),
    AuditEvent.ALARM_ACKNOWLEDGED: QT_TRANSLATE_NOOP("AuditEvent", "Alarm acknowledged"),
    AuditEvent.SIGN_SUCCEEDED: QT_TRANSLATE_NOOP("AuditEvent", "Password confirmed for signing"),
    # "Refused", not "failed password": the reason column says why (a wrong password, or
    # no offline credentials at this station, ...).
    AuditEvent.SIGN_FAILED: QT_TRANSLATE_NOOP("AuditEvent", "Signing refused"),
    AuditEvent.RESOLVE_SUCCEEDED: QT_TRANSLATE_NOOP("AuditEvent",
                                                    "Password confirmed for a resolution"),
    AuditEvent.RESOLVE_FAILED: QT_TRANSLATE_NOOP("AuditEvent",
                                                 "Failed password for a resolution"),
    AuditEvent.RECORD_CREATED: QT_TRANSLATE_NOOP("AuditEvent", "Record created"),
    AuditEvent.RECORD_CORRECTED: QT_TRANSLATE_NOOP("AuditEvent", "Correction recorded"),
    AuditEvent.RECORD_SIGNED: QT_TRANSLATE_NOOP("AuditEvent", "Record signed"),
    AuditEvent.RECORD_RECEIVED: QT_TRANSLATE_NOOP("AuditEvent",
                                                  "Record received from another station"),
    AuditEvent.SIGNATURE_REFUSED: QT_TRANSLATE_NOOP("AuditEvent", "Signature refused"),
    AuditEvent.CASSETTE_REFUSED: QT_TRANSLATE_NOOP("AuditEvent", "Cassette scan refused"),
    AuditEvent.PHASE_STARTED: QT_TRANSLATE_NOOP("AuditEvent", "Instrument phase started"),
})

# Reasons the console itself writes into the audit trail (people's own reasons are shown as
# entered).
_REASONS: dict[str, str] = _texts({
    "unknown user ID": QT_TRANSLATE_NOOP("AuditReason", "unknown user ID"),
    "high": QT_TRANSLATE_NOOP("AuditReason", "above the high limit"),
    "low": QT_TRANSLATE_NOOP("AuditReason", "below the low limit"),
    "wrong password": QT_TRANSLATE_NOOP("AuditReason", "wrong password"),
    "account disabled": QT_TRANSLATE_NOOP("AuditReason", "account disabled"),
    "account locked": QT_TRANSLATE_NOOP("AuditReason", "account locked"),
    "credentials of another user": QT_TRANSLATE_NOOP("AuditReason",
                                                     "credentials of another user"),
    "demo data": QT_TRANSLATE_NOOP("AuditReason", "demo data"),
    "demo mode": QT_TRANSLATE_NOOP("AuditReason", "demo mode"),
    "never logged in online at this station": QT_TRANSLATE_NOOP(
        "AuditReason", "never logged in online at this station"),
    "offline credentials expired": QT_TRANSLATE_NOOP("AuditReason",
                                                     "offline credentials expired"),
    "demo: built-in instrument simulator": QT_TRANSLATE_NOOP(
        "AuditReason", "demo: built-in instrument simulator"),
    "demo: locked account": QT_TRANSLATE_NOOP("AuditReason", "demo: locked account"),
    "logged out by the user": QT_TRANSLATE_NOOP("AuditReason", "logged out by the user"),
    "application closed": QT_TRANSLATE_NOOP("AuditReason", "application closed"),
    "idle time elapsed or locked by the user": QT_TRANSLATE_NOOP(
        "AuditReason", "idle time elapsed or locked by the user"),
    "idle time elapsed": QT_TRANSLATE_NOOP("AuditReason", "idle time elapsed"),
    "locked by the user": QT_TRANSLATE_NOOP("AuditReason", "locked by the user"),
    "another user logged in at the lock screen": QT_TRANSLATE_NOOP(
        "AuditReason", "another user logged in at the lock screen"),
    "account locked while the screen was locked": QT_TRANSLATE_NOOP(
        "AuditReason", "account locked while the screen was locked"),
})

role_name = EnumNames("Role", Role, {
    Role.OPERATOR: QT_TRANSLATE_NOOP("Role", "Operator"),
    Role.VERIFIER: QT_TRANSLATE_NOOP("Role", "Verifier"),
    Role.QA: QT_TRANSLATE_NOOP("Role", "Quality assurance"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("Role", "Administrator"),
})

_auth_refusal = EnumNames("AuthRefusal", AuthRefusal, {
    AuthRefusal.BAD_CREDENTIALS: QT_TRANSLATE_NOOP(
        "AuthRefusal", "The user ID or password is not correct. Check them and try again."),
    AuthRefusal.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "This account is locked. Ask an administrator to unlock it."),
    AuthRefusal.ACCOUNT_LOCKED_NOW: QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "Too many failed attempts: this account is now locked. "
        "Ask an administrator to unlock it."),
    AuthRefusal.ACCOUNT_DISABLED: QT_TRANSLATE_NOOP(
        "AuthRefusal", "This account is disabled. Contact an administrator."),
    AuthRefusal.OFFLINE_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "The plant server cannot be reached and this account has no valid offline credentials "
        "at this station (never logged in here online, or they expired). Log in with another "
        "account, or wait until the plant server is back."),
    AuthRefusal.WRONG_USER: QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "These are another user's credentials. Only the locked user can unlock; "
        "use \"Log in as another user\" instead."),
})


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def reason_text(reason: str) -> str:
    """A system-written reason in the current language; people's own text unchanged."""
    if reason.endswith(" consecutive failed attempts"):
        count = reason.split(" ", 1)[0]
        return QCoreApplication.translate("AuditReason", "%1 consecutive failed attempts").replace(
            "%1", count)
    text = _REASONS.get(reason)
    return _tr("AuditReason", text) if text else reason


def event_codes() -> list[str]:
    return [e.value for e in AuditEvent]


def auth_refusal_text(code: str, attempts_left: int | None = None) -> str:
    text = _auth_refusal(code)
    if code == "bad_credentials" and attempts_left is not None and attempts_left <= 3:
        text += " " + QCoreApplication.translate(
            "AuthRefusal", "Attempts left before the account is locked: %1.").replace(
            "%1", str(attempts_left))
    return text


def unlock_refusal_text(attempts_left: int | None) -> str:
    """A wrong password at the lock screen (where no user ID is asked)."""
    text = QCoreApplication.translate(
        "UnlockRefusal", "The password is not correct. Enter your password again.")
    if attempts_left is not None:
        text += " " + QCoreApplication.translate(
            "UnlockRefusal", "Attempts left before the account is locked: %1.").replace(
            "%1", str(attempts_left))
    return text
