"""The looked-after children return (SSDA903) of the generated partnership passes the DfE's rules.

The small area is exported for each collection year from 2023 to 2026 and checked with that
year's rules (csc-validator-be-903, in its own virtualenv). Any error about a child fails the
test. Rules the validator could not run (they crashed, need last year's tables, or are known to
flag valid data) are listed at the end of the run, with their reasons.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from continuum.returns import ssda903
from continuum.returns.collection import CollectionYear
from continuum.returns.validation import validate_ssda903
from continuum.synthetic.generator import Summary

pytestmark = pytest.mark.django_db

EXPECTED_REASONS = ("it crashed", "it needs a table", "its list of placement codes", "its code flags")


@pytest.mark.parametrize("ends", [2023, 2024, 2025, 2026])
def test_the_return_passes_the_dfes_rules(
    small_partnership: Summary, tmp_path: Path, ends: int, record_property: Any
) -> None:
    year = CollectionYear(ends)
    children = ssda903.write(year, tmp_path)

    validation = validate_ssda903(tmp_path, year)

    unusual = sorted(
        {
            f"    {each.rule}: {each.reason}"
            for each in validation.not_checked
            if "needs a table" not in each.reason
        }
    )
    record_property("dfe_validation", "\n".join([f"SSDA903 {year.label}: {validation.summary()}", *unusual]))
    assert len(children) >= 10
    assert validation.ruleset == f"lac{ends - 1}_{ends % 100:02d}"
    assert validation.rules >= 290
    assert all(each.reason.startswith(EXPECTED_REASONS) for each in validation.not_checked)
    assert [
        f"{each.rule} child {each.child} ({each.field}): {each.message}" for each in validation.errors
    ] == []
