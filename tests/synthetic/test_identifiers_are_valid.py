"""Every generated NHS number, UPN, postcode and code passes the same validation as real data."""

from __future__ import annotations

import pytest

from continuum.people.models import Address, Person, PersonKind
from continuum.people.validators import validate_nhs_number, validate_postcode, validate_upn
from continuum.statutory import codes
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


def test_all_sex_and_ethnicity_codes_are_from_the_statutory_catalogue(small_partnership: Summary) -> None:
    # Bulk inserts skip model validation, so the generator's codes are checked here instead.
    # Blank means not recorded, which the model allows; every recorded code must be a real one.
    for sex in Person.objects.exclude(sex="").values_list("sex", flat=True).distinct():
        codes.SEX.validate(sex)
    ethnicities = set(Person.objects.exclude(ethnicity="").values_list("ethnicity", flat=True).distinct())
    assert len(ethnicities) > 5
    for ethnicity in ethnicities:
        codes.ETHNICITY.validate(ethnicity)
