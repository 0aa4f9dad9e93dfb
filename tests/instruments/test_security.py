"""Encrypted OPC UA: security string, pinned server certificate, is_encrypted."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from asyncua.crypto import cert_gen
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID

from operator_console.domain.channels import demo_channels
from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient
from operator_console.instruments.simulator import APPLICATION_URI, SimulatorThread

from .conftest import fast, free_port, make_client, wait_until


def make_cert(directory: Path, name: str, uri: str, server: bool) -> tuple[str, str]:
    key = cert_gen.generate_private_key()
    usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
    cert = cert_gen.generate_self_signed_app_certificate(
        key, name, {},
        [x509.UniformResourceIdentifier(uri), x509.DNSName(socket.gethostname())],
        [usage],
    )
    cert_path, key_path = directory / f"{name}.pem", directory / f"{name}-key.pem"
    cert_path.write_bytes(cert.public_bytes(Encoding.PEM))
    key_path.write_bytes(cert_gen.dump_private_key_as_pem(key))
    return str(cert_path), str(key_path)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    d = tmp_path_factory.mktemp("pki")
    return {
        "server": make_cert(d, "simulator", APPLICATION_URI, server=True),
        "impostor": make_cert(d, "impostor", APPLICATION_URI, server=True),
        "client": make_cert(d, "station", "urn:operator-console:station", server=False),
    }


@pytest.fixture(scope="module")
def secure_sim(pki: dict[str, tuple[str, str]]) -> Iterator[SimulatorThread]:
    cert, key = pki["server"]
    sim = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(),
                          certificate=cert, private_key=key)
    sim.start()
    yield sim
    sim.stop()


def security(pki: dict[str, tuple[str, str]]) -> str:
    cert, key = pki["client"]
    return f"Basic256Sha256,SignAndEncrypt,{cert},{key}"


def test_encrypted_connection_with_pinned_certificate(
    secure_sim: SimulatorThread, pki: dict[str, tuple[str, str]], clients: list[InstrumentClient]
) -> None:
    client = make_client(fast(secure_sim.channels), security_string=security(pki),
                         server_certificate=pki["server"][0])
    clients.append(client)
    client.start()
    wait_until(lambda: len(client.buffer("temperature")) >= 3, what="encrypted samples")
    assert client.is_encrypted(secure_sim.endpoint)


def test_wrong_pinned_certificate_never_connects(
    secure_sim: SimulatorThread, pki: dict[str, tuple[str, str]], clients: list[InstrumentClient]
) -> None:
    client = make_client(fast(secure_sim.channels), security_string=security(pki),
                         server_certificate=pki["impostor"][0], request_timeout_s=0.5)
    clients.append(client)
    client.start()
    wait_until(lambda: client.connection(secure_sim.endpoint).attempts >= 1, what="a failure")
    assert client.connection(secure_sim.endpoint).last_error
    assert client.connection(secure_sim.endpoint).state is not ConnectionState.CONNECTED
    assert len(client.buffer("temperature")) == 0


def test_unencrypted_client_is_refused_by_secure_server(
    secure_sim: SimulatorThread, clients: list[InstrumentClient]
) -> None:
    client = make_client(fast(secure_sim.channels))
    clients.append(client)
    client.start()
    wait_until(lambda: client.connection(secure_sim.endpoint).attempts >= 2, what="retries")
    assert not client.is_encrypted(secure_sim.endpoint)
    assert len(client.buffer("temperature")) == 0


@pytest.mark.parametrize(
    ("security_string", "encrypted"),
    [
        ("Basic256Sha256,SignAndEncrypt,c.pem,k.pem", True),
        ("Basic256Sha256,Sign,c.pem,k.pem", False),
        (None, False),
    ],
)
def test_is_encrypted_follows_configuration(security_string: str | None, encrypted: bool) -> None:
    endpoint = "opc.tcp://127.0.0.1:4841/"
    client = InstrumentClient(demo_channels(endpoint), history_s=1, security_string=security_string)
    assert client.is_encrypted(endpoint) is encrypted
    with pytest.raises(KeyError):
        client.is_encrypted("opc.tcp://elsewhere:4840/")


@pytest.mark.parametrize(
    ("security_string", "pinned"),
    [(None, "server.pem"), ("Basic256Sha256,None,c.pem,k.pem", None), ("Basic256Sha256", None)],
)
def test_invalid_security_configuration(security_string: str | None, pinned: str | None) -> None:
    with pytest.raises(ValueError):
        InstrumentClient(demo_channels("opc.tcp://h:1/"), security_string=security_string,
                         server_certificate=pinned)
