"""Everything ``audit verify`` checks, in one streamed read of each table.

1. The audit chain, entry by entry, with each entry's key seal, collecting on the way what
   its entries announce about records and signatures (:mod:`~operator_console.store.
   chain_pass`).
2. Each record's content against its hash, each signature against its hash and the record's
   content as it is now (:mod:`~operator_console.store.table_checks`).
3. Records and signatures against the audit entries that carry their hashes
   (:mod:`~operator_console.store.crosscheck`).

Rows are read as plain tuples in batches inside one read snapshot and checked by fast paths
that give the exact check's answer. A long chain is cut into runs verified by forked worker
processes while this one checks the tables; each run starts from the stored hash of the
entry before it, and the runs are joined as one pass would have gone on
(:func:`~operator_console.domain.stored_chain.join_runs`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sqlite3
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import GENESIS_HASH, ChainReport
from operator_console.domain.stored_chain import join_runs
from operator_console.store.audit_key import seal_start
from operator_console.store.chain_pass import ChainRun, SealCheck, check_run
from operator_console.store.crosscheck import Announced, cross_check
from operator_console.store.models import AuditHead
from operator_console.store.table_checks import Tables, check_tables


@dataclass(frozen=True)
class StoreReport:
    """The chain's report and, if the chain is intact, every record problem found (records
    newest first, each record's own problems before the cross-check's) and every seal
    problem (in entry order; none when no key was given)."""

    chain: ChainReport
    problems: list[str] = field(default_factory=list)
    seals: list[str] = field(default_factory=list)


#: Below this many entries the chain is verified in this process alone (starting workers
#: costs more than it saves).
PARALLEL_FROM = 50_000
#: Entries per run handed to a worker: small enough that the runs spread evenly over
#: processes that a loaded machine slows unevenly, large enough that each costs little
#: more than its rows.
RUN_LENGTH = 50_000


def _cuts(count: int, parallel: bool | None) -> list[int]:
    """Where the runs end (the last run goes on to the end of the rows): one run if not
    parallel."""
    if parallel is None:
        parallel = (count >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
                    and "fork" in multiprocessing.get_all_start_methods())
    if not parallel or count < 2:
        return []
    runs = max(2, min(count // RUN_LENGTH, 64))
    return [count * i // runs for i in range(1, runs)]


_worker_connection: dict[str, sqlite3.Connection] = {}


def _worker_run(path: str, after: int, upto: int, seal: SealCheck | None,
                with_mac: bool) -> ChainRun:
    """One run in a worker process, over its own read-only connection (entries are
    append-only: those up to the head read in the caller's snapshot are the same in any
    later one)."""
    gc.disable()
    con = _worker_connection.get(path)
    if con is None:
        con = _worker_connection[path] = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return check_run(con.cursor(), after, upto, seal=seal, with_mac=with_mac)


def verify_store(session: Session, *, seal_key: bytes | None = None,
                 sealed_from: int | None = None, parallel: bool | None = None) -> StoreReport:
    """Verify the chain, the records, the signatures and their agreement (see the module),
    and with ``seal_key`` every entry's seal (``sealed_from``: the first entry that must carry
    one, from the keyring; None: the first sealed entry in the file).

    ``parallel``: verify a long chain in worker processes (default: for chains of
    :data:`PARALLEL_FROM` entries or more, on more than one core). The report is the same
    either way.

    Python's cyclic garbage collector is paused meanwhile: the pass makes millions of rows and
    keeps hundreds of thousands of hashes, none of them in a cycle, and each full collection
    would walk all of them again (the cost per entry doubled from 100,000 entries to
    1,000,000 before)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _verify_store(session, seal_key, sealed_from, parallel)
    finally:
        if paused:
            gc.enable()


def _verify_store(session: Session, seal_key: bytes | None, sealed_from: int | None,
                  parallel: bool | None) -> StoreReport:
    head = session.get(AuditHead, 1)  # also opens the read snapshot
    expected = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    cursor = session.connection().connection.cursor()
    try:
        with_mac = any(col[1] == "mac" for col in
                       cursor.execute("PRAGMA table_info(audit_entries)").fetchall())
        start = seal_start(session, sealed_from) if seal_key is not None and with_mac else None
        seal = SealCheck(seal_key, start) if seal_key is not None and start is not None else None
        cuts = _cuts(expected[0], parallel)
        if not cuts:
            runs = [check_run(cursor, seal=seal, with_mac=with_mac)]
            chain = join_runs([runs[0].segment], [None], expected)
            if not chain.ok:
                return StoreReport(chain)
            tables = check_tables(cursor)
        else:
            runs, tables = _in_workers(session, cursor, cuts, seal, with_mac)
            chain = join_runs([run.segment for run in runs], [*cuts, None], expected)
            if not chain.ok:
                return StoreReport(chain)
    finally:
        cursor.close()
    announced = Announced()
    for run in runs:
        announced.extend(run.announced)
    return StoreReport(chain,
                       tables.problems + cross_check(announced, tables.hashes,
                                                     tables.signatures),
                       [problem for run in runs for problem in run.seals])


def _in_workers(session: Session, cursor: Any, cuts: list[int],
                seal: SealCheck | None, with_mac: bool) -> tuple[list[ChainRun], Tables]:
    """The runs before the last in worker processes while this one checks the tables, then
    takes over the runs no worker has started yet, then the last run (read in this
    snapshot, so it ends where the snapshot's rows end)."""
    path = session.connection().engine.url.database
    assert path is not None
    bounds = list(zip([0, *cuts[:-1]], cuts, strict=True))
    workers = max(1, min(len(bounds), (os.cpu_count() or 2) - 1))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures: list[Future[ChainRun]] = [
            pool.submit(_worker_run, path, after, upto, seal, with_mac)
            for after, upto in bounds]
        tables = check_tables(cursor)
        mine: dict[int, ChainRun] = {}
        for i in reversed(range(len(futures))):
            if not futures[i].cancel():
                break
            mine[i] = check_run(cursor, *bounds[i], seal=seal, with_mac=with_mac)
        last = check_run(cursor, cuts[-1], seal=seal, with_mac=with_mac)
        runs = [mine[i] if i in mine else futures[i].result() for i in range(len(futures))]
    return [*runs, last], tables
