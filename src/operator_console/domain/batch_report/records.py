"""From a batch's records (as either product stores them) to the report's step and exception
facts: each step's effective record (the last of its correction chain), each exception with
the disposition that closed it, and the instrument phases whose data the report draws."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_report.facts import (
    DispositionFacts,
    ExceptionReportFacts,
    SignatureLine,
    StepFacts,
)
from operator_console.domain.canonical import JsonValue
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import RecordType


@dataclass(frozen=True)
class ReportRecord:
    record_id: str
    record_type: RecordType
    body: Mapping[str, JsonValue]  # the record's ``content``
    corrects: str | None
    created_by: str
    created_at: datetime  # UTC
    signatures: tuple[SignatureLine, ...] = ()


@dataclass(frozen=True)
class CollectedRecords:
    steps: tuple[StepFacts, ...]
    exceptions: tuple[ExceptionReportFacts, ...]
    #: (step ID, step record ID, alarms) of each recorded instrument phase.
    phases: tuple[tuple[str, str, tuple[tuple[str, float, float | None], ...]], ...]


def _root(records: Mapping[str, ReportRecord], record: ReportRecord) -> ReportRecord:
    seen = 0
    while record.corrects and record.corrects in records and seen < 1000:
        record, seen = records[record.corrects], seen + 1
    return record


def _alarms(actual: Mapping[str, JsonValue]) -> tuple[tuple[str, float, float | None], ...]:
    out = []
    for a in actual.get("alarms") or []:
        if isinstance(a, Mapping) and isinstance(a.get("raised_at"), (int, float)):
            cleared = a.get("cleared_at")
            out.append((str(a.get("channel")), float(a["raised_at"]),
                        float(cleared) if isinstance(cleared, (int, float)) else None))
    return tuple(out)


def collect(records: Iterable[ReportRecord]) -> CollectedRecords:
    """``records``: all of the batch's records, oldest first."""
    ordered: Sequence[ReportRecord] = list(records)
    by_id = {r.record_id: r for r in ordered}
    latest: dict[str, ReportRecord] = {}  # root ID -> last of its chain
    for r in ordered:
        latest[_root(by_id, r).record_id] = r
    dispositions: dict[str, ReportRecord] = {}
    for r in ordered:
        if _root(by_id, r).record_type is RecordType.EXCEPTION_DISPOSITION:
            named = r.body.get("exception")
            if isinstance(named, str):
                dispositions[_root(by_id, by_id[named]).record_id if named in by_id
                             else named] = latest[_root(by_id, r).record_id]
    steps, exceptions, phases = [], [], []
    for root_id, last in latest.items():
        root = by_id[root_id]
        if root.record_type is RecordType.STEP_RECORD:
            actual = last.body.get("actual")
            actual = actual if isinstance(actual, Mapping) else {}
            steps.append(StepFacts(str(last.body.get("step", "")), last.record_id,
                                   last.created_at, actual, last.signatures,
                                   corrected=last is not root))
            if last.body.get("step_type") == "instrument_phase":
                phases.append((str(last.body.get("step", "")), root.record_id,
                               _alarms(actual)))
        elif root.record_type is RecordType.EXCEPTION:
            body = root.body  # an exception stands as raised (a correction cannot change it)
            closing = dispositions.get(root_id)
            evidence = body.get("evidence")
            step = body.get("step")
            exceptions.append(ExceptionReportFacts(
                root_id, ExceptionKind(str(body["kind"])), Severity(str(body["severity"])),
                step if isinstance(step, str) else None, str(body.get("description", "")),
                evidence if isinstance(evidence, Mapping) else {}, root.created_at,
                root.created_by,
                None if closing is None else DispositionFacts(
                    closing.record_id, str(closing.body.get("reason", "")),
                    closing.created_at, closing.signatures)))
    return CollectedRecords(tuple(steps), tuple(exceptions), tuple(phases))
