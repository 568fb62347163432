"""Benchmarks: `make bench`. Figures are reported, not asserted.

Each suite builds (once, then reuses) a synthetic partnership in its own SQLite database under
var/bench/, or uses DATABASE_URL when set, and times the pages people use most through the
whole Django stack, with p50/p95 over repeated requests, and the peak memory of its process:

- `people`: person search and the person page on a Bradford-size register (about 318,000 people);
- `frontdoor`: the front door's queue, contact and figures pages with 100,000 contacts and about
  150,000 people;
- `chronology`: the chronology page of one child with about 500 events across every kind of record,
  the same child's journey page and the worker's My work;
- `insight`: the whole indicator catalogue counted over five years for a Bradford-size partnership
  and for a region 20 times its size (its counted records copied inside the database), and the
  dashboard pages, on its own SQLite files and, when PostgreSQL is running, its own PostgreSQL
  databases, whatever DATABASE_URL says (`bench/insight_bench.py`);
- `returns`: the CIN census, SSDA903 and Annex A exports of a Bradford-size year and the DfE's
  checks of the two returns, on the insight suite's Bradford database (`bench/returns_bench.py`);
- `calibration`: not timings but figures: the generated Bradford-size partnership's 2019/20 figures
  next to the seeds' (`bench/calibration.py`).

`python -m bench` runs every suite, each in its own process; `python -m bench frontdoor` one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
SUITES = {
    "people": "bench.sqlite3",
    "frontdoor": "frontdoor.sqlite3",
    "chronology": "chronology.sqlite3",
    "insight": "insight.sqlite3",
    "returns": "insight.sqlite3",
    "calibration": "calibration.sqlite3",
}


def main() -> None:
    chosen = [name for name in sys.argv[1:] if name in SUITES] or list(SUITES)
    if len(chosen) > 1:
        for name in chosen:
            subprocess.run([sys.executable, "-m", "bench", name], check=True)
        return
    run_suite(chosen[0])


def run_suite(name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "continuum.settings")
    if "DATABASE_URL" not in os.environ:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / SUITES[name]}"
    import django

    django.setup()
    if name == "people":
        from bench import people_bench

        people_bench.run()
    elif name == "chronology":
        from bench import chronology_bench

        chronology_bench.run()
    elif name == "insight":
        from bench import insight_bench

        insight_bench.run()
    elif name == "returns":
        from bench import returns_bench

        returns_bench.run()
    elif name == "calibration":
        from bench import calibration

        calibration.run()
    else:
        from bench import frontdoor_bench

        frontdoor_bench.run()


if __name__ == "__main__":
    main()
