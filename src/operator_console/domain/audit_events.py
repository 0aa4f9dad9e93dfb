"""Every kind of entry the station writes into its audit trail, as stored codes.

``AuditLog.append`` takes only these, so an event without a display name (and a Japanese
one) cannot be written: the names live in ``ui.names.events``, keyed by this enum.
"""

from __future__ import annotations

from enum import StrEnum


class AuditEvent(StrEnum):
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_UNLOCKED = "account_unlocked"
    LOGOUT = "logout"
    SESSION_LOCKED = "session_locked"
    UNLOCK_SUCCEEDED = "unlock_succeeded"
    UNLOCK_FAILED = "unlock_failed"
    SESSION_ENDED = "session_ended"
    USER_CREATED = "user_created"
    USER_DISABLED = "user_disabled"
    USER_ENABLED = "user_enabled"
    ROLE_GRANTED = "role_granted"
    QUALIFICATION_GRANTED = "qualification_granted"
    SETTING_CHANGED = "setting_changed"
    LANGUAGE_CHANGED = "language_changed"
    APPLICATION_STARTED = "application_started"
    APPLICATION_STOPPED = "application_stopped"
    SELF_TEST = "self_test"
    CHANNEL_CONFIGURED = "channel_configured"
    MASTER_DATA_PULLED = "master_data_pulled"
    STATION_ENROLLED = "station_enrolled"
    SYNC_REJECTION_RESOLVED = "sync_rejection_resolved"
    ALARM_RAISED = "alarm_raised"
    ALARM_CLEARED = "alarm_cleared"
    ALARM_ACKNOWLEDGED = "alarm_acknowledged"
    SIGN_SUCCEEDED = "sign_succeeded"
    SIGN_FAILED = "sign_failed"
    RESOLVE_SUCCEEDED = "resolve_succeeded"
    RESOLVE_FAILED = "resolve_failed"
    RECORD_CREATED = "record_created"
    RECORD_CORRECTED = "record_corrected"
    RECORD_SIGNED = "record_signed"
    RECORD_RECEIVED = "record_received"
    SIGNATURE_REFUSED = "signature_refused"
    CASSETTE_REFUSED = "cassette_refused"
    PHASE_STARTED = "phase_started"
