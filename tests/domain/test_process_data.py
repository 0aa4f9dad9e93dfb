"""Process data chunks: bounded, complete, and reassembled to exactly the phase's data."""

from __future__ import annotations

import pytest

from operator_console.domain.canonical import canonical_json
from operator_console.domain.process_data import (
    PhaseData,
    ProcessDataError,
    RawWindow,
    alarm_spans,
    assemble,
    check_chunk,
    chunk_payloads,
)


def _data(n: int = 5000) -> PhaseData:
    rows = tuple((1000 + i, 1, 10, 36.5 + i % 7 / 10, 37.5, 37.01) for i in range(n))
    window = RawWindow("temperature", 2000.0, 2100.0,
                       tuple((2000 + i / 10, 37.0 + i / 1000, 0) for i in range(1001)))
    return PhaseData("B-1", "EXPANSION", "rec-1", 1000.0, 1000.0 + n,
                     {"temperature": rows, "ph": rows[:10]}, (window,))


def test_chunks_are_bounded_and_reassemble_exactly() -> None:
    data = _data()
    chunks = chunk_payloads(data, max_points=800)
    assert all(len(c["points"]) <= 800 for c in chunks)
    assert max(len(canonical_json(c)) for c in chunks) < 60_000
    assert [c["part"] for c in chunks] == list(range(1, len(chunks) + 1))
    assert {c["parts"] for c in chunks} == {len(chunks)}
    for c in chunks:
        check_chunk(c, max_points=800)
    again = assemble(list(reversed(chunks)))
    assert again.as_dict() == data.as_dict() and again.data_hash() == data.data_hash()


def test_a_missing_doubled_or_altered_part_is_found() -> None:
    chunks = chunk_payloads(_data(), max_points=800)
    with pytest.raises(ProcessDataError) as missing:
        assemble(chunks[:-1])
    assert missing.value.code == "process_data_incomplete"
    with pytest.raises(ProcessDataError):
        assemble([*chunks, chunks[0]])
    altered = [dict(c) for c in chunks]
    altered[2]["points"] = [[p[0], p[1], p[2], p[3], 99.0, p[5]] for p in altered[2]["points"]]
    with pytest.raises(ProcessDataError) as changed:
        assemble(altered)
    assert changed.value.code == "process_data_hash_mismatch"


def test_oversized_or_malformed_chunks_are_refused() -> None:
    chunk = chunk_payloads(_data(100))[0]
    with pytest.raises(ProcessDataError) as big:
        check_chunk(chunk, max_points=5)
    assert big.value.code == "process_data_too_large"
    for bad in ({**chunk, "part": 0}, {**chunk, "points": [[1, 2]]},
                {**chunk, "series": "hourly"}, {**chunk, "extra": 1},
                {**chunk, "end": chunk["start"] - 1}):
        with pytest.raises(ProcessDataError):
            check_chunk(bad)


def test_alarm_windows_have_margins_are_clipped_and_merged() -> None:
    spans = alarm_spans([("t", 100.0, 110.0), ("t", 150.0, None), ("p", 5.0, 6.0)],
                        start=0.0, end=200.0, margin_s=30.0)
    assert spans == [("p", 0.0, 36.0), ("t", 70.0, 200.0)]
