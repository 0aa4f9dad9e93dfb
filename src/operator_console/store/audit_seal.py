"""The seal of one audit entry: HMAC-SHA256 of its chain hash under the station's audit key.

The chain hash covers the entry's fields and the previous hash, so a valid seal proves the
entry (and its place in the chain) was written by a process holding the key from the OS
keyring, which the database file does not hold. Kept apart from ``audit_key`` so that the
audit log can seal without importing the keyring side.
"""

from __future__ import annotations

import hashlib
import hmac

_BLOCK = 64  # SHA-256's block size, as HMAC (RFC 2104) pads the key to it


def _message(seq: int, digest: str) -> bytes:
    return f"audit-entry:{seq}:{digest}".encode("ascii")


def entry_mac(key: bytes, seq: int, digest: str) -> str:
    return hmac.digest(key, _message(seq, digest), "sha256").hex()


def no_seal(seq: int) -> str:
    """The problem of an entry that must carry a seal and carries none."""
    return f"entry {seq}: it carries no key seal"


def bad_seal(seq: int) -> str:
    """The problem of an entry whose seal is not the key's for it."""
    return f"entry {seq}: its key seal is not valid (rewritten)"


class SealKey:
    """:func:`entry_mac` for many entries under one key: the key's two padded blocks are
    hashed once and each seal continues copies of those states (RFC 2104's construction,
    which ``hmac`` itself follows), a third of ``hmac.digest``'s cost per entry."""

    def __init__(self, key: bytes) -> None:
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        padded = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))

    def mac(self, seq: int, digest: str) -> str:
        """The seal of entry ``seq`` whose chain hash is ``digest`` (= ``entry_mac``)."""
        inner = self._inner.copy()
        inner.update(_message(seq, digest))
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()
