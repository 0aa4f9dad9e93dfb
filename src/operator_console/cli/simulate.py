"""``operator-console simulate``: run the instrument simulator as a stand-alone OPC UA server."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from operator_console.instruments.simulator import SimulatorThread


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="operator-console simulate",
        description=(
            "Serve a simulated cell-processing instrument over OPC UA on loopback "
            "(no security; for demos and tests). Runs until Ctrl-C."
        ),
    )
    parser.add_argument("--port", type=int, default=4841, help="TCP port (default: 4841)")
    parser.add_argument(
        "--rate", type=float, default=10.0, metavar="HZ",
        help="value updates per second (default: 10)",
    )
    return parser


def run(argv: list[str]) -> int:
    """Entry point; returns the process exit status."""
    args = _parser().parse_args(argv)
    if not 0 < args.port < 65536:
        print("error: --port must be between 1 and 65535", file=sys.stderr)
        return 2
    if not 0 < args.rate <= 1000:
        print("error: --rate must be > 0 and <= 1000", file=sys.stderr)
        return 2
    logging.getLogger("asyncua").setLevel(logging.ERROR)  # its start-up warnings are noise here
    sim = SimulatorThread(port=args.port, rate_hz=args.rate)
    try:
        sim.start()
    except OSError as exc:
        print(f"error: cannot serve on port {args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Simulator serving {sim.endpoint} at {args.rate:g} Hz (Ctrl-C to stop)")
    for ch in sim.channels:
        print(f"  {ch.node_id:<40} {ch.name_en} [{ch.unit}]")
    sys.stdout.flush()
    done = threading.Event()

    def _on_term(signum: int, frame: FrameType | None) -> None:
        done.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_term)
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    print("Simulator stopped")
    return 0
