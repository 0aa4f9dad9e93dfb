"""The outage as the operator reads it: its start, and its reason in words."""

from __future__ import annotations

from operator_console.application.connectivity import (
    OutageReason,
    OutageTracker,
    outage_reason,
)
from operator_console.sync.status import SyncStatus


def test_offline_since_is_the_start_of_the_outage_not_the_last_retry() -> None:
    tracker = OutageTracker()
    assert tracker.follow(SyncStatus("online", 10.0, 0)).state == "online"
    first = tracker.follow(SyncStatus("offline", 100.0, 2, last_error="ConnectError: x"))
    assert (first.state, first.since) == ("offline", 100.0)
    # A retry: the worker goes "syncing" (nothing sent) and back to offline, newer since.
    retry = tracker.follow(SyncStatus("syncing", 130.0, 2, 0, 2, last_error="ConnectError"))
    assert (retry.state, retry.since) == ("offline", 100.0)
    again = tracker.follow(SyncStatus("offline", 131.0, 2, last_error="ConnectError: x"))
    assert again.since == 100.0
    assert tracker.follow(SyncStatus("syncing", 160.0, 2, 1, 2)).state == "syncing"
    assert tracker.follow(SyncStatus("offline", 170.0, 1)).since == 170.0  # a new outage


def test_reasons_from_the_clients_text() -> None:
    assert outage_reason("ConnectError: [Errno 111] Connection refused") \
        is OutageReason.NOT_ANSWERING
    assert outage_reason("ReadTimeout: timed out") is OutageReason.TIMED_OUT
    assert outage_reason("plant server busy (HTTP 503)") is OutageReason.BUSY
    assert outage_reason("HTTP 500: oops") is OutageReason.BAD_ANSWER
    assert outage_reason("something else") is OutageReason.OTHER
