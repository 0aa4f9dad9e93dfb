"""A small fault-injecting HTTP/1.1 proxy on loopback, for the sync fault tests.

It understands just enough HTTP to find request and response boundaries (headers plus a
``Content-Length`` body), so it can fail at precise points of an exchange:

``pass``            forward the request and relay the answer.
``reset_request``   forward the headers and half the body, then reset both connections.
``reset_response``  forward the whole request (the server commits), read the answer, then
                    reset the client's connection instead of relaying it.
``stall``           accept the request and never answer (the client times out).
``stall_response``  forward the request (the server commits), then never answer.
``http500``         answer 500 without forwarding.
``malformed``       forward, then answer 200 with a body that is not JSON.
``truncated``       forward, then answer 200 with the server's JSON cut in half (a
                    consistent ``Content-Length``: the body is complete but invalid).
``short_body``      forward, then announce the full length, send half and close.

``script`` holds the modes for the next requests (one each); when empty, ``mode`` applies.
``on_request`` is called (with the request path) once a request was sent to the server, before
its answer is read; ``on_forwarded`` once the server's answer is in.
"""

from __future__ import annotations

import collections
import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable

MODES = ("pass", "reset_request", "reset_response", "stall", "stall_response", "http500",
         "malformed", "truncated", "short_body")


class _ClosedError(Exception):
    pass


def _read_message(sock: socket.socket, buffer: bytearray) -> tuple[bytes, bytes]:
    """One HTTP message (head, body) from ``sock``; leftover bytes stay in ``buffer``."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise _ClosedError
        buffer += chunk
    end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    del buffer[:end]
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"transfer-encoding":
            raise ValueError("chunked bodies are not supported by this test proxy")
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise _ClosedError
        buffer += chunk
    body = bytes(buffer[:length])
    del buffer[:length]
    return head, body


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _with_body(head: bytes, body: bytes, status: bytes | None = None,
               length: int | None = None) -> bytes:
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    if status is not None:
        lines[0] = b"HTTP/1.1 " + status
    lines = [ln for ln in lines if not ln.lower().startswith(b"content-length:")]
    lines.append(b"content-length: %d" % (len(body) if length is None else length))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class FaultProxy:
    def __init__(self, upstream_port: int, *, host: str = "127.0.0.1") -> None:
        self.upstream = (host, upstream_port)
        self.mode = "pass"
        self.script: collections.deque[str] = collections.deque()
        self.on_request: Callable[[str], None] | None = None  # request sent, no answer yet
        self.on_forwarded: Callable[[str], None] | None = None
        self.seen: collections.Counter[str] = collections.Counter()  # mode -> requests
        self._lock = threading.Lock()
        self._listener = socket.create_server((host, 0))
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        self._stop = threading.Event()
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    def set(self, mode: str, *script: str) -> None:
        assert mode in MODES and all(m in MODES for m in script), (mode, script)
        with self._lock:
            self.mode = mode
            self.script = collections.deque(script)

    def _next_mode(self) -> str:
        with self._lock:
            mode = self.script.popleft() if self.script else self.mode
            self.seen[mode] += 1
            return mode

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        with self._lock:
            socks = list(self._open)
        for sock in socks:
            with contextlib.suppress(OSError):
                sock.close()
        self._thread.join(5)

    # -- serving ----------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._open.add(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        buffer = bytearray()
        try:
            while not self._stop.is_set():
                head, body = _read_message(client, buffer)
                if not self._exchange(client, head, body):
                    return
        except (_ClosedError, OSError):
            pass
        finally:
            with self._lock:
                self._open.discard(client)
            with contextlib.suppress(OSError):
                client.close()

    def _stall(self, client: socket.socket) -> None:
        client.settimeout(0.2)
        while not self._stop.is_set():
            try:
                if not client.recv(65536):
                    return  # the client gave up
            except TimeoutError:
                continue
            except OSError:
                return

    def _forward(self, head: bytes, body: bytes, partial: bool = False) -> tuple[bytes, bytes]:
        path = head.split(b" ", 2)[1].decode("latin-1")
        upstream = socket.create_connection(self.upstream, timeout=60)
        try:
            if partial:
                upstream.sendall(head + body[:len(body) // 2])
                time.sleep(0.05)
                _reset(upstream)
                return b"", b""
            upstream.sendall(head + body)
            if self.on_request is not None:
                self.on_request(path)
            answer = _read_message(upstream, bytearray())
        finally:
            upstream.close()
        if self.on_forwarded is not None:
            self.on_forwarded(path)
        return answer

    def _exchange(self, client: socket.socket, head: bytes, body: bytes) -> bool:
        """Handle one request; False when the client connection is finished."""
        mode = self._next_mode()
        if mode == "stall":
            self._stall(client)
            return False
        if mode == "http500":
            client.sendall(_with_body(b"HTTP/1.1 500 Internal Server Error\r\n"
                                      b"content-type: text/plain\r\n\r\n",
                                      b"Internal Server Error"))
            return True
        if mode == "reset_request":
            self._forward(head, body, partial=True)
            _reset(client)
            return False
        rhead, rbody = self._forward(head, body)
        if mode == "reset_response":
            _reset(client)
            return False
        if mode == "stall_response":
            self._stall(client)
            return False
        if mode == "malformed":
            client.sendall(_with_body(rhead, b"<html>proxy error</html>", b"200 OK"))
        elif mode == "truncated":
            client.sendall(_with_body(rhead, rbody[:len(rbody) // 2], b"200 OK"))
        elif mode == "short_body":
            client.sendall(_with_body(rhead, rbody[:len(rbody) // 2], length=len(rbody)))
            _reset(client)
            return False
        else:
            client.sendall(rhead + rbody)
        return b"connection: close" not in rhead.lower()
