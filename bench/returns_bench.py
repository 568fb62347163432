"""The statutory returns for a Bradford-size year: how long each export takes, and the DfE's checks.

Uses the insight suite's Bradford-size partnership (`bradford-2019-20`, seed 1, in
var/bench/insight.sqlite3, generated there once) and the 2026 collection (April 2025 to March
2026): the CIN census, the SSDA903 and Ofsted's Annex A up to 31 March 2026. Target, reported and
not asserted: each export under 10 seconds. The checks (the DfE's validators on the same files,
once each) take minutes: `python -m bench returns --no-check` leaves them out.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from continuum.returns.validation import Validation

EXPORT_REPEATS = 3
YEAR = 2026
ANNEX_A_ON = date(2026, 3, 31)
NO_CHECK = "--no-check"


def run() -> None:
    from bench import insight_bench
    from bench.timing import peak_memory_mb, time_calls
    from continuum.returns import annex_a, cin_census, ssda903
    from continuum.returns.collection import CollectionYear
    from continuum.returns.validation import validate_cin_census, validate_ssda903

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
    timing = time_calls("SSDA903: export (CSV tables)", [lambda: ssda903.render(year)] * EXPORT_REPEATS)
    files, looked_after = ssda903.render(year)
    print(timing.line())
    rows = {name: content.count(b"\n") - 1 for name, content in files.items()}
    print(f"{len(looked_after):,} children; rows {rows}; peak memory {peak_memory_mb():.0f} MB")
    timing = time_calls("Annex A: export (workbook)", [lambda: annex_a.render(ANNEX_A_ON)] * EXPORT_REPEATS)
    workbook, listed = annex_a.render(ANNEX_A_ON)
    print(timing.line())
    print(
        f"{len(listed):,} children, {len(workbook) / 1_000_000:.1f} MB; peak memory {peak_memory_mb():.0f} MB"
    )
    if NO_CHECK in sys.argv:
        print(f"Not checked ({NO_CHECK})")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cin.xml"
        path.write_bytes(content)
        check("CIN census", lambda: validate_cin_census(path, year))
        tables = Path(folder) / "ssda903"
        tables.mkdir()
        for name, table in files.items():
            (tables / name).write_bytes(table)
        check("SSDA903", lambda: validate_ssda903(tables, year))


def check(name: str, validate: Callable[[], Validation]) -> None:
    """The DfE's check of a file, once: its time, what it found, and the validator's peak memory."""
    from continuum.returns.validation import ValidatorUnavailable

    started = time.perf_counter()
    try:
        validation = validate()
    except ValidatorUnavailable as error:
        print(f"{name}: not checked ({error})")
        return
    took = time.perf_counter() - started
    validator_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{name}: checked with the DfE's rules in {took:.1f} s "
        f"(the validators' peak memory {validator_mb:.0f} MB)"
    )
    print(
        f"  {len(validation.errors):,} errors and {len(validation.queries):,} queries about children "
        f"({len(validation.by_child()):,} children), {len(validation.return_issues)} about the whole "
        f"return, {len(validation.not_checked)} rules not checked ({validation.ruleset}, "
        f"{validation.rules} rules, {validation.validator})"
    )
    for rule in sorted({issue.rule for issue in validation.errors}):
        count = sum(1 for issue in validation.errors if issue.rule == rule)
        print(f"    error {rule}: {count:,}")
