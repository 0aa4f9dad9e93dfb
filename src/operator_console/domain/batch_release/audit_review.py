"""What an audit-trail review flags (Annex 11 §9, PIC/S PI 041 §9.4): of a batch's audit
entries, the ones a reviewer must look at: failed and refused signatures, refused scans,
typed entries, offline work, setting changes, corrections, failed logins and lockouts."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class Notable(StrEnum):
    FAILED_SIGNATURE = "failed_signature"
    REFUSED_SIGNATURE = "refused_signature"
    REFUSED_SCAN = "refused_scan"
    TYPED_ENTRY = "typed_entry"
    OFFLINE_WORK = "offline_work"
    SETTING_CHANGE = "setting_change"
    CORRECTION = "correction"
    ACCESS = "access"  # failed logins, lockouts
    EXCEPTION = "exception"  # an exception record raised


_BY_EVENT: dict[str, Notable] = {
    "sign_failed": Notable.FAILED_SIGNATURE,
    "signature_refused": Notable.REFUSED_SIGNATURE,
    "cassette_refused": Notable.REFUSED_SCAN,
    "setting_changed": Notable.SETTING_CHANGE,
    "channel_configured": Notable.SETTING_CHANGE,
    "record_corrected": Notable.CORRECTION,
    "login_failed": Notable.ACCESS,
    "unlock_failed": Notable.ACCESS,
    "account_locked": Notable.ACCESS,
}

#: Exception kinds whose raising is itself a notable entry of its own kind.
_BY_EXCEPTION_KIND: dict[str, Notable] = {
    "typed_entry": Notable.TYPED_ENTRY,
    "refused_scan": Notable.REFUSED_SCAN,
    "wrong_patient": Notable.REFUSED_SCAN,
    "offline_signature": Notable.OFFLINE_WORK,
    "correction": Notable.CORRECTION,
}


def notable(event: str, new: Mapping[str, Any] | None,
            exception_kind: str | None = None) -> Notable | None:
    """Why the entry ``event`` (with its ``new`` values) is notable, or None.
    ``exception_kind``: the kind of the exception record a ``record_created`` entry made."""
    if event in _BY_EVENT:
        return _BY_EVENT[event]
    values = new or {}
    if event == "record_signed" and values.get("auth_method") == "offline":
        return Notable.OFFLINE_WORK
    if event == "record_created" and exception_kind is not None:
        return _BY_EXCEPTION_KIND.get(exception_kind, Notable.EXCEPTION)
    return None
