"""Time from launch to a painted login window and to a usable one, from source and bundle.

Each run is a fresh process started with ``OPERATOR_CONSOLE_QUIT_AFTER_PAINT=1`` on the
offscreen platform; the console prints how long after the process started the login window
first painted, then keeps sending a key to the user ID field until the field takes it
("usable": the form takes typed input while the store opens on a thread), then when the
application behind it is built and a log-in goes ahead at once ("ready"), and quits.
Floor, measured in the same run the same way: a bare script that creates a QApplication,
shows one pyqtgraph PlotWidget and quits on its first paint — what any PySide6 + pyqtgraph
application pays before it shows anything. Goal: login usable at most 1.5x the floor.

The bundle is measured when ``dist/operator-console`` exists (``bash packaging/build.sh``;
``OPERATOR_CONSOLE_BUNDLE`` points elsewhere); otherwise this says "bundle not built".
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

QUICK = {"n": 2}  # run_all --quick
ROOT = Path(__file__).resolve().parent.parent
BUNDLE = Path(os.environ.get("OPERATOR_CONSOLE_BUNDLE",
                             ROOT / "dist" / "operator-console" / "operator-console"))
GOAL = 1.5
_PAINTED = re.compile(r"painted (?:login window )?([0-9.]+) s after launch")
_USABLE = re.compile(r"login usable ([0-9.]+) s after launch")
_READY = re.compile(r"login ready ([0-9.]+) s after launch")

FLOOR_SCRIPT = '''
import os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import pyqtgraph as pg


def age():
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - ticks / os.sysconf("SC_CLK_TCK")


class Probe(QObject):
    done = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"painted {age():.3f} s after launch", flush=True)
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


app = QApplication(sys.argv[:1])
plot = pg.PlotWidget()
plot.plot([0.0, 1.0, 4.0, 9.0])
probe = Probe(plot)
plot.viewport().installEventFilter(probe)  # a QGraphicsView paints in its viewport
plot.show()
app.exec()
'''


def _launch_seconds(command: list[str]) -> tuple[float, float, float]:
    """(painted, usable, ready) seconds after launch; all three are "painted" for the floor
    script."""
    env = os.environ | {"OPERATOR_CONSOLE_QUIT_AFTER_PAINT": "1",
                        "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    found = _PAINTED.search(result.stdout)
    if result.returncode != 0 or not found:
        raise RuntimeError(f"{command[0]} did not paint: rc={result.returncode} "
                           f"{result.stdout[-500:]} {result.stderr[-500:]}")
    painted = float(found.group(1))
    usable, ready = (_USABLE.search(result.stdout), _READY.search(result.stdout))
    return (painted, float(usable.group(1)) if usable else painted,
            float(ready.group(1)) if ready else painted)


def _median(command: list[str], n: int) -> tuple[float, float, float]:
    _launch_seconds(command)  # warm-up: page cache, fontconfig cache, .pyc files
    runs = [_launch_seconds(command) for _ in range(n)]
    painted, usable, ready = (statistics.median(r[i] for r in runs) for i in range(3))
    return painted, usable, ready


def _source_command() -> list[str]:
    script = Path(sys.executable).parent / "operator-console"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "operator_console"]


def _prepare_data_dir(data_dir: Path) -> None:
    """An existing station database at the schema head: the everyday start."""
    from operator_console.services import open_services

    open_services(data_dir).close()


def run(n: int = 7) -> list[tuple[str, float, str]]:
    if not sys.platform.startswith("linux"):
        print("bench_startup: needs Linux /proc for the launch time; skipped", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp) / "data"
        _prepare_data_dir(data_dir)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_SCRIPT, encoding="utf-8")
        args = ["--data-dir", str(data_dir)]
        floor = _median([sys.executable, str(floor_script)], n)[0]
        source, source_usable, source_ready = _median([*_source_command(), *args], n)
        bundle = _median([str(BUNDLE), *args], n) if BUNDLE.is_file() else None
    rows = [
        (f"startup: floor, QApplication + PlotWidget painted, median (n={n})", floor * 1000,
         "ms"),
        ("startup: login window painted, from source", source * 1000, "ms"),
        ("startup: login usable (takes typed input), from source", source_usable * 1000,
         "ms"),
        ("startup: login ready (store open, log-in goes ahead), from source",
         source_ready * 1000, "ms"),
        ("startup: painted from source vs floor", source / floor, "x floor"),
        ("startup: usable from source vs floor", source_usable / floor,
         f"x floor (goal <= {GOAL})"),
        ("startup: ready from source vs floor", source_ready / floor, "x floor"),
    ]
    if bundle is None:
        print(f"bench_startup: bundle not built ({BUNDLE} missing; bash packaging/build.sh)",
              file=sys.stderr)
    else:
        rows += [("startup: login usable, from the bundle", bundle[1] * 1000, "ms"),
                 ("startup: bundle usable vs floor", bundle[1] / floor,
                  f"x floor (goal <= {GOAL})")]
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:64s} {value:10,.3f} {unit}")
