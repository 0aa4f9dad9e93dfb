"""The Batches page's look: batch cards and step rows coloured by where they stand (the
theme's colours: green done, blue current, amber waiting on a person, red blocked), the
blocked banner, the instruction panel and the step's verdict in large type."""

STYLE = """
QPushButton[role="batchCard"] { text-align: left; padding: 12px 20px; font-size: 21px;
                                min-height: 96px; border: 3px solid #5b6b7b; }
QPushButton[role="batchCard"][state="warn"] { border-color: #b36b00; background: #fff7e6; }
QPushButton[role="batchCard"][state="alarm"] { border-color: #a4161a; background: #fdeeee;
                                               color: #8a0f12; }
QPushButton[role="batchCard"][state="current"] { border-color: #0b5cad; background: #e3eefa; }
QPushButton[role="batchCard"][state="ok"] { border-color: #2e7d32; background: #eef8ee; }
QPushButton[role="stepRow"] { text-align: left; padding: 6px 14px; font-size: 18px;
                              min-height: 88px; border: 2px solid #a9b2bc; }
QPushButton[role="stepRow"][state="ok"] { border-color: #2e7d32; background: #eef8ee;
                                          color: #1b5e20; }
QPushButton[role="stepRow"][state="current"] { border: 3px solid #0b5cad; background: #e3eefa;
                                               font-weight: 700; }
QPushButton[role="stepRow"][state="warn"] { border-color: #b36b00; background: #fff7e6; }
QPushButton[role="stepRow"][state="alarm"] { border-color: #a4161a; background: #fdeeee;
                                             color: #8a0f12; }
QPushButton[role="stepRow"][state=""] { color: #5b6b7b; background: #eef1f4; }
QPushButton[role="stepRow"][selected="true"] { border-width: 4px; }
#batchBlocked { background: #a4161a; color: #ffffff; font-size: 24px; font-weight: 800;
                padding: 14px; border-radius: 8px; }
#stepInstruction { background: #eef3f8; padding: 14px; border-radius: 8px; font-size: 22px; }
#stepResult { font-size: 22px; font-weight: 700; }
#stepResult[state="ok"] { color: #1b5e20; }
#stepResult[state="alarm"] { color: #8a0f12; }
#BatchDetail QCheckBox { font-size: 22px; min-height: 64px; }
#BatchDetail QCheckBox::indicator { width: 44px; height: 44px; }
#BatchDetail QLineEdit { font-size: 24px; min-height: 64px; }
QLabel#phaseStatus { font-size: 22px; font-weight: 700; }
#BatchDetail QScrollBar:vertical { width: 26px; }
"""
