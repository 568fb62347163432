"""What the return commands share: the collection year argument and printing a validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper

from continuum.returns.collection import FIRST_YEAR, CollectionYear
from continuum.returns.validation import Validation, ValidatorUnavailable

QUERIES_SHOWN = 20


def collection_year(text: str) -> CollectionYear:
    try:
        return CollectionYear(int(text))
    except ValueError as error:
        if not text.isdigit():
            raise CommandError(
                f"--year {text!r} is not a year: give the year the collection ends on 31 March, "
                f"for example {FIRST_YEAR + 3} for April {FIRST_YEAR + 2} to March {FIRST_YEAR + 3}"
            ) from None
        raise CommandError(str(error)) from None


def print_validation(out: OutputWrapper, validation: Validation) -> None:
    out.write(validation.summary())
    for issue in validation.errors:
        out.write(f"  error {issue.rule}, child {issue.child}, {issue.table} {issue.field}: {issue.message}")
    for issue in validation.queries[:QUERIES_SHOWN]:
        out.write(f"  query {issue.rule}, child {issue.child}, {issue.table} {issue.field}: {issue.message}")
    if len(validation.queries) > QUERIES_SHOWN:
        out.write(f"  ... and {len(validation.queries) - QUERIES_SHOWN} more queries")
    for issue in validation.return_issues:
        out.write(f"  {issue.kind} {issue.rule} (the whole return): {issue.message}")
    for rule in validation.not_checked:
        out.write(f"  not checked {rule.rule}: {rule.reason}")


def check(out: OutputWrapper, validate: Callable[[], Validation], written: Path) -> None:
    """Check a written return with the DfE's rules, list what they found, and fail on an error."""
    try:
        validation = validate()
    except ValidatorUnavailable as error:
        raise CommandError(str(error)) from None
    print_validation(out, validation)
    if validation.errors:
        raise CommandError(f"The DfE's rules found {len(validation.errors)} errors in {written}")
