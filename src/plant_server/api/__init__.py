"""HTTP API (``/api/v1``): thin routes over :mod:`plant_server.services`."""
