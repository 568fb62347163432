"""Benchmarks: `make bench`. Figures are reported, not asserted.

Builds (once, then reuses) a Bradford-size synthetic partnership in its own SQLite database
under var/bench/, or uses DATABASE_URL when set, then times the pages and queries people use
most: person search and the person page, with p50/p95 over repeated requests, and peak memory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "continuum.settings")
    if "DATABASE_URL" not in os.environ:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    import django

    django.setup()
    from bench import people_bench

    people_bench.run(sys.argv[1:])


if __name__ == "__main__":
    main()
