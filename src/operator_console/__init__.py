"""Operator Console: the cleanroom workstation for automated cell-therapy manufacturing."""

__version__ = "0.1.0"
