"""The seal of one audit entry: HMAC-SHA256 of its chain hash under the station's audit key.

The chain hash covers the entry's fields and the previous hash, so a valid seal proves the
entry (and its place in the chain) was written by a process holding the key from the OS
keyring, which the database file does not hold. Kept apart from ``audit_key`` so that the
audit log can seal without importing the keyring side.
"""

from __future__ import annotations

import hmac


def entry_mac(key: bytes, seq: int, digest: str) -> str:
    return hmac.digest(key, f"audit-entry:{seq}:{digest}".encode("ascii"), "sha256").hex()
