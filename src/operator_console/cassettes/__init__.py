"""Cassette loading and unloading: chain-of-identity checks around two-person signed records.

:class:`~operator_console.cassettes.service.CassetteService` is the only way to make a
cassette record from the GUI; it re-checks everything inside the commit transaction.
"""

from operator_console.cassettes.service import CassetteRefusedError, CassetteService, ScanCheck

__all__ = ["CassetteRefusedError", "CassetteService", "ScanCheck"]
