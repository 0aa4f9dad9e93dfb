"""The keyring guard refuses backends that cannot keep the station credential safely."""

from __future__ import annotations

import pytest

from operator_console.sync.credentials import (
    KeyringUnavailableError,
    MemoryCredentialStore,
    check_backend,
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
])
def test_unsafe_backends_are_refused_with_advice(module: str, name: str) -> None:
    with pytest.raises(KeyringUnavailableError, match=r"keyring|Keychain|Credential"):
        check_backend(_backend(module, name))


def test_chainer_without_a_safe_backend_is_refused() -> None:
    chain = _backend("keyring.backends.chainer", "ChainerBackend",
                     [_backend("keyring.backends.fail")])
    with pytest.raises(KeyringUnavailableError):
        check_backend(chain)


def test_safe_backends_pass() -> None:
    check_backend(_backend("keyring.backends.SecretService", "Keyring"))
    chain = _backend("keyring.backends.chainer", "ChainerBackend",
                     [_backend("keyring.backends.fail"),
                      _backend("keyring.backends.SecretService")])
    check_backend(chain)


def test_memory_store_round_trip() -> None:
    store = MemoryCredentialStore()
    store.set("S1", "secret")
    assert store.get("S1") == "secret"
    store.delete("S1")
    assert store.get("S1") is None
