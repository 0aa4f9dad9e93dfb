"""``plant-server batch report ID --pdf FILE [--json FILE] [--lang ja|en] [--tz ZONE]``: the
batch report, a certified copy made by the plant server from what it holds (the PDF in the
reader's language; the JSON twin, whose SHA-256 every page carries)."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from operator_console.domain.batch_report import (
    DEFAULT_TIME_ZONE,
    AuditTrailReviewFacts,
    ReleaseFacts,
    build_document,
    report_content,
    report_hash,
    report_json,
)
from operator_console.domain.canonical import JsonValue
from plant_server.cli import CliError, _in_transaction
from plant_server.reports.fonts import ReportFontError
from plant_server.services.report import batch_report_facts


def make_report(session: Session, batch_id: str, *, time_zone: str = DEFAULT_TIME_ZONE,
                lifecycle_state: str | None = None,
                audit_trail_review: AuditTrailReviewFacts | None = None,
                release: ReleaseFacts | None = None) -> dict[str, JsonValue]:
    """The report's content (the JSON twin) of ``batch_id``, as the server holds it now.
    The lifecycle state, audit-trail review and release come from QA's signed acts at the
    server (``services.report_qa``) unless given; none recorded: the report says so."""
    from plant_server.services.report_qa import qa_facts

    qa = qa_facts(session, batch_id)
    return report_content(batch_report_facts(
        session, batch_id, time_zone=time_zone, server_name=socket.gethostname(),
        lifecycle_state=lifecycle_state or qa.lifecycle_state,
        audit_trail_review=audit_trail_review or qa.audit_trail_review,
        release=release or qa.release))


def write_report(content: dict[str, JsonValue], lang: str, pdf: str | None,
                 twin: str | None) -> int:
    """Write the PDF and/or the JSON twin; returns the PDF's page count (0: no PDF)."""
    from plant_server.reports.pdf import write_report_pdf

    pages = 0
    if pdf:
        pages = write_report_pdf(build_document(content, lang), pdf)
    if twin:
        Path(twin).write_bytes(report_json(content))
    return pages


def cmd_report(args: argparse.Namespace) -> int:
    if not args.pdf and not args.json_file:
        raise CliError("say where the report goes: --pdf FILE and/or --json FILE")
    try:
        ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CliError(f"unknown time zone {args.tz!r}") from exc
    content: dict[str, JsonValue] = {}

    def gather(session: Session) -> str:
        content.update(make_report(session, args.batch_id, time_zone=args.tz))
        return ""
    _in_transaction(args, gather)
    try:
        pages = write_report(content, args.lang, args.pdf, args.json_file)
    except ReportFontError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write the report: {exc.strerror or exc}") from exc
    made = [f"{args.pdf} ({pages} pages, {args.lang})"] if args.pdf else []
    made += [args.json_file] if args.json_file else []
    print(f"batch report {args.batch_id}: {', '.join(made)}; SHA-256 {report_hash(content)}")
    return 0


def add_report_parser(actions: argparse._SubParsersAction[argparse.ArgumentParser],
                      common: argparse.ArgumentParser) -> None:
    a = actions.add_parser("report", parents=[common], help="the batch report (a certified "
                           "copy): PDF in the reader's language and its JSON twin")
    a.add_argument("batch_id", metavar="ID")
    a.add_argument("--pdf", default=None, metavar="FILE", help="write the PDF here")
    a.add_argument("--json", dest="json_file", default=None, metavar="FILE",
                   help="write the JSON twin (the content the SHA-256 covers) here")
    a.add_argument("--lang", choices=("ja", "en"), default="ja", help="the reader's language")
    a.add_argument("--tz", default=DEFAULT_TIME_ZONE,
                   help=f"time zone of the local times (default {DEFAULT_TIME_ZONE})")
