"""``operator-console batch list|show``: the station's batches from the local store, where
each stands in its pinned recipe, its step records and its exceptions (works offline, the
same reading as the Batches page: ``application.batch_progress``).

``--json`` prints, per batch: ``batch_id``, ``recipe`` (``id``, ``version``, ``hash``,
``state``), ``blocked``, ``complete``, ``executable`` (step IDs that may be done now),
``steps`` (``id``, ``type``, ``state``, ``waits_on``, ``record``: the step record's ``id``,
``status``, ``performed_by``, ``performed_at``, ``verified_by``, ``performer_name``,
``verifier_name`` — printed names as signed — or null) and ``exceptions``
(``id``, ``kind``, ``severity``, ``state``, ``step``, ``blocks``, ``evidence``: the codes and
values it was raised with, ``description``: a manual exception's words or ""). ``show`` words
each exception as the Batches page does (``--lang ja|en``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from operator_console.application.batch_progress import BatchSnapshot, station_batches
from operator_console.application.exception_words import exception_sentence
from operator_console.domain.batch_execution.progress import StepProgress, StepState
from operator_console.domain.manifestation import format_utc_iso


class CommandError(Exception):
    """A failure the user can act on; reported as one line."""


def _step(p: StepProgress) -> dict[str, Any]:
    rec = p.record
    return {"id": p.step.step_id, "type": p.step.step_type.value, "state": p.state.value,
            "waits_on": p.waits_on, "out_of_order": p.out_of_order,
            "record": None if rec is None else {
                "id": rec.record_id, "status": rec.status.value,
                "performed_by": rec.performed_by,
                "performed_at": format_utc_iso(rec.performed_at) if rec.performed_at else None,
                "verified_by": rec.verified_by, "performer_name": rec.performer_name,
                "verifier_name": rec.verifier_name}}


def batch_json(snap: BatchSnapshot) -> dict[str, Any]:
    p = snap.progress
    return {
        "batch_id": snap.batch_id,
        "recipe": {"id": snap.ref.recipe_id, "version": snap.ref.version,
                   "hash": snap.ref.recipe_hash, "state": snap.recipe_state},
        "recipe_received": p is not None,
        "blocked": bool(p and p.blocked),
        "complete": bool(p and p.complete),
        "executable": list(p.executable) if p else [],
        "steps": [_step(s) for s in p.steps] if p else [],
        "exceptions": [{"id": e.exception_id, "kind": e.kind.value,
                        "severity": e.severity.value, "state": e.state.value,
                        "step": e.step_id, "blocks": e.blocks, "evidence": dict(e.evidence),
                        "description": e.description} for e in snap.exceptions],
    }


def _where(snap: BatchSnapshot) -> str:
    p = snap.progress
    if p is None:
        return "its recipe has not arrived yet (sync with the plant server)"
    if p.blocked:
        return ("blocked by a critical exception (" + ", ".join(
            e.kind.value for e in p.blocking) + "): no step until QA dispositions it")
    if p.complete:
        return "every step done"
    words = []
    for s in p.current:
        if s.state is StepState.AWAITING_SIGNATURE:
            who = "a second person's verification" if s.waits_on == "verifier" \
                else "the performer's signature"
            words.append(f"{s.step.step_id} recorded, waiting for {who}")
        else:
            words.append(f"{s.step.step_id} is to be done now")
    return "; ".join(words)


def list_text(snaps: list[BatchSnapshot]) -> str:
    if not snaps:
        return "No batch of this station has arrived from the plant server."
    lines = []
    for snap in snaps:
        open_ = sum(1 for e in snap.exceptions if e.state.value == "open")
        lines.append(f"{snap.batch_id}: recipe {snap.ref.recipe_id} version {snap.ref.version}"
                     f"; {_where(snap)}; {len(snap.exceptions)} exception(s), {open_} open.")
    return "\n".join(lines)


def show_text(snap: BatchSnapshot, lang: str = "en") -> str:
    lines = [f"Batch {snap.batch_id}", f"Recipe {snap.ref.recipe_id} version {snap.ref.version}"
             f" ({snap.recipe_state or 'not received'}), SHA-256 {snap.ref.recipe_hash}",
             f"Now: {_where(snap)}.", "", "Steps:"]
    if snap.progress is not None:
        for i, p in enumerate(snap.progress.steps, start=1):
            line = f"  {i:2d}. {p.step.step_id} ({p.step.step_type.value}): " \
                   f"{p.state.value.replace('_', ' ')}"
            rec = p.record
            if rec is not None:
                at = format_utc_iso(rec.performed_at) if rec.performed_at else "-"
                line += f"; performed by {rec.performed_by or '-'} at {at}"
                if rec.verified_by:
                    line += f", verified by {rec.verified_by}"
                line += f"; record {rec.record_id}"
            lines.append(line)
    lines += ["", "Exceptions:" if snap.exceptions else "No exceptions."]
    for e in snap.exceptions:
        lines.append(f"  {e.exception_id}: {e.severity.value} {e.kind.value} at step "
                     f"{e.step_id or '-'}, {e.state.value}"
                     + (" (blocks the batch)" if e.blocks else ""))
        lines.append("      " + exception_sentence(e.kind.value, e.evidence, lang,
                                                   description=e.description,
                                                   step=snap.step(e.step_id)))
    return "\n".join(lines)


def _snapshots(data_dir: Path, batch_id: str | None = None) -> list[BatchSnapshot]:
    from operator_console.store.db import DB_FILENAME, Database
    from operator_console.store.settings import get_setting

    if not (data_dir / DB_FILENAME).exists():
        raise CommandError(f"no database in {data_dir}")
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            station = get_setting(s, "station_name")
        return station_batches(db, station, batch_id=batch_id)
    finally:
        db.close()


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """Dispatch ``batch list`` / ``batch show``; one-line reason on failure."""
    try:
        if args.batch_command == "list":
            snaps = _snapshots(data_dir)
            print(json.dumps([batch_json(s) for s in snaps], ensure_ascii=False, indent=2)
                  if args.json else list_text(snaps))
            return 0
        found = _snapshots(data_dir, args.batch_id)
        if not found:
            raise CommandError(f"no batch {args.batch_id} at this station")
        print(json.dumps(batch_json(found[0]), ensure_ascii=False, indent=2) if args.json
              else show_text(found[0], getattr(args, "lang", "en")))
        return 0
    except CommandError as exc:
        print(f"operator-console: {exc}", file=sys.stderr)
        return 2
