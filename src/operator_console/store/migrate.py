"""Running the store's Alembic migrations programmatically (no alembic.ini needed).

Every start opens the database, and nearly always it is already at the head revision. That
everyday case is decided without Alembic: the head is read from the version files' own
``revision`` / ``down_revision`` lines and the database's revision with one SQLite query, so
Alembic (a fifth of a second to import) loads only when there is something to migrate or the
quick look cannot decide.
"""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return script.get_current_head()


def _literal_assignments(path: Path, names: set[str]) -> dict[str, object]:
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in names:
                found[target.id] = ast.literal_eval(node.value)
    return found


def quick_head_revision() -> str | None:
    """The single head of the version files, read without Alembic; None when undecidable
    (no files, several heads, a revision that is not a plain literal)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
            values = _literal_assignments(path, {"revision", "down_revision"})
            revision, down = values.get("revision"), values.get("down_revision")
            if not isinstance(revision, str):
                return None
            revisions.add(revision)
            if isinstance(down, str):
                parents.add(down)
            elif isinstance(down, tuple | list):
                parents.update(str(d) for d in down)
            elif down is not None:
                return None
    except (OSError, SyntaxError, ValueError):
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def quick_current_revision(db_path: Path) -> str | None:
    """The revision stamped in the SQLite file, read with plain sqlite3 (read-only); None when
    the file or its ``alembic_version`` table is missing or holds several rows."""
    if not db_path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def is_at_head(db_path: Path) -> bool:
    """True only when the quick look is certain the database needs no migration."""
    head = quick_head_revision()
    return head is not None and quick_current_revision(db_path) == head


def upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade the schema; a no-op when the database is already at head."""
    database = engine.url.database
    if database and engine.url.get_backend_name() == "sqlite" and is_at_head(Path(database)):
        return
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
