"""The CIN census of the generated partnership passes the DfE's rules for every collection year.

The small area is exported for each year from 2023 to 2026 with that year's rules
(csc-validator-be-cin, in its own virtualenv). Any error about a child fails the test; the
queries (which ask for a reason rather than a fix) are listed at the end of the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from continuum.returns import cin_census
from continuum.returns.collection import CollectionYear
from continuum.returns.validation import validate_cin_census
from continuum.synthetic.generator import Summary

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ends", [2023, 2024, 2025, 2026])
def test_the_census_passes_the_dfes_rules(
    small_partnership: Summary, tmp_path: Path, ends: int, record_property: Any
) -> None:
    year = CollectionYear(ends)
    path = tmp_path / f"cin_census_{ends}.xml"
    children = cin_census.write(year, path)

    validation = validate_cin_census(path, year)

    queries = [
        f"    {each.rule} child {each.child} ({each.field}): {each.message}" for each in validation.queries
    ]
    returned = [f"    {each.rule} the whole return: {each.message}" for each in validation.return_issues]
    record_property(
        "dfe_validation", "\n".join([f"CIN census {year.label}: {validation.summary()}", *queries, *returned])
    )
    assert len(children) > 20
    assert validation.ruleset == f"cin{ends - 1}_{ends % 100:02d}"
    assert validation.rules >= 105
    assert validation.not_checked == []
    assert [f"{each.rule} child {each.child}: {each.message}" for each in validation.errors] == []
