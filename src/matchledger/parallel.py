"""Many files to their tables on several cores: where worker processes pay.

A worker process costs what it is handed and what it hands back: events pickled to a
worker and rebuilt there cost about what folding them does, so folding a ledger
already in memory on two cores is slower than on one (the benchmarks measure it).
A file, though, is a path to hand over, and its tables are small to hand back: reading
and decoding, the bulk of the work, splits cleanly. :func:`standings_of_files` does
that, and stays in one process for one file or ``processes=1``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from matchledger.codec import load
from matchledger.errors import LedgerError
from matchledger.folds.standings import Table, all_standings
from matchledger.rules import Preset, Rules

__all__ = ["standings_of_files"]

_RESULTS_SUFFIXES = (".csv", ".tsv", ".txt")


def _tables_of(path: str, rules: Rules | Preset | str | None) -> dict[tuple[str, str], Table]:
    """One file's tables: a results CSV (by its suffix) or a ledger document."""
    if Path(path).suffix.lower() in _RESULTS_SUFFIXES:
        from matchledger.importers.results_csv import read_results_csv  # noqa: PLC0415

        ledger = read_results_csv(path)
    else:
        ledger = load(path)
    return all_standings(ledger, rules)


def standings_of_files(
    paths: Sequence[str | os.PathLike[str]],
    rules: Rules | Preset | str | None = None,
    *,
    processes: int | None = None,
) -> dict[tuple[str, str], Table]:
    """Every season table in each file (ledgers, or results CSV files), files read in parallel.

    Each file is read and folded by :func:`~matchledger.all_standings` in a worker
    process; the tables come back. A season must lie in one file: the same
    competition's season in two files is refused, since neither file's table is the
    season's.

    Args:
        paths: ledger files (``.json``, ``.jsonl``) or results CSV files (``.csv``).
        rules: as for :func:`~matchledger.standings`.
        processes: worker processes; ``None`` for one per core (at most one per
            file), ``1`` to read the files one after another in this process.

    Raises:
        LedgerError: for a file that is not a valid ledger or results file (the error
            of the reader, naming the file), or a season found in two files.
        OSError: when a file cannot be read.

    Example:
        >>> from pathlib import Path
        >>> import tempfile
        >>> from matchledger import dump, load_serie_a_2019_20
        >>> folder = Path(tempfile.mkdtemp())
        >>> dump(load_serie_a_2019_20(), folder / "serie-a-2019-20.json")
        >>> tables = standings_of_files([folder / "serie-a-2019-20.json"])
        >>> tables["Serie A", "2019-20"].rows[0].team.name
        'Juventus'
    """
    names = [os.fspath(p) for p in paths]
    workers = min(len(names), processes or os.cpu_count() or 1)
    if workers <= 1:
        found = [_tables_of(p, rules) for p in names]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(_tables_of, names, [rules] * len(names)))
    tables: dict[tuple[str, str], Table] = {}
    where: dict[tuple[str, str], str] = {}
    for name, each in zip(names, found, strict=True):
        for key, table in each.items():
            if key in tables:
                msg = (
                    f"{name}: holds {key[0]} {key[1]}, which {where[key]} holds too; "
                    "give a season's matches in one file"
                )
                raise LedgerError(msg)
            tables[key], where[key] = table, name
    return tables
