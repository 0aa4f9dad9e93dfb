"""A real ``plant-server serve`` process for a test: started on a free loopback port, waited
for until its health route answers, and stopped (terminate, then kill) when the test is done."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(db_url: str, *, env: Mapping[str, str] | None = None,
            timeout_s: float = 30.0) -> Iterator[str]:
    """Serve ``db_url``; yields the base URL (``http://127.0.0.1:PORT``)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plant_server", "serve", "--db", db_url, "--port", str(port),
         "--log-level", "warning"], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, env=dict(env) if env is not None else None)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                if httpx.get(f"{base}{API}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the plant server did not come up"
            time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
