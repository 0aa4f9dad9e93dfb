"""Secrets: station credentials (random tokens, stored as SHA-256) and argon2id passwords.

Clear-text passwords and credentials are never stored or logged. Password hashing is slow on
purpose; :func:`set_password_hasher` lets tests use cheap parameters.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


def set_password_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Replace the hasher (tests); returns the previous one."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


def hash_password(password: str) -> str:
    """A freshly salted argon2id verifier of ``password``."""
    if not password:
        raise ValueError("empty password")
    return _hasher.hash(password)


def check_password(verifier: str, password: str) -> bool:
    """True when ``password`` matches ``verifier``; False for a mismatch or corrupt verifier."""
    if not password:
        return False
    try:
        return _hasher.verify(verifier, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A random bearer credential (256 bits, URL-safe text)."""
    return secrets.token_urlsafe(32)


def new_enrollment_code() -> str:
    """A one-time code short enough to type: 4 groups of 4 letters/digits, no look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def token_hash(token: str) -> str:
    """Hex SHA-256 of a credential or enrollment code: the only form the server keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
