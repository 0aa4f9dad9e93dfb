"""Exports of the batch record: a machine-readable JSON form and a printable PDF.

``batch_record`` gathers everything (plain Python, no Qt); ``pdf`` renders it with Qt.
"""

from operator_console.export.batch_record import (
    BatchRecordExport,
    UnknownBatchError,
    gather_batch_record,
)

__all__ = ["BatchRecordExport", "UnknownBatchError", "gather_batch_record"]
