"""The plant server: master data, station enrollment and the sink of every station's outbox.

FastAPI over SQLAlchemy 2.x (PostgreSQL in production, SQLite as the embedded default).
Business rules live in :mod:`plant_server.services`; :mod:`plant_server.api` is thin.
"""
