"""Translatable names for stored codes (events, refusals, roles). Stored data keeps codes;
text is produced here, when shown, in the viewer's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def _texts(table: dict[str, object]) -> dict[str, str]:
    """QT_TRANSLATE_NOOP returns its text; typed as object in the stubs."""
    return {key: str(value) for key, value in table.items()}


_EVENTS: dict[str, str] = _texts({
    "login_succeeded": QT_TRANSLATE_NOOP("AuditEvent", "Login"),
    "login_failed": QT_TRANSLATE_NOOP("AuditEvent", "Failed login"),
    "account_locked": QT_TRANSLATE_NOOP("AuditEvent", "Account locked"),
    "account_unlocked": QT_TRANSLATE_NOOP("AuditEvent", "Account unlocked"),
    "logout": QT_TRANSLATE_NOOP("AuditEvent", "Logout"),
    "session_locked": QT_TRANSLATE_NOOP("AuditEvent", "Screen locked"),
    "unlock_succeeded": QT_TRANSLATE_NOOP("AuditEvent", "Screen unlocked"),
    "unlock_failed": QT_TRANSLATE_NOOP("AuditEvent", "Failed unlock"),
    "session_ended": QT_TRANSLATE_NOOP("AuditEvent", "Session ended"),
    "user_created": QT_TRANSLATE_NOOP("AuditEvent", "User created"),
    "user_disabled": QT_TRANSLATE_NOOP("AuditEvent", "User disabled"),
    "user_enabled": QT_TRANSLATE_NOOP("AuditEvent", "User enabled"),
    "role_granted": QT_TRANSLATE_NOOP("AuditEvent", "Role granted"),
    "qualification_granted": QT_TRANSLATE_NOOP("AuditEvent", "Qualification granted"),
    "setting_changed": QT_TRANSLATE_NOOP("AuditEvent", "Setting changed"),
    "language_changed": QT_TRANSLATE_NOOP("AuditEvent", "Language changed"),
    "application_started": QT_TRANSLATE_NOOP("AuditEvent", "Application started"),
    "application_stopped": QT_TRANSLATE_NOOP("AuditEvent", "Application stopped"),
    "channel_configured": QT_TRANSLATE_NOOP("AuditEvent", "Instrument channel configured"),
    "master_data_pulled": QT_TRANSLATE_NOOP("AuditEvent", "Master data received"),
    "station_enrolled": QT_TRANSLATE_NOOP("AuditEvent", "Station enrolled"),
    "sync_rejection_resolved": QT_TRANSLATE_NOOP("AuditEvent", "Sync rejection resolved"),
    "alarm_raised": QT_TRANSLATE_NOOP("AuditEvent", "Alarm raised"),
    "alarm_cleared": QT_TRANSLATE_NOOP("AuditEvent", "Alarm cleared"),
    "alarm_acknowledged": QT_TRANSLATE_NOOP("AuditEvent", "Alarm acknowledged"),
    "sign_succeeded": QT_TRANSLATE_NOOP("AuditEvent", "Password confirmed for signing"),
    "sign_failed": QT_TRANSLATE_NOOP("AuditEvent", "Failed password for signing"),
    "record_created": QT_TRANSLATE_NOOP("AuditEvent", "Record created"),
    "record_corrected": QT_TRANSLATE_NOOP("AuditEvent", "Correction recorded"),
    "record_signed": QT_TRANSLATE_NOOP("AuditEvent", "Record signed"),
    "record_received": QT_TRANSLATE_NOOP("AuditEvent", "Record received from another station"),
    "signature_refused": QT_TRANSLATE_NOOP("AuditEvent", "Signature refused"),
})

# Reasons the console itself writes into the audit trail (people's own reasons are shown as
# entered).
_REASONS: dict[str, str] = _texts({
    "unknown user ID": QT_TRANSLATE_NOOP("AuditReason", "unknown user ID"),
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
    "another user logged in at the lock screen": QT_TRANSLATE_NOOP(
        "AuditReason", "another user logged in at the lock screen"),
    "account locked while the screen was locked": QT_TRANSLATE_NOOP(
        "AuditReason", "account locked while the screen was locked"),
})

_ROLES: dict[str, str] = _texts({
    "operator": QT_TRANSLATE_NOOP("Role", "Operator"),
    "verifier": QT_TRANSLATE_NOOP("Role", "Verifier"),
    "qa": QT_TRANSLATE_NOOP("Role", "Quality assurance"),
    "administrator": QT_TRANSLATE_NOOP("Role", "Administrator"),
})

_AUTH_REFUSALS: dict[str, str] = _texts({
    "bad_credentials": QT_TRANSLATE_NOOP(
        "AuthRefusal", "The user ID or password is not correct. Check them and try again."),
    "account_locked": QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "This account is locked. Ask an administrator to unlock it."),
    "account_locked_now": QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "Too many failed attempts: this account is now locked. "
        "Ask an administrator to unlock it."),
    "account_disabled": QT_TRANSLATE_NOOP(
        "AuthRefusal", "This account is disabled. Contact an administrator."),
    "offline_not_allowed": QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "The plant server cannot be reached and this account has no valid offline credentials "
        "at this station (never logged in here online, or they expired). Log in with another "
        "account, or wait until the plant server is back."),
    "wrong_user": QT_TRANSLATE_NOOP(
        "AuthRefusal",
        "These are another user's credentials. Only the locked user can unlock; "
        "use \"Log in as another user\" instead."),
})


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def event_name(code: str) -> str:
    """The event's name in the current language (the code itself if unknown)."""
    text = _EVENTS.get(code)
    return _tr("AuditEvent", text) if text else code


def reason_text(reason: str) -> str:
    """A system-written reason in the current language; people's own text unchanged."""
    if reason.endswith(" consecutive failed attempts"):
        count = reason.split(" ", 1)[0]
        return QCoreApplication.translate("AuditReason", "%1 consecutive failed attempts").replace(
            "%1", count)
    text = _REASONS.get(reason)
    return _tr("AuditReason", text) if text else reason


def event_codes() -> list[str]:
    return list(_EVENTS)


def role_name(code: str) -> str:
    text = _ROLES.get(code)
    return _tr("Role", text) if text else code


def auth_refusal_text(code: str, attempts_left: int | None = None) -> str:
    text = _tr("AuthRefusal", _AUTH_REFUSALS[code])
    if code == "bad_credentials" and attempts_left is not None and attempts_left <= 3:
        text += " " + QCoreApplication.translate(
            "AuthRefusal", "Attempts left before the account is locked: %1.").replace(
            "%1", str(attempts_left))
    return text
