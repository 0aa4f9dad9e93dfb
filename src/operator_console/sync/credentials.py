"""The station's credential for the plant server, kept in the OS keyring only.

The credential never goes into the database, a config file or a log. When the only keyring
backends available are the failing, null or plaintext ones, the console refuses to store it
and says what to install or configure, instead of silently keeping it somewhere unsafe.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Protocol

SERVICE = "operator-console/plant-server"

# Backends that do not keep a secret safely (or at all).
_UNSAFE_BACKENDS = (
    "keyring.backends.fail.",
    "keyring.backends.null.",
    "keyrings.alt.file.PlaintextKeyring",
    "keyrings.alt.file.EncryptedKeyring",  # prompts on stdin: unusable for a kiosk GUI
)


class KeyringUnavailableError(RuntimeError):
    """No usable OS keyring backend: names what to install or configure."""


class CredentialStore(Protocol):
    def get(self, station: str) -> str | None: ...
    def set(self, station: str, secret: str) -> None: ...
    def delete(self, station: str) -> None: ...
    def describe(self) -> str: ...


def _how_to_fix() -> str:
    if sys.platform.startswith("linux"):
        return ("install and start a Secret Service provider (e.g. gnome-keyring, or KWallet "
                "with its Secret Service interface) in the workstation's session, or set "
                "PYTHON_KEYRING_BACKEND to a vetted backend such as keyrings.cryptfile")
    if sys.platform == "darwin":
        return "allow access to the macOS Keychain for this user"
    return "enable the Windows Credential Manager for this user"


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def check_backend(backend: object) -> None:
    """Refuse failing, null and plaintext backends (and a chainer with nothing safe)."""
    name = backend_name(backend)
    children = getattr(backend, "backends", None)
    if name.startswith("keyring.backends.chainer.") and children is not None:
        safe = [b for b in children if not backend_name(b).startswith(_UNSAFE_BACKENDS)]
        if not safe:
            raise KeyringUnavailableError(f"no usable OS keyring backend: {_how_to_fix()}")
        return
    if name.startswith(_UNSAFE_BACKENDS):
        raise KeyringUnavailableError(
            f"the keyring backend {name} cannot keep the station credential safely: "
            f"{_how_to_fix()}")


class KeyringCredentialStore:
    """The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)."""

    def __init__(self) -> None:
        import keyring

        self._keyring = keyring
        check_backend(keyring.get_keyring())

    def get(self, station: str) -> str | None:
        value = self._keyring.get_password(SERVICE, station)
        return str(value) if value is not None else None

    def set(self, station: str, secret: str) -> None:
        self._keyring.set_password(SERVICE, station, secret)

    def delete(self, station: str) -> None:
        with contextlib.suppress(self._keyring.errors.PasswordDeleteError):
            self._keyring.delete_password(SERVICE, station)

    def describe(self) -> str:
        return backend_name(self._keyring.get_keyring())


class MemoryCredentialStore:
    """Keeps the credential in memory only: for the demo's throwaway loopback server and for
    tests. Never chosen silently: the demo says so when it uses it."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def get(self, station: str) -> str | None:
        return self._secrets.get(station)

    def set(self, station: str, secret: str) -> None:
        self._secrets[station] = secret

    def delete(self, station: str) -> None:
        self._secrets.pop(station, None)

    def describe(self) -> str:
        return "in-memory (demo only)"
