"""What QA sees when opening a batch for review: first what needs judgement (open exceptions
by severity, conflicts, signatures still awaited, offline signatures not re-checked,
corrections, values outside limits, alarms during phases), then everything else of the batch
counted (steps, records, audit entries), and the gate and the acts so far. Plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from operator_console.domain.batch_execution.exceptions import ExceptionState
from operator_console.domain.batch_execution.step_inputs import step_labels
from operator_console.domain.records import RecordType
from plant_server.services.batch_view import BatchView, batch_view
from plant_server.services.batches import batch_summary, get_batch
from plant_server.services.release import BatchStatus, _status, act_out
from plant_server.services.release_facts import (
    audit_lines,
    batch_conflicts,
    pending_signatures,
    unchecked_offline,
)

#: Exception kinds that are a value outside its limits, and an alarm during a phase.
VALUE_KINDS = ("out_of_limits", "implausible_entry")
ALARM_KINDS = ("phase_alarm", "cpp_excursion", "missing_data")


@dataclass(frozen=True)
class BatchReview:
    batch: dict[str, Any]
    status: BatchStatus
    exceptions: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    pending: list[dict[str, Any]]
    offline: list[dict[str, Any]]
    corrections: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    acts: list[dict[str, Any]]
    records: int

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["status"] = self.status.as_dict()
        out["needs_judgement"] = {
            "open_exceptions": sum(1 for e in self.exceptions if e["state"] == "open"),
            "conflicts": sum(1 for c in self.conflicts if c["status"] == "open"),
            "pending": len(self.pending),
            "unchecked_offline": sum(1 for o in self.offline if not o["checked"]),
            "corrections": len(self.corrections),
            "out_of_limits": sum(1 for e in self.exceptions if e["kind"] in VALUE_KINDS),
            "phase_alarms": sum(1 for e in self.exceptions if e["kind"] in ALARM_KINDS)}
        out["counts"] = {"steps": len(self.steps), "records": self.records,
                         "audit_entries": len(self.audit),
                         "notable_entries": sum(1 for a in self.audit if a["notable"])}
        return out


def _exceptions(view: BatchView) -> list[dict[str, Any]]:
    dispositions = {a.target: a for a in view.acts if a.act == "disposition"}
    out = []
    for exc in view.exceptions:
        rec = view.records[exc.exception_id]
        act = dispositions.get(exc.exception_id)
        out.append({"id": exc.exception_id, "kind": exc.kind.value,
                    "severity": exc.severity.value, "step": exc.step_id,
                    "state": exc.state.value, "description": rec.body.get("description", ""),
                    "evidence": rec.body.get("evidence", {}), "raised_by": rec.created_by,
                    "raised_at": rec.created_at,
                    "disposition": act_out(act).as_dict() if act else None})
    out.sort(key=lambda e: (e["state"] != ExceptionState.OPEN.value,
                            -{"minor": 0, "major": 1, "critical": 2}[e["severity"]],
                            e["raised_at"]))
    return out


def _offline(view: BatchView) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"record": r.record_id, "signer": s.signer_id, "meaning": s.meaning,
         "signed_at": s.signed_at, "checked": True}
        for r in view.records.values() for s in r.signatures if s.auth_method == "offline"]
    out += [{"record": o.record_id, "signer": o.signer_id, "meaning": o.meaning,
             "signed_at": None, "checked": False, "exception": o.exception_id}
            for o in unchecked_offline(view)]
    return out


def _steps(view: BatchView) -> list[dict[str, Any]]:
    if view.progress is None:
        return []
    out = []
    for p in view.progress.steps:
        rec = p.record
        out.append({"step": p.step.step_id, "name_en": p.step.name.en,
                    "name_ja": p.step.name.ja, "type": p.step.step_type.value,
                    "state": p.state.value, "record": rec.record_id if rec else None,
                    "performed_by": rec.performed_by if rec else None,
                    "verified_by": rec.verified_by if rec else None,
                    "labels": {code: {"en": t.en, "ja": t.ja}
                               for code, t in step_labels(p.step).items()},
                    "actual": view.records[rec.record_id].body.get("actual")
                    if rec and rec.record_id in view.records else None})
    return out


def batch_review(session: Session, batch_id: str, approvals_needed: int = 1) -> BatchReview:
    batch = get_batch(session, batch_id)
    view = batch_view(session, batch)
    status = _status(session, view, approvals_needed)
    corrections = [{"record": r.record_id, "corrects": r.corrects,
                    "type": r.effective_type.value, "by": r.created_by, "at": r.created_at}
                   for r in view.records.values() if r.record_type is RecordType.CORRECTION]
    return BatchReview(
        batch=batch_summary(batch), status=status, exceptions=_exceptions(view),
        conflicts=[{"id": c.id, "kind": c.kind, "summary": c.summary, "status": c.status,
                    "record": c.record_id, "created_at": c.created_at,
                    "resolved_by": c.resolved_by, "resolution": c.resolution}
                   for c in batch_conflicts(session, view, status=None)],
        pending=[{"record": p.record_id, "step": p.step_id, "waits_on": p.waits_on}
                 for p in pending_signatures(view)],
        offline=_offline(view), corrections=corrections, steps=_steps(view),
        audit=[line.as_dict() for line in audit_lines(session, view)],
        acts=[act_out(a).as_dict() for a in view.acts], records=len(view.records))
