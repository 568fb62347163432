"""Validating a code gives a GOV.UK-style message: what is wrong and how to fix it."""

import pytest
from django.core.exceptions import ValidationError

from continuum.statutory import codes


def _error(code_set: codes.CodeSet, value: str, **options: bool) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        code_set.validate(value, **options)
    return raised.value


def test_a_valid_code_passes() -> None:
    codes.ETHNICITY.validate("WBRI")
    codes.PLACEMENT_TYPE.validate("K3")


def test_an_unknown_ethnicity_code_says_which_codes_to_use() -> None:
    error = _error(codes.ETHNICITY, "WBRX")

    assert error.messages == [
        '"WBRX" is not an ethnicity code. Use one of the DfE codes, for example WBRI (White British)'
    ]
    assert error.code == "unknown_code"


def test_the_message_names_the_code_set_with_the_right_article() -> None:
    assert _error(codes.PRIMARY_NEED, "N10").messages == [
        '"N10" is not a primary need code. Use one of the DfE codes, for example N1 (Abuse or neglect)'
    ]


def test_codes_are_case_sensitive_as_in_the_returns() -> None:
    assert _error(codes.ETHNICITY, "wbri").code == "unknown_code"


def test_a_retired_code_is_rejected_and_the_message_names_its_replacements() -> None:
    error = _error(codes.ASSESSMENT_FACTOR, "18A")

    assert error.messages == [
        '"18A" (Physical abuse) is no longer used as an assessment factor code. '
        "Use 18B (Physical abuse: child on child) or 18C (Physical abuse: adult on child)"
    ]
    assert error.code == "retired_code"


def test_a_retired_code_without_a_replacement_suggests_a_current_code() -> None:
    error = _error(codes.PLACEMENT_TYPE, "P2")

    assert error.code == "retired_code"
    assert "Use a current code, for example A3" in error.messages[0]


def test_a_retired_code_is_accepted_when_reading_old_data() -> None:
    codes.ASSESSMENT_FACTOR.validate("18A", allow_retired=True)
    codes.PLACEMENT_TYPE.validate("H5", allow_retired=True)


def test_allowing_retired_codes_still_rejects_unknown_ones() -> None:
    assert _error(codes.PLACEMENT_TYPE, "H6", allow_retired=True).code == "unknown_code"


def test_the_looked_after_upn_codes_refuse_the_census_only_un7() -> None:
    codes.UPN_UNKNOWN.validate("UN7")

    assert _error(codes.UPN_UNKNOWN_LOOKED_AFTER, "UN7").code == "unknown_code"
