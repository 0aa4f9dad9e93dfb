"""The report's content: one language-neutral JSON document (the *JSON twin*) from the facts.

The SHA-256 printed on every page of the PDF is :func:`report_hash`: the SHA-256 of the
canonical JSON (RFC 8785, ``domain.canonical``) of this content, i.e. of the JSON twin's
bytes exactly as :func:`report_json` writes them. Content holds codes and UTC times, never
translated words: a Japanese and an English rendering of the same content carry the same
hash, and anyone can recompute it from the twin. Each phase names the data hash of its full
process data (``domain.process_data``), so the trend drawn links to the data the server keeps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from operator_console.domain.batch_execution.step_inputs import expected_values, step_labels
from operator_console.domain.batch_report.facts import (
    BatchReportFacts,
    DispositionFacts,
    PhaseFacts,
    SignatureLine,
    StepFacts,
)
from operator_console.domain.batch_report.trend import buckets
from operator_console.domain.canonical import JsonValue, canonical_json
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.recipes.model import Range, Step

REPORT_SCHEMA = "batch-report/1"
#: The plant's zone, where no other is given (the server's ``--tz``, a station's own zone).
DEFAULT_TIME_ZONE = "Asia/Tokyo"


def _sig(s: SignatureLine) -> dict[str, JsonValue]:
    return {"printed_name": s.printed_name, "signer": s.signer_id, "meaning": s.meaning.value,
            "signed_at": format_utc_iso(s.signed_at), "method": s.auth_method.value,
            "station": s.station}


def _range(r: Range | None) -> JsonValue:
    return None if r is None else {"low": r.low, "high": r.high}


def _text(en: str, ja: str) -> dict[str, JsonValue]:
    return {"en": en, "ja": ja}


def _labels(step: Step) -> dict[str, JsonValue]:
    """The recipe's own names for what the step's values refer to, in both languages."""
    return {code: _text(t.en, t.ja) for code, t in step_labels(step).items()}


def _step(step: Step, done: StepFacts | None) -> dict[str, JsonValue]:
    return {
        "step": step.step_id, "type": step.step_type.value,
        "name": _text(step.name.en, step.name.ja),
        "expected": expected_values(step), "labels": _labels(step),
        "record": None if done is None else {
            "id": done.record_id, "recorded_at": format_utc_iso(done.recorded_at),
            "corrected": done.corrected, "actual": dict(done.actual),
            "signatures": [_sig(s) for s in done.signatures]},
    }


def _disposition(d: DispositionFacts | None) -> JsonValue:
    if d is None:
        return None
    return {"record": d.record_id, "reason": d.reason,
            "recorded_at": format_utc_iso(d.recorded_at),
            "signatures": [_sig(s) for s in d.signatures]}


def _phase(p: PhaseFacts, step: Step | None) -> dict[str, JsonValue]:
    specs = {c.channel: c for c in step.phase.channels} if step and step.phase else {}
    data = p.data
    channels: list[JsonValue] = []
    for key in sorted(set(specs) | (set(data.channels) if data else set())):
        spec = specs.get(key)
        rows = data.channels.get(key, ()) if data else ()
        channels.append({
            "channel": key, "unit": spec.unit if spec else "",
            "limits": _range(spec.limits) if spec else None,
            "trend": buckets(rows, data.start, data.end) if data else []})
    return {"step": p.step_id, "record": p.step_record_id,
            "data_hash": data.data_hash() if data else None,
            "start": data.start if data else None, "end": data.end if data else None,
            "points": data.point_count() if data else 0,
            "alarms": [{"channel": c, "raised_at": r, "cleared_at": e} for c, r, e in p.alarms],
            "channels": channels}


def report_content(f: BatchReportFacts) -> dict[str, JsonValue]:
    """The JSON twin of the batch report made from ``f``."""
    done = {s.step_id: s for s in f.steps}
    return {
        "schema": REPORT_SCHEMA,
        "made": {"by": f.made_by, "name": f.source_name, "at": format_utc_iso(f.made_at),
                 "time_zone": f.time_zone},
        "batch": {"id": f.batch_id, "patient": f.patient_id, "din": f.din, "coi": f.coi,
                  "station": f.station, "state": f.lifecycle_state},
        "recipe": {"id": f.recipe.recipe_id, "version": f.recipe.version,
                   "hash": f.recipe_hash, "product": f.recipe.product,
                   "name": {"en": f.recipe.name.en, "ja": f.recipe.name.ja}},
        "steps": [_step(step, done.get(step.step_id)) for step in f.recipe.steps],
        "exceptions": [{
            "id": e.exception_id, "kind": e.kind.value, "severity": e.severity.value,
            "step": e.step_id, "description": e.description, "evidence": dict(e.evidence),
            "raised_at": format_utc_iso(e.raised_at), "raised_by": e.raised_by,
            "disposition": _disposition(e.disposition)} for e in f.exceptions],
        "phases": [_phase(p, f.recipe.step(p.step_id)) for p in f.phases],
        "channels": {k: {"en": c.name_en, "ja": c.name_ja}
                     for k, c in sorted(f.channels.items())},
        "audit_trail_review": None if f.audit_trail_review is None else {
            "record": f.audit_trail_review.record_id,
            "reviewed_at": format_utc_iso(f.audit_trail_review.reviewed_at),
            "entries_reviewed": f.audit_trail_review.entries_reviewed,
            "entries_flagged": f.audit_trail_review.entries_flagged,
            "comment": f.audit_trail_review.comment,
            "signatures": [_sig(s) for s in f.audit_trail_review.signatures]},
        "release": None if f.release is None else {
            "decision": f.release.decision, "reason": f.release.reason,
            "decided_at": format_utc_iso(f.release.decided_at),
            "signatures": [_sig(s) for s in f.release.signatures]},
    }


def report_json(content: Mapping[str, JsonValue]) -> bytes:
    """The JSON twin's bytes: the canonical JSON of the content (what is hashed)."""
    return canonical_json(content)


def report_hash(content: Mapping[str, JsonValue]) -> str:
    """The SHA-256 printed on every page: of :func:`report_json`'s bytes."""
    return hashlib.sha256(report_json(content)).hexdigest()
