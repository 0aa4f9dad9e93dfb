"""An audit entry's old and new values in plain language: "Locked: Yes → No", "State: Active,
not acknowledged → Normal", "Value: 61.2 %", "idle_lock_seconds: 300 → 600".

The entry keeps codes (canonical JSON); this is how the Audit page shows a change. Only what
changed is listed; a value without an old one is shown alone. Known field names, codes
(alarm states, limit sides, languages) and yes/no are translated; a key nobody named is
shown as written, so nothing in the entry is hidden.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from operator_console.ui.names.alarms import alarm_state_name, limit_name

CONTEXT = "AuditChange"
_LABELS: dict[str, str] = {
    "state": str(QT_TRANSLATE_NOOP("AuditChange", "State")),
    "value": str(QT_TRANSLATE_NOOP("AuditChange", "Value")),
    "limit_kind": str(QT_TRANSLATE_NOOP("AuditChange", "Limit")),
    "limit": str(QT_TRANSLATE_NOOP("AuditChange", "Limit value")),
    "active": str(QT_TRANSLATE_NOOP("AuditChange", "Account active")),
    "locked": str(QT_TRANSLATE_NOOP("AuditChange", "Locked")),
    "failed": str(QT_TRANSLATE_NOOP("AuditChange", "Wrong passwords")),
    "failed_attempts": str(QT_TRANSLATE_NOOP("AuditChange", "Wrong passwords")),
    "language": str(QT_TRANSLATE_NOOP("AuditChange", "Language")),
    "method": str(QT_TRANSLATE_NOOP("AuditChange", "Checked")),
    "must_change_password": str(QT_TRANSLATE_NOOP("AuditChange", "Must change password")),
    "corrects": str(QT_TRANSLATE_NOOP("AuditChange", "Corrects record")),
    "batch": str(QT_TRANSLATE_NOOP("AuditChange", "Batch")),
    "meaning": str(QT_TRANSLATE_NOOP("AuditChange", "Meaning")),
    "auth_method": str(QT_TRANSLATE_NOOP("AuditChange", "Password checked")),
    "content_hash": str(QT_TRANSLATE_NOOP("AuditChange", "Content hash")),
    "signature_hash": str(QT_TRANSLATE_NOOP("AuditChange", "Signature hash")),
    "type": str(QT_TRANSLATE_NOOP("AuditChange", "Record type")),
    "name_en": str(QT_TRANSLATE_NOOP("AuditChange", "Name (English)")),
    "name_ja": str(QT_TRANSLATE_NOOP("AuditChange", "Name (Japanese)")),
    "low_limit": str(QT_TRANSLATE_NOOP("AuditChange", "Low limit")),
    "high_limit": str(QT_TRANSLATE_NOOP("AuditChange", "High limit")),
    "unit": str(QT_TRANSLATE_NOOP("AuditChange", "Unit")),
    "decimals": str(QT_TRANSLATE_NOOP("AuditChange", "Decimals")),
    "display_min": str(QT_TRANSLATE_NOOP("AuditChange", "Scale from")),
    "display_max": str(QT_TRANSLATE_NOOP("AuditChange", "Scale to")),
    "hysteresis": str(QT_TRANSLATE_NOOP("AuditChange", "Hysteresis")),
    "alarm_delay_s": str(QT_TRANSLATE_NOOP("AuditChange", "Alarm delay (s)")),
    "stale_after_s": str(QT_TRANSLATE_NOOP("AuditChange", "No data after (s)")),
    "endpoint": str(QT_TRANSLATE_NOOP("AuditChange", "Instrument address")),
    "node_id": str(QT_TRANSLATE_NOOP("AuditChange", "Node")),
}
_WORDS: dict[str, str] = {
    "ja": str(QT_TRANSLATE_NOOP("AuditChange", "Japanese")),
    "en": str(QT_TRANSLATE_NOOP("AuditChange", "English")),
    "online": str(QT_TRANSLATE_NOOP("AuditChange", "by the plant server")),
    "offline": str(QT_TRANSLATE_NOOP("AuditChange", "at this station (offline)")),
}
_YES = str(QT_TRANSLATE_NOOP("AuditChange", "Yes"))
_NO = str(QT_TRANSLATE_NOOP("AuditChange", "No"))
_FIELD = str(QT_TRANSLATE_NOOP("AuditChange", "%1: %2"))
_SEPARATOR = str(QT_TRANSLATE_NOOP("AuditChange", "; "))
_ARROW = " → "
_LONG = 24  # hashes and IDs are cut to their first characters


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _loads(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def value_words(key: str, value: Any, unit: str = "") -> str:
    """One value in words."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _tr(_YES if value else _NO)
    if isinstance(value, (int, float)):
        number = (QLocale().toString(value) if isinstance(value, int)
                  else QLocale().toString(float(value), "g", 10))
        return f"{number} {unit}".strip() if key in ("value", "limit") else number
    if isinstance(value, str):
        if key == "state":
            return alarm_state_name(value)
        if key == "limit_kind":
            return limit_name(value)
        if value in _WORDS and key in ("language", "method", "auth_method"):
            return _tr(_WORDS[value])
        return value if len(value) <= _LONG else value[:12] + "…"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else text[:59] + "…"


def _label(key: str) -> str:
    return _tr(_LABELS[key]) if key in _LABELS else key


def _field(key: str, text: str) -> str:
    return _tr(_FIELD).replace("%1", _label(key)).replace("%2", text)


def _unit(*sides: Any) -> str:
    for side in sides:
        if isinstance(side, Mapping) and isinstance(side.get("unit"), str):
            return str(side["unit"])
    return ""


def change_text(old_json: str, new_json: str) -> str:
    """What changed, in words; "" when the entry records no values."""
    old, new = _loads(old_json), _loads(new_json)
    if isinstance(old, Mapping) or isinstance(new, Mapping):
        before = old if isinstance(old, Mapping) else {}
        after = new if isinstance(new, Mapping) else {}
        unit = _unit(after, before) if {"value", "limit"} & {*before, *after} else ""
        parts: list[str] = []
        for key in [*before, *(k for k in after if k not in before)]:
            if key == "unit" and unit:
                continue  # shown with the values it belongs to
            had, has = key in before, key in after
            if had and has and before[key] == after[key]:
                continue
            if had and has:
                parts.append(_field(key, f"{value_words(key, before[key], unit)}{_ARROW}"
                                         f"{value_words(key, after[key], unit)}"))
            elif has:
                parts.append(_field(key, value_words(key, after[key], unit)))
            else:
                parts.append(_field(key, f"{value_words(key, before[key], unit)}{_ARROW}—"))
        return _tr(_SEPARATOR).join(parts)
    if old is None and new is None:
        return ""
    if old is None:
        return value_words("", new)
    return f"{value_words('', old)}{_ARROW}{value_words('', new)}"
