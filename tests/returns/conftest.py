"""What the DfE's validators said about each return, listed at the end of the test run.

Tests record a validator's summary and its queries with `record_property("dfe_validation", ...)`;
the lines travel back from pytest-xdist's workers with the test's report, and are printed here.
"""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = [
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "dfe_validation"
    ]
    if lines:
        terminalreporter.section("What the DfE's validators found")
        for line in sorted(lines):
            terminalreporter.write_line(line)
