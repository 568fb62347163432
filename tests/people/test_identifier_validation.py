"""NHS numbers, UPNs and postcodes are checked as they are typed, with messages that say how to fix them."""

import pytest
from django.core.exceptions import ValidationError

from continuum.people import validators
from continuum.people.forms import AddressForm, SearchForm


def _messages(validate, value: str) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        validate(value)
    return raised.value.messages


def test_a_real_nhs_number_passes_with_or_without_spaces() -> None:
    validators.validate_nhs_number("9434765919")
    validators.validate_nhs_number("943 476 5919")


def test_an_nhs_number_with_a_wrong_check_digit_is_refused() -> None:
    assert "check digit does not match" in _messages(validators.validate_nhs_number, "9434765918")[0]


def test_an_nhs_number_of_the_wrong_length_is_refused() -> None:
    assert _messages(validators.validate_nhs_number, "943476591")[0].startswith(
        "NHS number must be 10 digits"
    )
    assert _messages(validators.validate_nhs_number, "94347659190")[0].startswith(
        "NHS number must be 10 digits"
    )


def test_a_upn_with_the_right_check_letter_passes() -> None:
    validators.validate_upn("J201234512001")


def test_a_upn_with_the_wrong_check_letter_is_refused() -> None:
    assert "check letter does not match" in _messages(validators.validate_upn, "A201234512001")[0]


def test_a_upn_of_the_wrong_shape_is_refused() -> None:
    assert "must be 13 characters" in _messages(validators.validate_upn, "J2012345")[0]


@pytest.mark.parametrize("postcode", ["LS1 4AP", "BD3 9QQ", "SW1A 1AA", "M1 1AE", "bd39qq"])
def test_real_postcodes_pass(postcode: str) -> None:
    validators.validate_postcode(postcode)


@pytest.mark.parametrize("postcode", ["LS1", "12345", "BD3 9Q", "QQ1 1AA", "BD3 9CQ"])
def test_postcodes_that_cannot_exist_are_refused(postcode: str) -> None:
    assert _messages(validators.validate_postcode, postcode) == ["Enter a real postcode, like LS1 4AP"]


def test_the_address_form_upper_cases_and_spaces_a_lowercase_postcode() -> None:
    form = AddressForm(data={"line_1": "1 Example Street", "town": "Northbridge", "postcode": " bd39qq "})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "BD3 9QQ"


def test_the_search_form_strips_spaces_from_an_nhs_number() -> None:
    form = SearchForm(data={"nhs_number": "943 476 5919"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nhs_number"] == "9434765919"


def test_the_search_form_refuses_an_nhs_number_with_a_wrong_check_digit() -> None:
    form = SearchForm(data={"nhs_number": "943 476 5918"})

    assert not form.is_valid()
    assert "check digit does not match" in form.errors["nhs_number"][0]
