"""Guards the pinned PySide6 / pyqtgraph pair: some pairs abort after a few dozen repaints
(PySide6 6.12.0 with pyqtgraph 0.14.0: ``Fatal Python error: none_dealloc``). Runs in a child
process so that such an abort fails this test instead of killing the whole run."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication
app = QApplication([])
w = pg.PlotWidget()
w.resize(640, 360)
w.show()
curve = w.plot(pen=pg.mkPen(width=1))
x = np.arange(2000, dtype=float)
for i in range(300):
    curve.setData(x + i, np.sin((x + i) / 50.0))
    w.getPlotItem().vb.setRange(xRange=(i, i + 2000))
    w.repaint()
    w.grab()
    app.processEvents()
print("repainted")
"""


def test_plot_survives_many_repaints() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "repainted" in result.stdout
