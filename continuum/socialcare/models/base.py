"""What every record of the child's journey shares, and the entry rules they have in common.

Each record's `clean()` holds its entry rules, so forms, services, the API and imports all check
the same things; the messages say what is wrong and how to put it right.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class JourneyRecord(models.Model):
    """A step recorded on a child's journey: who recorded it and when (the audit trail has the rest)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Any = None) -> None:
        # Each database constraint backs a rule that clean() checks first, in words that say how
        # to put it right; Django's own message ("Constraint ... is violated") would only repeat it.
        del exclude


def day(value: date) -> str:
    """A date as people write it in a message: 5 March 2026."""
    return f"{value.day} {value:%B %Y}"


def not_before(
    errors: dict[str, list[str]], field: str, value: date | None, earliest: date | None, what: str
) -> None:
    """Collect an error when `value` is before `earliest` ("the date of the referral", say)."""
    if value is not None and earliest is not None and value < earliest:
        errors.setdefault(field, []).append(
            f"The date must be on or after {what} ({day(earliest)}). Check both dates"
        )


def not_in_future(errors: dict[str, list[str]], field: str, value: date | None) -> None:
    if value is not None and value > timezone.localdate():
        errors.setdefault(field, []).append("The date must be today or in the past")


def only_one_open(errors: dict[str, list[str]], field: str, others: models.QuerySet[Any], what: str) -> None:
    """Collect an error when another record of this kind is still open for the same child."""
    other = others.first()
    if other is not None:
        errors.setdefault(field, []).append(
            f"There is already an open {what} (from {day(_start_of(other))}). Close it first"
        )


def _start_of(record: Any) -> date:
    for name in ("referral_date", "started", "start_date", "held_on"):
        value = getattr(record, name, None)
        if value is not None:
            return value  # type: ignore[no-any-return]
    raise AttributeError(f"{type(record).__name__} has no start date")


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
