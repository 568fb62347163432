"""Validators for identifiers and dates, with messages that say what is wrong and how to fix it."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.gb import nhs, upn

if TYPE_CHECKING:
    from .models import Person

# The full set of UK postcode shapes (outward code + inward code), as published by Royal Mail,
# plus the special non-geographic GIR 0AA.
POSTCODE_PATTERN = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ](\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d\d)"
    r" ?\d[ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def validate_postcode(value: str) -> None:
    if not POSTCODE_PATTERN.match(normalise_postcode(value)):
        raise ValidationError(
            "Enter a real postcode, like LS1 4AP",
            code="invalid_postcode",
        )


def validate_nhs_number(value: str) -> None:
    digits = re.sub(r"[\s-]", "", value)
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("NHS number must be 10 digits, like 943 476 5919", code="nhs_number_length")
    if not nhs.is_valid(digits):
        raise ValidationError(
            "NHS number is not valid: its check digit does not match. Check each digit against the source",
            code="nhs_number_checksum",
        )


def validate_upn(value: str) -> None:
    compact = value.strip().upper()
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", compact):
        raise ValidationError(
            "Unique pupil number must be 13 characters: a letter, 11 digits, then a digit or letter",
            code="upn_format",
        )
    if not upn.is_valid(compact):
        raise ValidationError(
            "Unique pupil number is not valid: its check letter does not match the other characters",
            code="upn_check_letter",
        )


def not_in_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError("Date must be today or in the past", code="date_in_future")


def validate_person_dates(person: Person) -> None:
    """Dates that only make sense together: births, expected births and deaths."""
    from .models import PersonKind

    errors: dict[str, str] = {}
    if person.kind == PersonKind.UNBORN:
        if person.date_of_birth:
            errors["date_of_birth"] = (
                "An unborn child has no date of birth yet: record the child as born instead"
            )
        if not person.expected_date_of_delivery:
            errors["expected_date_of_delivery"] = "Enter the expected date of delivery for an unborn child"
    elif person.expected_date_of_delivery and not person.date_of_birth:
        errors["expected_date_of_delivery"] = "Only an unborn child has an expected date of delivery"
    if person.date_of_death and person.date_of_birth and person.date_of_death < person.date_of_birth:
        errors["date_of_death"] = "Date of death must be on or after the date of birth"
    if errors:
        raise ValidationError(errors)


def validate_disabilities(disabilities: list[str]) -> None:
    """DfE disability codes, each once, and "No disability" on its own (CIN census rules 8790, 8794)."""
    from continuum.statutory import codes

    messages = []
    for code in disabilities:
        try:
            codes.DISABILITY.validate(code)
        except ValidationError as error:
            messages.extend(error.messages)
    if "NONE" in disabilities and len(disabilities) > 1:
        messages.append('"No disability" cannot be chosen with a disability. Untick one or the other')
    if len(set(disabilities)) != len(disabilities):
        messages.append("A disability is listed twice. Choose each one once")
    if messages:
        raise ValidationError({"disabilities": messages})
