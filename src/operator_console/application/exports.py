"""Exporting a batch record: where the files go, what they are called, and writing them whole.

The PDF itself is drawn by a renderer the caller passes in (the console's is Qt's, in
``ui.reports``), so this use case stays free of Qt. Every requested file is first written to a
temporary file in its own folder, flushed to disk, and renamed into place only when all of
them are complete: a failure (a full disk, a missing folder) leaves nothing half-written.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from operator_console.export.batch_record import (
    BatchRecordExport,
    UnknownBatchError,
    gather_batch_record,
)
from operator_console.store.db import Database
from operator_console.store.settings import get_setting

#: Renders ``export`` as a PDF at the given path in the given language; returns the pages.
PdfRenderer = Callable[[BatchRecordExport, Path, str], int]
EXPORTS_FOLDER = "exports"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ExportProblem(StrEnum):
    """Why an export was not written; the caller says it in the person's language."""

    UNKNOWN_BATCH = "unknown_batch"
    NO_RECIPE = "no_recipe"  # a batch report needs the batch's pinned master recipe here
    SAME_FILE = "same_file"
    TARGET_IS_FOLDER = "target_is_folder"
    NO_FOLDER = "no_folder"
    WRITE_FAILED = "write_failed"


class ExportError(Exception):
    """An export that was not written: a :class:`ExportProblem`, the path and the OS reason."""

    def __init__(self, problem: ExportProblem, path: Path | None = None, detail: str = ""):
        self.problem, self.path, self.detail = problem, path, detail
        where = f" {path}" if path is not None else ""
        super().__init__(f"{problem.value}{where}{': ' + detail if detail else ''}")


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    pdf: Path
    json: Path | None
    pages: int
    records: int
    verified: bool


def export_stem(batch_id: str, language: str, now: datetime | None = None) -> str:
    """``<batch>-<UTC time>-<language>``, safe as a file name on every station OS."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    batch = _UNSAFE.sub("_", batch_id).strip("._") or "batch"
    return f"{batch}-{stamp}-{language}"


def default_targets(data_dir: Path, batch_id: str, language: str,
                    now: datetime | None = None) -> tuple[Path, Path]:
    """The PDF and JSON twin in the data folder's ``exports`` (created when missing)."""
    folder = data_dir / EXPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stem = export_stem(batch_id, language, now)
    return folder / f"{stem}.pdf", folder / f"{stem}.json"


def _checked(targets: Sequence[Path]) -> list[Path]:
    resolved = [t.expanduser().resolve() for t in targets]
    if len(set(resolved)) != len(resolved):
        raise ExportError(ExportProblem.SAME_FILE)
    for target in resolved:
        if target.is_dir():
            raise ExportError(ExportProblem.TARGET_IS_FOLDER, target)
        if not target.parent.is_dir():
            raise ExportError(ExportProblem.NO_FOLDER, target.parent)
    return resolved


def _temp_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    return Path(name)


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def write_export(export: BatchRecordExport, pdf: Path, json_path: Path | None, language: str,
                 render: PdfRenderer) -> ExportResult:
    """Write ``export`` as a PDF (and its JSON twin) whole, or nothing at all."""
    targets = _checked([pdf] if json_path is None else [pdf, json_path])
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(_temp_beside(target))
        pages = render(export, temps[0], language)
        if json_path is not None:
            temps[1].write_text(export.to_json(), encoding="utf-8")
        for temp in temps:
            _fsync(temp)
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    except OSError as exc:
        failed = Path(exc.filename) if isinstance(exc.filename, str) else targets[0]
        raise ExportError(ExportProblem.WRITE_FAILED, failed, exc.strerror or str(exc)) from exc
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    return ExportResult(targets[0], targets[1] if json_path is not None else None, pages,
                        len(export.records), export.verified)


def gather(db: Database, batch_id: str) -> BatchRecordExport:
    """Everything the batch record of ``batch_id`` shows, read in one transaction."""
    with db.read() as s:
        try:
            return gather_batch_record(s, batch_id, get_setting(s, "station_name"))
        except UnknownBatchError as exc:
            raise ExportError(ExportProblem.UNKNOWN_BATCH, detail=batch_id) from exc


def export_batch_record(db: Database, batch_id: str, language: str, render: PdfRenderer,
                        pdf: Path | None = None, json_path: Path | None = None) -> ExportResult:
    """Gather and write the batch record; by default into the data folder's exports, with
    the JSON twin beside the PDF. Blocking (database, disk): call it from a worker."""
    export = gather(db, batch_id)
    if pdf is None:
        pdf, json_path = default_targets(db.data_dir, batch_id, language)
    return write_export(export, pdf, json_path, language, render)
