"""The batch report as a certified copy: typed facts about a batch (:mod:`.facts`), gathered
by the plant server or a station from its own data; the report's content, a language-neutral
JSON document (:mod:`.content`: the JSON twin, and the SHA-256 every page carries); and the
document a renderer lays out in the reader's language (:mod:`.document`, words in
:mod:`.texts`, trends in :mod:`.trend`). Pure: both products render the same content."""

from operator_console.domain.batch_report.content import (
    DEFAULT_TIME_ZONE,
    REPORT_SCHEMA,
    report_content,
    report_hash,
    report_json,
)
from operator_console.domain.batch_report.document import Document, build_document
from operator_console.domain.batch_report.facts import (
    AuditTrailReviewFacts,
    BatchReportFacts,
    ChannelInfo,
    DispositionFacts,
    ExceptionReportFacts,
    PhaseFacts,
    ReleaseFacts,
    SignatureLine,
    StepFacts,
)

__all__ = ["DEFAULT_TIME_ZONE", "REPORT_SCHEMA", "AuditTrailReviewFacts", "BatchReportFacts",
           "ChannelInfo", "DispositionFacts", "Document", "ExceptionReportFacts", "PhaseFacts",
           "ReleaseFacts", "SignatureLine", "StepFacts", "build_document", "report_content",
           "report_hash", "report_json"]
