"""The pure hash-chain rules."""

from __future__ import annotations

from dataclasses import replace

from operator_console.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainEntry,
    entry_hash,
    verify_chain,
)


def _chain(n: int) -> list[ChainEntry]:
    entries, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        f = AuditFields(seq, f"id-{seq}", f"2026-11-27T00:00:{seq:02d}.000000Z", "S1", "op01",
                        "login_succeeded", "op01", "", None, {"n": seq})
        h = entry_hash(f, prev)
        entries.append(ChainEntry(f, prev, h))
        prev = h
    return entries


def test_intact_chain_verifies() -> None:
    chain = _chain(5)
    report = verify_chain(chain, expected_head=(5, chain[-1].hash))
    assert report.ok and report.count == 5


def test_empty_chain_verifies() -> None:
    assert verify_chain([], expected_head=(0, GENESIS_HASH)).ok


def test_changed_field_is_detected() -> None:
    chain = _chain(5)
    chain[2] = replace(chain[2], fields=replace(chain[2].fields, actor="intruder"))
    report = verify_chain(chain)
    assert not report.ok and report.first_bad_seq == 3


def test_removed_entry_is_detected() -> None:
    chain = _chain(5)
    del chain[1]
    report = verify_chain(chain)
    assert not report.ok and report.first_bad_seq == 2


def test_removed_last_entry_is_detected_by_head() -> None:
    chain = _chain(5)
    head = (5, chain[-1].hash)
    report = verify_chain(chain[:-1], expected_head=head)
    assert not report.ok and report.first_bad_seq == 5


def test_relinked_insertion_is_detected() -> None:
    chain = _chain(3)
    fake = AuditFields(2, "fake", "2026-11-27T00:00:01.500000Z", "S1", "x", "logout", "x", "",
                       None, None)
    forged = ChainEntry(fake, chain[0].hash, entry_hash(fake, chain[0].hash))
    report = verify_chain([chain[0], forged, *chain[1:]])
    assert not report.ok
