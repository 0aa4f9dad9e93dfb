"""Making the batch report (a certified copy) at the station, from its own data: the report's
content (the JSON twin) and the PDF in the reader's language, written whole into the data
folder's exports (both files, or neither). The PDF is drawn by a renderer the caller passes
(the console's is Qt's, ``ui.reports.batch_report_pdf``), so this use case stays free of Qt.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from operator_console.application.exports import (
    ExportError,
    ExportProblem,
    _checked,
    _fsync,
    _temp_beside,
    default_targets,
)
from operator_console.domain.batch_report import (
    Document,
    build_document,
    report_content,
    report_hash,
    report_json,
)
from operator_console.export.batch_report import NoReportError, gather_report_facts
from operator_console.store.db import Database

#: Draws ``document`` as a PDF at the path; returns the number of pages.
ReportRenderer = Callable[[Document, Path], int]


@dataclass(frozen=True)
class ReportResult:
    pdf: Path
    json: Path
    pages: int
    sha256: str


def export_batch_report(db: Database, batch_id: str, language: str, render: ReportRenderer,
                        pdf: Path | None = None, json_path: Path | None = None
                        ) -> ReportResult:
    """Gather, lay out and write the report; blocking (database, disk): call from a worker.
    A batch not made from a master recipe has no report (``ExportProblem.NO_RECIPE``)."""
    try:
        content = report_content(gather_report_facts(db, batch_id))
    except NoReportError as exc:
        raise ExportError(ExportProblem.NO_RECIPE, detail=batch_id) from exc
    if pdf is None or json_path is None:
        pdf, json_path = default_targets(db.data_dir, f"{batch_id}-report", language)
    targets = _checked([pdf, json_path])
    temps: list[Path] = []
    try:
        temps = [_temp_beside(t) for t in targets]
        pages = render(build_document(content, language), temps[0])
        temps[1].write_bytes(report_json(content))
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
    return ReportResult(targets[0], targets[1], pages, report_hash(content))
