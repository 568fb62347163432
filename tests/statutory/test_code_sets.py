"""Code sets: labels, choices for forms, and membership."""

from django.db import models

from continuum.statutory import codes
from continuum.statutory.codes import UnknownCode


def test_it_gives_the_label_of_a_code() -> None:
    assert codes.ETHNICITY.label("WBRI") == "White British"
    assert codes.PRIMARY_NEED.label("N1") == "Abuse or neglect"
    assert codes.PLACEMENT_PROVIDER.label("PR4") == "Private provision"


def test_it_still_gives_the_label_of_a_retired_code_so_old_records_read() -> None:
    assert codes.ASSESSMENT_FACTOR.label("18A") == "Physical abuse"
    assert codes.PLACEMENT_TYPE.label("H5").startswith("Semi-independent living")


def test_an_unknown_code_raises_unknown_code_rather_than_key_error() -> None:
    try:
        codes.ETHNICITY.label("WBRX")
    except UnknownCode as error:
        assert not isinstance(error, KeyError)
        assert error.code == "WBRX"
        assert error.code_set is codes.ETHNICITY
    else:
        raise AssertionError("expected UnknownCode")


def test_membership_includes_retired_codes_and_is_exact() -> None:
    assert "WBRI" in codes.ETHNICITY
    assert "18A" in codes.ASSESSMENT_FACTOR
    assert "wbri" not in codes.ETHNICITY
    assert 1 not in codes.ETHNICITY


def test_choices_are_code_and_label_pairs_in_the_source_order() -> None:
    assert codes.SEX.choices() == [("M", "Male"), ("F", "Female"), ("U", "Unknown or unborn")]


def test_choices_leave_out_retired_codes() -> None:
    factors = dict(codes.ASSESSMENT_FACTOR.choices())
    placements = dict(codes.PLACEMENT_TYPE.choices())

    assert "18A" not in factors
    assert "19A" not in factors
    assert {"18B", "18C", "19B", "19C"} <= set(factors)
    assert {"H5", "P2", "Z1"}.isdisjoint(placements)


def test_choices_work_as_django_field_choices() -> None:
    field = models.CharField(max_length=4, choices=codes.ETHNICITY.choices())

    assert dict(field.flatchoices)["BAFR"] == "African"


def test_assessment_factors_1_to_6_are_split_by_whose_factor_it_is() -> None:
    assert codes.ASSESSMENT_FACTOR.label("3A") == "Domestic abuse: the child"
    assert codes.ASSESSMENT_FACTOR.label("3B") == "Domestic abuse: parent or carer"
    assert codes.ASSESSMENT_FACTOR.label("3C") == "Domestic abuse: another person living in the household"


def test_care_leaver_accommodation_records_suitability_in_the_second_character() -> None:
    assert (
        codes.CARE_LEAVER_ACCOMMODATION.label("U1")
        == "Independent living, such as their own tenancy: suitable"
    )
    assert codes.CARE_LEAVER_ACCOMMODATION.label("W2") == "Bed and breakfast: not suitable"
