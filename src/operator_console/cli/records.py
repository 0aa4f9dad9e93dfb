"""``operator-console records``: list a batch's electronic records, export the batch record,
make the batch report (``records report``: the certified copy from this station's data).

``records list`` prints the records (a table, or JSON with ``--json``) with each signature
re-verified. ``records export`` writes the batch record as a PDF (Japanese or English) and
optionally as JSON; each file is first written to a temporary file in the same folder and
renamed into place only when every requested file is complete, so a failure leaves nothing
half-written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from operator_console.application.exports import (
    ExportError,
    ExportProblem,
    export_batch_record,
)


class CommandError(Exception):
    """A failure the user can act on; reported as one line."""


def _open_db(data_dir: Path) -> Any:
    from operator_console.store.db import DB_FILENAME, Database

    if not (data_dir / DB_FILENAME).exists():
        raise CommandError(f"no database in {data_dir}")
    return Database(data_dir, migrate=False)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(records: list[Any]) -> str:
    """A plain-text table of ``ExportRecord`` objects."""
    heads = ("SEQ", "CREATED (UTC)", "BATCH", "TYPE", "STATUS", "SIGNATURES", "ID")
    rows = []
    for r in records:
        sigs = ", ".join(
            f"{s.meaning}:{s.signer_id}{'' if s.valid else ' INVALID'}" for s in r.signatures
        ) or "-"
        if not r.content_valid:
            sigs += " (CONTENT CHANGED)"
        rows.append((str(r.seq), r.created_at.strftime("%Y-%m-%d %H:%M:%S"), r.batch_id,
                     r.record_type, r.status, sigs, r.record_id))
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    return "\n".join(lines)


def cmd_list(data_dir: Path, batch: str | None, as_json: bool) -> int:
    from operator_console.export.batch_record import export_record
    from operator_console.store.records import RecordFilter, load_records

    db = _open_db(data_dir)
    try:
        with db.read() as s:
            views = load_records(s, RecordFilter(batch_id=batch, limit=10_000_000))
    finally:
        db.close()
    if batch and not views:
        raise CommandError(f"no records for batch {batch!r}")
    records = [export_record(v) for v in sorted(views, key=lambda v: v.seq)]
    if as_json:
        print(json.dumps([r.as_json() for r in records], ensure_ascii=False, indent=2))
    elif not records:
        print("no records")
    else:
        print(format_table(records))
    return 0


def _problem_text(exc: ExportError) -> str:
    texts = {
        ExportProblem.UNKNOWN_BATCH: f"no records for batch {exc.detail!r}",
        ExportProblem.SAME_FILE: "the PDF and JSON files must be different files",
        ExportProblem.TARGET_IS_FOLDER: f"cannot write {exc.path}: it is a folder",
        ExportProblem.NO_FOLDER: f"cannot write into {exc.path}: the folder does not exist",
        ExportProblem.WRITE_FAILED: f"cannot write the export ({exc.path}): {exc.detail}",
        ExportProblem.NO_RECIPE: f"batch {exc.detail!r} was not made from a master recipe "
                                 "known here: it has no batch report",
    }
    return texts[exc.problem]


def cmd_export(data_dir: Path, batch: str, pdf: Path, json_path: Path | None,
               language: str) -> int:
    db = _open_db(data_dir)
    try:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from operator_console.store.instruments import load_channels
        from operator_console.ui.names.channel_names import remember_channels
        from operator_console.ui.reports.batch_record_pdf import render_pdf

        remember_channels(load_channels(db))  # the PDF names channels, not their keys

        result = export_batch_record(db, batch, language, render_pdf, pdf, json_path)
    except ExportError as exc:
        raise CommandError(_problem_text(exc)) from exc
    finally:
        db.close()
    verdict = "verified" if result.verified else "NOT VERIFIED (see the PDF)"
    print(f"exported batch {batch}: {result.records} records, {result.pages} page(s) to "
          f"{result.pdf}" + (f" and {result.json}" if result.json is not None else "")
          + f"; {verdict}")
    return 0


def cmd_report(data_dir: Path, batch: str, pdf: Path, json_path: Path, language: str) -> int:
    from operator_console.application.batch_report import export_batch_report

    db = _open_db(data_dir)
    try:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from operator_console.ui.reports.batch_report_pdf import render_report_pdf

        result = export_batch_report(db, batch, language, render_report_pdf, pdf, json_path)
    except ExportError as exc:
        raise CommandError(_problem_text(exc)) from exc
    finally:
        db.close()
    print(f"batch report {batch}: {result.pdf} ({result.pages} pages, {language}) and "
          f"{result.json}; SHA-256 {result.sha256}")
    return 0


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """Dispatch ``records list|export|report``; one-line reason on failure."""
    try:
        if args.records_command == "list":
            return cmd_list(data_dir, args.batch, args.json)
        if args.records_command == "report":
            return cmd_report(data_dir, args.batch, args.pdf, args.json, args.lang)
        return cmd_export(data_dir, args.batch, args.pdf, args.json, args.lang)
    except CommandError as exc:
        print(f"operator-console: {exc}", file=sys.stderr)
        return 2
