"""Operator Console: the cleanroom operator's workstation for automated cell-therapy manufacturing."""

__version__ = "0.1.0"
