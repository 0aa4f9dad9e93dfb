"""The keyring guard refuses backends that cannot keep the station credential safely."""

from __future__ import annotations

import pytest

from operator_console.sync.credentials import (
    KeyringUnavailableError,
    MemoryCredentialStore,
    check_backend,
    trusted_backend,
)


def _backend(module: str, name: str = "Keyring", children: list[object] | None = None) -> object:
    cls = type(name, (), {})
    cls.__module__ = module
    obj = cls()
    if children is not None:
        obj.backends = children  # type: ignore[attr-defined]
    return obj


@pytest.mark.parametrize("module,name", [
    ("keyring.backends.fail", "Keyring"),
    ("keyring.backends.null", "Keyring"),
    ("keyrings.alt.file", "PlaintextKeyring"),
    ("keyrings.cryptfile.file", "PlaintextKeyring"),  # shipped by keyrings.cryptfile
    ("my.site.backends", "TotallySafeKeyring"),  # anything not on the allow-list
])
def test_unsafe_backends_are_refused_with_advice(module: str, name: str) -> None:
    with pytest.raises(KeyringUnavailableError, match=r"keyring|Keychain|Credential"):
        check_backend(_backend(module, name))


def test_a_renamed_or_derived_plaintext_backend_is_refused() -> None:
    """The class hierarchy counts, not the name: a PlaintextKeyring subclass is refused even
    when it borrows an allowed backend's module and name."""
    plain = type("PlaintextKeyring", (), {})
    plain.__module__ = "keyrings.alt.file"
    disguised = type("Keyring", (plain,), {})
    disguised.__module__ = "keyring.backends.SecretService"
    with pytest.raises(KeyringUnavailableError):
        check_backend(disguised())
    renamed = type("SafeStore", (plain,), {})
    renamed.__module__ = "corp.keyrings"
    with pytest.raises(KeyringUnavailableError):
        check_backend(renamed())


def test_chainer_without_a_safe_backend_is_refused() -> None:
    chain = _backend("keyring.backends.chainer", "ChainerBackend",
                     [_backend("keyring.backends.fail")])
    with pytest.raises(KeyringUnavailableError):
        check_backend(chain)


def test_safe_backends_pass() -> None:
    check_backend(_backend("keyring.backends.SecretService", "Keyring"))
    safe = _backend("keyring.backends.SecretService")
    chain = _backend("keyring.backends.chainer", "ChainerBackend",
                     [_backend("keyrings.alt.file", "PlaintextKeyring"), safe])
    check_backend(chain)
    assert trusted_backend(chain) is safe  # the credential goes there, not to the first


def test_memory_store_round_trip() -> None:
    store = MemoryCredentialStore()
    store.set("S1", "secret")
    assert store.get("S1") == "secret"
    store.delete("S1")
    assert store.get("S1") is None
