"""The statutory returns for a Bradford-size year: how long the export takes, and the DfE's check.

Uses the insight suite's Bradford-size partnership (`bradford-2019-20`, seed 1, in
var/bench/insight.sqlite3, generated there once) and the 2026 collection (April 2025 to March
2026). Target, reported and not asserted: the export itself under 10 seconds.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

EXPORT_REPEATS = 3
YEAR = 2026


def run() -> None:
    from bench import insight_bench
    from bench.timing import peak_memory_mb, time_calls
    from continuum.returns import cin_census
    from continuum.returns.collection import CollectionYear
    from continuum.returns.validation import ValidatorUnavailable, validate_cin_census

    insight_bench.prepare()
    year = CollectionYear(YEAR)
    print(f"\nStatutory returns: the {year.label} collection of a Bradford-size partnership")
    before = peak_memory_mb()
    timing = time_calls("CIN census: export (XML)", [lambda: cin_census.render(year)] * EXPORT_REPEATS)
    content, children = cin_census.render(year)
    print(timing.line())
    print(
        f"{len(children):,} children, {len(content) / 1_000_000:.1f} MB of XML; peak memory "
        f"{peak_memory_mb():.0f} MB ({before:.0f} MB before)"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cin.xml"
        path.write_bytes(content)
        started = time.perf_counter()
        try:
            validation = validate_cin_census(path, year)
        except ValidatorUnavailable as error:
            print(f"CIN census: not checked ({error})")
            return
        print(f"CIN census: checked with the DfE's rules in {time.perf_counter() - started:.1f} s")
        print(f"  {validation.summary()}")
