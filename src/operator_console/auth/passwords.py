"""Password verifiers: argon2id only; clear-text passwords are never stored or logged.

Hashing is deliberately slow (tens of milliseconds): callers on the UI side must run these
functions in a worker, never on the Qt main thread.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    """A salted argon2id verifier for ``password``."""
    if not password:
        raise ValueError("empty password")
    return _HASHER.hash(password)


def check_password(verifier: str, password: str) -> bool:
    """True when ``password`` matches ``verifier``; False for a mismatch or a corrupt verifier."""
    if not password:
        return False
    try:
        return _HASHER.verify(verifier, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
