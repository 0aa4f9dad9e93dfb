"""The station's credential for the plant server, kept in the OS keyring only.

The credential never goes into the database, a config file or a log. Only an allow-list of
keyring backend classes is trusted with it (:data:`ALLOWED_BACKENDS`); any other backend,
including a plaintext one under another name, is refused with what to install or configure,
instead of silently keeping the credential somewhere unsafe. The chosen backend is the first
allowed one the ``keyring`` chainer offers; the credential is read from that same backend.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, Protocol

SERVICE = "operator-console/plant-server"

#: The only backends trusted with the station credential: exactly these classes (a subclass
#: or a renamed copy is not the same backend and is refused).
ALLOWED_BACKENDS = frozenset({
    "keyring.backends.SecretService.Keyring",  # GNOME Keyring / KWallet via Secret Service
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.Windows.WinVaultKeyring",
    "keyrings.cryptfile.cryptfile.CryptFileKeyring",  # encrypted file (needs its password)
})
CHAINER = "keyring.backends.chainer.ChainerBackend"
#: Never acceptable anywhere in a backend's class hierarchy (stores in plain text or not at
#: all), even under another name.
_DENIED_BASES = frozenset({
    "keyring.backends.fail.Keyring", "keyring.backends.null.Keyring",
    "keyrings.alt.file.PlaintextKeyring", "keyrings.alt.file.EncryptedKeyring",
    "keyrings.cryptfile.file.PlaintextKeyring",
})


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
                "with its Secret Service interface) in the workstation's session (headless: "
                "see docs/security.md), or set PYTHON_KEYRING_BACKEND="
                "keyrings.cryptfile.cryptfile.CryptFileKeyring")
    if sys.platform == "darwin":
        return "allow access to the macOS Keychain for this user"
    return "enable the Windows Credential Manager for this user"


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _trusted(backend: object) -> bool:
    lineage = {f"{c.__module__}.{c.__qualname__}" for c in type(backend).__mro__}
    return backend_name(backend) in ALLOWED_BACKENDS and not lineage & _DENIED_BASES


def check_backend(backend: object) -> None:
    """Accept only an allowed backend class (a chainer: if one of its backends is)."""
    name = backend_name(backend)
    children = getattr(backend, "backends", None)
    if name == CHAINER and children is not None:
        if not any(_trusted(b) for b in children):
            raise KeyringUnavailableError(f"no usable OS keyring backend: {_how_to_fix()}")
        return
    if not _trusted(backend):
        raise KeyringUnavailableError(
            f"the keyring backend {name} cannot keep the station credential safely: "
            f"{_how_to_fix()}")


def trusted_backend(backend: object) -> object:
    """The backend that will hold the credential: ``backend`` itself, or a chainer's first
    allowed backend (never the chainer, which would write to whichever backend comes first)."""
    check_backend(backend)
    if backend_name(backend) == CHAINER:
        return next(b for b in getattr(backend, "backends", []) if _trusted(b))
    return backend


class KeyringCredentialStore:
    """The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager), through
    one allowed backend only."""

    def __init__(self) -> None:
        import keyring

        self._errors = keyring.errors
        self._backend: Any = trusted_backend(keyring.get_keyring())

    def get(self, station: str) -> str | None:
        value = self._backend.get_password(SERVICE, station)
        return str(value) if value is not None else None

    def set(self, station: str, secret: str) -> None:
        self._backend.set_password(SERVICE, station, secret)

    def delete(self, station: str) -> None:
        with contextlib.suppress(self._errors.PasswordDeleteError):
            self._backend.delete_password(SERVICE, station)

    def describe(self) -> str:
        return backend_name(self._backend)


def store_is_durable(store: object) -> bool:
    """Does ``store`` keep secrets across restarts (worth keying the audit chain with)?"""
    return bool(getattr(store, "durable", True))


class MemoryCredentialStore:
    """Keeps the credential in memory only: for the demo's throwaway loopback server and for
    tests. Never chosen silently: the demo says so when it uses it."""

    durable = False

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
