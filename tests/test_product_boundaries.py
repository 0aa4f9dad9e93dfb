"""Each product starts with only its own stack: the plant server loads no Qt and no console
code beyond the shared domain; the workstation loads no server stack. Checked on what a
fresh interpreter has actually imported once each is started, not only on the import graph
(lint-imports covers that): a lazy import inside a function would slip past a graph check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SERVER_START = """
import json, sys
from plant_server.api.app import create_app
from plant_server.config import Settings
from plant_server.db import Database
url = "sqlite:///" + sys.argv[1]
db = Database(url)
app = create_app(Settings(db_url=url), db)
from plant_server import cli, cli_parser  # the command line's own modules too
print(json.dumps(sorted(sys.modules)))
"""

_CONSOLE_START = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from operator_console.services import open_services
from operator_console.ui.shell.launcher import create_application
from operator_console.ui.shell.controller import AppController
from operator_console.sync.station import start_sync
from operator_console.instruments.opcua_client import InstrumentClient
from operator_console.ui.reports.batch_record_pdf import render_pdf
services = open_services(__import__("pathlib").Path(sys.argv[1]))
services.close()
print(json.dumps(sorted(sys.modules)))
"""


def _modules(code: str, arg: Path) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code, str(arg)], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=120)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_plant_server_loads_no_qt_and_only_the_console_domain(tmp_path: Path) -> None:
    loaded = _modules(_SERVER_START, tmp_path / "server.sqlite3")
    assert "fastapi" in _top(loaded)  # it did start
    assert not _top(loaded) & {"PySide6", "shiboken6", "pyqtgraph", "asyncua", "keyring"}
    console = {m for m in loaded if m.startswith("operator_console.")}
    assert console, "the server uses the shared domain"
    outside = sorted(m for m in console if not m.startswith("operator_console.domain"))
    assert not outside, f"console modules in the server: {outside}"


def test_the_workstation_loads_no_server_stack(tmp_path: Path) -> None:
    loaded = _top(_modules(_CONSOLE_START, tmp_path))
    assert "PySide6" in loaded  # it did start
    assert not loaded & {"plant_server", "fastapi", "uvicorn", "starlette", "psycopg"}
