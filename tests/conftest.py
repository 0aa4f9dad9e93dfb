"""Shared fixtures. Tests run headless: the offscreen Qt platform is set before Qt loads."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("TZ", "Asia/Tokyo")

import pytest

from operator_console.demo import seed_demo, seed_demo_records
from operator_console.services import Services, open_services
from operator_console.store.db import DB_FILENAME


@pytest.fixture(scope="session")
def users_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the demo users only (no records yet), once per test session."""
    path = tmp_path_factory.mktemp("users-template")
    services = open_services(path)
    seed_demo(services.db, services.audit)
    services.close()
    return path


@pytest.fixture(scope="session")
def seeded_template(users_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database seeded once per test session (argon2 hashing is slow on purpose)."""
    path = tmp_path_factory.mktemp("template")
    shutil.copy(users_template / DB_FILENAME, path / DB_FILENAME)
    services = open_services(path)
    seed_demo_records(services)
    services.close()
    return path


@pytest.fixture
def data_dir(tmp_path: Path, seeded_template: Path) -> Path:
    """A fresh copy of the seeded demo database for one test."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(seeded_template / DB_FILENAME, target / DB_FILENAME)
    return target


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    svc = open_services(data_dir)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def cassette_template(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded demo database plus the demo's cassette master data (batches, expected
    cassettes, bays), built once per test session."""
    from operator_console.demo_cassettes import seed_demo_master_data

    path = tmp_path_factory.mktemp("cassettes")
    shutil.copy(seeded_template / DB_FILENAME, path / DB_FILENAME)
    svc = open_services(path)
    seed_demo_master_data(svc)
    svc.close()
    return path


@pytest.fixture
def svc(tmp_path: Path, cassette_template: Path) -> Iterator[Services]:
    """A fresh copy of ``cassette_template`` for one test."""
    shutil.copy(cassette_template / DB_FILENAME, tmp_path / DB_FILENAME)
    services = open_services(tmp_path)
    yield services
    services.close()


@pytest.fixture(scope="session")
def batch_template(cassette_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cassette template plus the demo's recipe-run batches (fresh, midway, blocked)."""
    from operator_console.demo_batches import seed_demo_batches

    path = tmp_path_factory.mktemp("batches")
    shutil.copy(cassette_template / DB_FILENAME, path / DB_FILENAME)
    svc = open_services(path)
    seed_demo_batches(svc)
    svc.close()
    return path


@pytest.fixture
def batch_services(tmp_path: Path, batch_template: Path) -> Iterator[Services]:
    """Services over a fresh copy of the batch template."""
    target = tmp_path / "batches"
    target.mkdir()
    shutil.copy(batch_template / DB_FILENAME, target / DB_FILENAME)
    svc = open_services(target)
    yield svc
    svc.close()
