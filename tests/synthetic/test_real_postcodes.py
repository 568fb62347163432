"""The synthetic partnership's postcodes are real ones, chosen without a random draw."""

from __future__ import annotations

import re

from continuum.people.validators import validate_postcode
from continuum.synthetic import postcodes

POSTCODE = re.compile(r"^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$")


def test_every_district_of_northbridge_and_its_neighbours_has_real_postcodes():
    districts = postcodes.by_district()
    assert {f"BD{number}" for number in range(1, 23)} <= set(districts)
    for district, found in districts.items():
        assert found, district
        for postcode in found[:5]:
            assert POSTCODE.match(postcode) and postcode.split()[0] == district
            validate_postcode(postcode)


def test_the_same_invented_postcode_always_gives_the_same_real_one():
    assert postcodes.real("BD5 3XY") == postcodes.real("BD5 3XY")
    assert postcodes.real("BD5 3XY").startswith("BD5 ")
    assert postcodes.real("BD5 3XY", avoid=postcodes.real("BD5 3XY")) != postcodes.real("BD5 3XY")


def test_harrogate_placements_go_to_leeds_which_the_validator_knows():
    assert postcodes.real("HG2 4AB").startswith("LS")


def test_the_councils_own_placements_stay_in_its_area():
    for invented in ("LS9 1AB", "HX3 2CD", "OL4 5EF", "BD19 3GH"):
        assert postcodes.in_the_council(invented).split()[0] in postcodes.COUNCIL_DISTRICTS


def test_streets_are_given_different_postcodes_in_turn():
    handed_out = postcodes.RealPostcodes()
    given = [handed_out.next_in("BD8") for _ in range(200)]
    assert len(set(given)) == 200
