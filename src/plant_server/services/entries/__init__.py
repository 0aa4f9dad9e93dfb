"""Checking and storing one pushed outbox entry of each kind (record, signature, audit,
process data).

Each ``apply_*`` returns ``""`` (:data:`ACCEPT`) when the entry was accepted and stored, or a
stable reason code (an :class:`EntryRefusal`, or ``signature_refused:<code>``) when it is
rejected. It checks everything before it writes anything, so a rejected entry leaves no rows
(one exception: an audit entry naming another station stays a link of the chain);
the caller logs a security event for reasons that suggest tampering (:data:`SECURITY_REASONS`).
Conflicts (things people must decide) never reject: the entry is stored and a conflict raised.

Modules: :mod:`.payloads` (typed payloads parsed from JSON), :mod:`.refusals` (the codes),
:mod:`.batch` (per-batch cache and bulk insert), one module per kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from plant_server.models import Station
from plant_server.services.entries.audit_entries import apply_audit
from plant_server.services.entries.batch import BatchCache, prefetch, write_pending
from plant_server.services.entries.process_data import apply_process_data
from plant_server.services.entries.records import apply_record
from plant_server.services.entries.refusals import (
    ACCEPT,
    SECURITY_REASONS,
    EntryRefusal,
    signature_refused,
)
from plant_server.services.entries.signatures import apply_signature

Apply = Callable[[Session, Station, dict[str, Any]], str]

APPLY: dict[str, Apply] = {"record": apply_record, "signature": apply_signature,
                           "audit": apply_audit, "process_data": apply_process_data}

__all__ = ["ACCEPT", "APPLY", "SECURITY_REASONS", "BatchCache", "EntryRefusal", "apply_audit",
           "apply_record", "apply_signature", "prefetch", "signature_refused",
           "write_pending"]
