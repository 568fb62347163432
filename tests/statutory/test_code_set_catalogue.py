"""The code set catalogue: every statutory code set defined once, matching the DfE valid lists."""

import pytest

from continuum.statutory import codes


def _current(code_set: codes.CodeSet) -> list[str]:
    return [code.code for code in code_set.current]


def _listed(valid_list: str) -> list[str]:
    """A valid list written as in the validator source, space-separated."""
    return valid_list.split()


def test_every_code_set_constant_is_in_the_registry_under_its_own_id() -> None:
    constants = [value for value in vars(codes).values() if isinstance(value, codes.CodeSet)]

    assert len(constants) == len(codes.CODE_SETS)
    for code_set in constants:
        assert codes.CODE_SETS[code_set.id] is code_set


def test_get_finds_a_code_set_by_id() -> None:
    assert codes.get("ethnicity") is codes.ETHNICITY


def test_get_names_the_known_code_sets_when_the_id_is_wrong() -> None:
    with pytest.raises(KeyError, match="ethnicity"):
        codes.get("ethnicities")


def test_every_code_set_says_where_it_comes_from() -> None:
    for code_set in codes.CODE_SETS.values():
        assert code_set.name
        assert "DfE" in code_set.source, code_set.id


def test_code_set_names_start_with_an_ordinary_word_so_messages_read_well() -> None:
    # Validation messages say "an ethnicity code" by lower-casing the first letter of the name
    # and choosing the article from it; an acronym first ("UPN ...") would read wrongly.
    for code_set in codes.CODE_SETS.values():
        assert code_set.name[0].isupper() and code_set.name[1].islower(), code_set.name


def test_there_are_the_20_dfe_ethnicity_codes() -> None:
    assert len(codes.ETHNICITY.codes) == 20
    assert {"WBRI", "MWBC", "AIND", "BAFR", "CHNE", "OOTH", "REFU", "NOBT"} <= set(_current(codes.ETHNICITY))


def test_primary_need_runs_from_n0_to_n9() -> None:
    assert sorted(_current(codes.PRIMARY_NEED)) == [f"N{number}" for number in range(10)]


def test_the_903_category_of_need_is_the_census_primary_need_without_n0_and_n9() -> None:
    assert _current(codes.CATEGORY_OF_NEED) == [f"N{number}" for number in range(1, 9)]
    for code in codes.CATEGORY_OF_NEED.codes:
        assert code == codes.PRIMARY_NEED.codes[int(code.code[1]) - 1]


def test_closure_reasons_run_from_rc1_to_rc9() -> None:
    assert _current(codes.CLOSURE_REASON) == [f"RC{number}" for number in range(1, 10)]


def test_placement_types_are_the_valid_2025_26_list() -> None:
    valid_2025_26 = _listed(
        "A3 A4 A5 A6 K1 K2 K3 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z11 Z12 Z13 Z14"
    )

    assert _current(codes.PLACEMENT_TYPE) == valid_2025_26
    assert [code.code for code in codes.PLACEMENT_TYPE.codes if code.retired] == ["H5", "P2", "Z1"]


def test_unverified_placement_meanings_say_so_in_the_label() -> None:
    for placement in ("K3", "Z11", "Z12", "Z13", "Z14"):
        assert "unverified" in codes.PLACEMENT_TYPE.label(placement)


def test_reasons_episode_ceased_are_the_validator_valid_list() -> None:
    valid = _listed("E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17 X1")

    assert _current(codes.REASON_EPISODE_CEASED) == valid


def test_care_leaver_accommodation_is_the_validator_valid_list() -> None:
    valid = _listed(
        "B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0"
    )

    assert _current(codes.CARE_LEAVER_ACCOMMODATION) == valid


def test_care_leaver_activity_is_the_validator_valid_list() -> None:
    valid = _listed("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0")

    assert _current(codes.CARE_LEAVER_ACTIVITY) == valid


@pytest.mark.parametrize(
    ("code_set", "expected"),
    [
        (codes.SEX, "M F U"),
        (codes.CATEGORY_OF_ABUSE, "NEG PHY SAB EMO MUL"),
        (codes.LEGAL_STATUS, "C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4"),
        (codes.REASON_NEW_EPISODE, "S L P T U B"),
        (codes.PLACEMENT_PROVIDER, "PR0 PR1 PR2 PR3 PR4 PR5"),
        (codes.REVIEW_PARTICIPATION, "PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7"),
        (codes.MISSING_TYPE, "M A"),
        (codes.UPN_UNKNOWN, "UN1 UN2 UN3 UN4 UN5 UN6 UN7"),
        (codes.UPN_UNKNOWN_LOOKED_AFTER, "UN1 UN2 UN3 UN4 UN5"),
        (codes.PREVIOUS_PERMANENCE, "P1 P2 P3 P4 Z1"),
        (codes.REASON_NO_LONGER_PLACED_FOR_ADOPTION, "RD1 RD2 RD3 RD4"),
        (codes.SEX_OF_ADOPTERS, "M1 F1 MM FF MF"),
        (codes.LEGAL_STATUS_OF_ADOPTERS, "L0 L11 L12 L2 L3 L4"),
        (codes.REASON_NO_SDQ_SCORE, "SDQ1 SDQ2 SDQ3 SDQ4 SDQ5"),
        (codes.CARE_LEAVER_IN_TOUCH, "YES NO DIED REFU NREQ RHOM"),
    ],
)
def test_small_code_sets_hold_exactly_the_dfe_codes(code_set: codes.CodeSet, expected: str) -> None:
    assert _current(code_set) == _listed(expected)


def test_referral_sources_include_every_census_code() -> None:
    expected = _listed("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10")

    assert _current(codes.REFERRAL_SOURCE) == expected


def test_social_worker_change_reasons_are_the_ten_903_codes() -> None:
    expected = {
        "MANAGE",
        "FCONTA",
        "LEFTRL",
        "ORGRST",
        "TSPROC",
        "ABSENC",
        "CHCHAN",
        "PCCHAN",
        "SWDIED",
        "OTHERS",
    }

    assert set(_current(codes.SOCIAL_WORKER_CHANGE_REASON)) == expected


def test_disability_codes_are_the_census_list() -> None:
    expected = _listed("NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA")

    assert _current(codes.DISABILITY) == expected


def test_a_code_set_refuses_a_code_listed_twice() -> None:
    with pytest.raises(ValueError, match="more than once"):
        codes.CodeSet("broken", "Broken", "DfE test", (codes.Code("A", "One"), codes.Code("A", "Two")))


def test_a_code_set_refuses_a_replacement_that_is_not_current() -> None:
    with pytest.raises(ValueError, match="not current"):
        codes.CodeSet(
            "broken",
            "Broken",
            "DfE test",
            (codes.Code("A", "Old", retired=True, replaced_by=("B",)), codes.Code("C", "New")),
        )
