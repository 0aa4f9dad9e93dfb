"""Display names of the QA review: batch states, the release gate's open items, exception
kinds and severities, and why an audit entry is notable."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_release.audit_review import Notable
from operator_console.domain.batch_release.gate import OpenItemKind
from operator_console.domain.batch_release.lifecycle import BatchState
from operator_console.domain.recipes.model import Severity
from operator_console.ui.names.enum_names import EnumNames

batch_state_name = EnumNames("BatchState", BatchState, {
    BatchState.IN_PROCESS: QT_TRANSLATE_NOOP("BatchState", "In process"),
    BatchState.EXECUTION_COMPLETE: QT_TRANSLATE_NOOP("BatchState", "Execution complete"),
    BatchState.UNDER_REVIEW: QT_TRANSLATE_NOOP("BatchState", "Under QA review"),
    BatchState.RELEASED: QT_TRANSLATE_NOOP("BatchState", "Released"),
    BatchState.REJECTED: QT_TRANSLATE_NOOP("BatchState", "Rejected"),
    BatchState.ON_HOLD: QT_TRANSLATE_NOOP("BatchState", "On hold"),
})

open_item_name = EnumNames("OpenItem", OpenItemKind, {
    OpenItemKind.EXECUTION_INCOMPLETE: QT_TRANSLATE_NOOP("OpenItem", "Steps not done"),
    OpenItemKind.OPEN_EXCEPTION: QT_TRANSLATE_NOOP("OpenItem", "Exception not dispositioned"),
    OpenItemKind.OPEN_CONFLICT: QT_TRANSLATE_NOOP("OpenItem", "Conflict not resolved"),
    OpenItemKind.PENDING_SIGNATURE: QT_TRANSLATE_NOOP("OpenItem", "Signature still awaited"),
    OpenItemKind.UNCHECKED_OFFLINE_SIGNATURE: QT_TRANSLATE_NOOP(
        "OpenItem", "Offline signature not checked by the plant server"),
    OpenItemKind.AUDIT_REVIEW_MISSING: QT_TRANSLATE_NOOP(
        "OpenItem", "Audit-trail review not signed"),
    OpenItemKind.MISSING_ENTRIES: QT_TRANSLATE_NOOP(
        "OpenItem", "Entries not yet received from a station"),
    OpenItemKind.NOT_UNDER_REVIEW: QT_TRANSLATE_NOOP("OpenItem", "Batch not under QA review"),
})

exception_kind_name = EnumNames("ReviewException", ExceptionKind, {
    ExceptionKind.REFUSED_SCAN: QT_TRANSLATE_NOOP("ReviewException", "Refused scan"),
    ExceptionKind.WRONG_PATIENT: QT_TRANSLATE_NOOP("ReviewException", "Another patient's material"),
    ExceptionKind.EXPIRED_MATERIAL: QT_TRANSLATE_NOOP("ReviewException", "Expired material"),
    ExceptionKind.TYPED_ENTRY: QT_TRANSLATE_NOOP("ReviewException", "Typed instead of scanned"),
    ExceptionKind.OUT_OF_LIMITS: QT_TRANSLATE_NOOP("ReviewException", "Value outside limits"),
    ExceptionKind.IMPLAUSIBLE_ENTRY: QT_TRANSLATE_NOOP("ReviewException", "Implausible entry"),
    ExceptionKind.PHASE_ALARM: QT_TRANSLATE_NOOP("ReviewException", "Alarm during a phase"),
    ExceptionKind.CPP_EXCURSION: QT_TRANSLATE_NOOP("ReviewException", "CPP excursion"),
    ExceptionKind.MISSING_DATA: QT_TRANSLATE_NOOP("ReviewException", "Missing process data"),
    ExceptionKind.LATE_VERIFICATION: QT_TRANSLATE_NOOP("ReviewException", "Late verification"),
    ExceptionKind.OFFLINE_SIGNATURE: QT_TRANSLATE_NOOP("ReviewException", "Offline signature"),
    ExceptionKind.CORRECTION: QT_TRANSLATE_NOOP("ReviewException", "Correction"),
    ExceptionKind.MANUAL: QT_TRANSLATE_NOOP("ReviewException", "Raised by hand"),
})

severity_name = EnumNames("Severity", Severity, {
    Severity.MINOR: QT_TRANSLATE_NOOP("Severity", "Minor"),
    Severity.MAJOR: QT_TRANSLATE_NOOP("Severity", "Major"),
    Severity.CRITICAL: QT_TRANSLATE_NOOP("Severity", "Critical"),
})

notable_name = EnumNames("Notable", Notable, {
    Notable.FAILED_SIGNATURE: QT_TRANSLATE_NOOP("Notable", "Failed signature"),
    Notable.REFUSED_SIGNATURE: QT_TRANSLATE_NOOP("Notable", "Refused signature"),
    Notable.REFUSED_SCAN: QT_TRANSLATE_NOOP("Notable", "Refused scan"),
    Notable.TYPED_ENTRY: QT_TRANSLATE_NOOP("Notable", "Typed entry"),
    Notable.OFFLINE_WORK: QT_TRANSLATE_NOOP("Notable", "Offline work"),
    Notable.SETTING_CHANGE: QT_TRANSLATE_NOOP("Notable", "Setting changed"),
    Notable.CORRECTION: QT_TRANSLATE_NOOP("Notable", "Correction"),
    Notable.ACCESS: QT_TRANSLATE_NOOP("Notable", "Failed login or lockout"),
    Notable.EXCEPTION: QT_TRANSLATE_NOOP("Notable", "Exception raised"),
})
