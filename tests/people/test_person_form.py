"""Adding or editing a person: every rule of the record is checked, with a message for the field."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.people.forms import PersonForm
from continuum.people.models import Person, PersonKind

from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def _form(**changes: Any) -> PersonForm:
    data = {"kind": "child", "given_name": "Jo", "family_name": "Smith", "sex": "F", "ethnicity": "WBRI"}
    data |= {"date_of_birth_day": "3", "date_of_birth_month": "7", "date_of_birth_year": "2015"}
    data |= changes
    form = PersonForm(data=data)
    form.is_valid()
    return form


def test_a_child_with_good_details_is_valid() -> None:
    form = _form(nhs_number="943 476 5919", upn="j201234512001")

    assert form.errors == {}
    assert form.person_details()["nhs_number"] == "9434765919"
    assert form.person_details()["upn"] == "J201234512001"
    assert form.person_details()["date_of_birth"] == date(2015, 7, 3)


def test_an_unknown_ethnicity_code_is_refused_with_the_code_sets_message() -> None:
    assert _form(ethnicity="WBRX").errors["ethnicity"] == [
        '"WBRX" is not an ethnicity code. Use one of the DfE codes, for example WBRI (White British)'
    ]


def test_an_unknown_sex_code_is_refused_with_the_code_sets_message() -> None:
    assert _form(sex="Z").errors["sex"] == [
        '"Z" is not a sex code. Use one of the DfE codes, for example M (Male)'
    ]


def test_a_wrong_nhs_number_is_reported_against_the_nhs_number() -> None:
    assert "check digit does not match" in _form(nhs_number="9434765918").errors["nhs_number"][0]


def test_a_wrong_upn_check_letter_is_reported_against_the_upn() -> None:
    assert "check letter does not match" in _form(upn="A201234512001").errors["upn"][0]


def test_an_nhs_number_already_on_another_record_is_refused() -> None:
    PersonFactory.create(nhs_number="9434765919")

    assert (
        "Another record already has this NHS number" in _form(nhs_number="9434765919").errors["nhs_number"][0]
    )


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = _form(
        date_of_birth_day=str(tomorrow.day),
        date_of_birth_month=str(tomorrow.month),
        date_of_birth_year=str(tomorrow.year),
    )

    assert form.errors["date_of_birth"] == ["Date of birth must be today or in the past"]


def test_an_unborn_child_needs_an_expected_date_of_delivery() -> None:
    form = _form(kind="unborn", date_of_birth_day="", date_of_birth_month="", date_of_birth_year="")

    assert form.errors["expected_date_of_delivery"] == [
        "Enter the expected date of delivery for an unborn child"
    ]


def test_an_unborn_child_has_no_date_of_birth_yet() -> None:
    form = _form(
        kind="unborn",
        expected_date_of_delivery_day="14",
        expected_date_of_delivery_month="9",
        expected_date_of_delivery_year="2026",
    )

    assert form.errors["date_of_birth"] == [
        "An unborn child has no date of birth yet: record the child as born instead"
    ]


def test_an_unborn_child_with_an_expected_date_is_valid() -> None:
    form = _form(
        kind="unborn",
        given_name="",
        date_of_birth_day="",
        date_of_birth_month="",
        date_of_birth_year="",
        expected_date_of_delivery_day="14",
        expected_date_of_delivery_month="9",
        expected_date_of_delivery_year="2026",
        sex="U",
    )

    assert form.errors == {}


@pytest.mark.parametrize(
    ("disabilities", "message"),
    [
        (["NONE", "LD"], '"No disability" cannot be chosen with a disability. Untick one or the other'),
        (["XYZ"], '"XYZ" is not a disability code'),
    ],
)
def test_disabilities_are_dfe_codes_and_no_disability_stands_alone(disabilities, message):
    person = Person(kind=PersonKind.CHILD, given_name="Ada", family_name="Test", disabilities=disabilities)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert any(text.startswith(message) for text in error.value.message_dict["disabilities"])
