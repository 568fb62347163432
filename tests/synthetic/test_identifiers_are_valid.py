"""Every generated NHS number, UPN and postcode passes the same validation as real data."""

from __future__ import annotations

import pytest

from continuum.people.models import Address, Person, PersonKind
from continuum.people.validators import validate_nhs_number, validate_postcode, validate_upn
from continuum.synthetic.generator import Summary

# One small area per module (see conftest), read inside each test's own transaction.
pytestmark = pytest.mark.django_db


def test_all_nhs_numbers_are_valid_and_in_the_999_test_range(small_partnership: Summary) -> None:
    numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    assert len(numbers) > 0.9 * Person.objects.exclude(kind=PersonKind.UNBORN).count()
    for number in numbers:
        validate_nhs_number(number)
        assert number.startswith("999")
    assert len(numbers) == len(set(numbers))


def test_all_upns_are_valid_and_school_age_children_have_them(small_partnership: Summary) -> None:
    upns = list(Person.objects.exclude(upn="").values_list("upn", flat=True))
    assert len(upns) > 200
    for upn in upns:
        validate_upn(upn)
    assert len(upns) == len(set(upns))
    assert not Person.objects.exclude(upn="").exclude(kind=PersonKind.CHILD).exists()


def test_all_postcodes_are_valid(small_partnership: Summary) -> None:
    postcodes = list(Address.objects.values_list("postcode", flat=True))
    assert len(postcodes) > 300
    for postcode in postcodes:
        validate_postcode(postcode)
        assert postcode.startswith("BD")
