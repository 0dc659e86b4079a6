"""Build the packaged Serie A 2019-20 results that the demo's table comes from.

The results are openfootball's (football.json, CC0 1.0, public domain), read from the
project's copy of ``it.1.csv`` beside the checkout. The seed match, Inter 1-1 Atalanta on
11 January 2020, is left out here: the packaged seed ledger holds it event by event, and
``load_serie_a_2019_20()`` puts the two together.

Run it from the repository root, with the data folder beside the checkout:

    uv run python examples/build_serie_a_2019_20.py [PATH/TO/it.1.csv]
"""

from __future__ import annotations

import sys
from pathlib import Path

from matchledger import Ledger, MatchScheduled, dump
from matchledger.importers import read_results_csv

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "results" / "openfootball" / "it.1.csv"
TARGET = ROOT / "src" / "matchledger" / "data" / "serie-a-2019-20.jsonl"


def build(source: Path) -> Ledger:
    """The season's results without the seed match."""
    season = read_results_csv(source, season="2019-20")
    seed = {
        e.match_id
        for e in season
        if isinstance(e, MatchScheduled)
        and e.kickoff.date().isoformat() == "2020-01-11"
        and (e.home.team_id, e.away.team_id) == ("inter", "atalanta")
    }
    if len(seed) != 1:
        msg = f"expected the seed match once in {source}, found {len(seed)}"
        raise SystemExit(msg)
    return Ledger(e for e in season if getattr(e, "match_id", None) not in seed)


def main() -> None:
    """Write the packaged file."""
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    ledger = build(source)
    dump(ledger, TARGET)
    print(f"wrote {len(ledger)} events to {TARGET.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
