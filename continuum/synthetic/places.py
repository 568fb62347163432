"""Northbridge: a fictional city laid over the shape of Bradford's BD1 to BD22 postcode districts.

The localities and streets are made up. Each street's postcodes are real ones from its outward
district (postcodes.py), so the looked-after return's postcode checks work as on live data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from continuum.people.validators import normalise_postcode

from .postcodes import RealPostcodes

TOWN = "Northbridge"


@dataclass(frozen=True)
class District:
    outward: str
    locality: str
    inner: bool  # inner-city districts are denser and home to more of the South Asian community


DISTRICTS: tuple[District, ...] = (
    District("BD1", "City Centre", True),
    District("BD2", "Eastbrook", False),
    District("BD3", "Barrowgate", True),
    District("BD4", "Lowfield", True),
    District("BD5", "Moorside", True),
    District("BD6", "Highcliffe", False),
    District("BD7", "Greenholme", True),
    District("BD8", "Manorfield", True),
    District("BD9", "Heatonby", True),
    District("BD10", "Calder Heights", False),
    District("BD11", "Drighton", False),
    District("BD12", "Wyke End", False),
    District("BD13", "Thornbeck", False),
    District("BD14", "Claydon", False),
    District("BD15", "Allercroft", False),
    District("BD16", "Bingley Vale", False),
    District("BD17", "Baildon Moor", False),
    District("BD18", "Shipton", False),
    District("BD19", "Cleckford", False),
    District("BD20", "Silsworth", False),
    District("BD21", "Keldale", False),
    District("BD22", "Oxenby", False),
)
INNER = tuple(district for district in DISTRICTS if district.inner)
OUTER = tuple(district for district in DISTRICTS if not district.inner)

STREET_KINDS = (
    "Road", "Street", "Lane", "Terrace", "Grove", "Avenue", "Close", "Fold", "Gate", "Croft", "Mount",
    "View", "Drive", "Place", "Crescent", "Walk", "Way", "Row",
)  # fmt: skip
FLAT_BLOCKS = ("House", "Court", "Mill", "Heights", "Point")
# Letters allowed in the inward part of a postcode (Royal Mail leaves out C, I, K, M, O, V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass
class Street:
    name: str
    district: District
    postcodes: tuple[str, ...]
    houses: int
    next_house: int = field(default=0)


@dataclass(frozen=True)
class PlannedAddress:
    line_1: str
    line_2: str
    town: str
    postcode: str
    district: District


class StreetMap:
    """Every street in Northbridge, with postcodes; hands out house numbers in turn."""

    def __init__(self, rng: random.Random, surnames: list[str], streets_per_district: int) -> None:
        self.rng = rng
        self._used_postcodes: set[str] = set()
        self._real = RealPostcodes()
        self._used_street_names: set[str] = set()
        self.streets: dict[str, list[Street]] = {
            district.outward: [self._street(district, surnames) for _ in range(streets_per_district)]
            for district in DISTRICTS
        }

    def _street(self, district: District, surnames: list[str]) -> Street:
        name = f"{self.rng.choice(surnames)} {self.rng.choice(STREET_KINDS)}"
        while name in self._used_street_names:
            name = f"{self.rng.choice(surnames)} {self.rng.choice(STREET_KINDS)}"
        self._used_street_names.add(name)
        sector = self.rng.randint(1, 9)
        postcodes = tuple(self._postcode(district, sector) for _ in range(self.rng.randint(1, 3)))
        houses = self.rng.randint(12, 160)
        return Street(name, district, postcodes, houses, next_house=self.rng.randrange(houses))

    def _postcode(self, district: District, sector: int) -> str:
        while True:
            letters = "".join(self.rng.choice(INWARD_LETTERS) for _ in range(2))
            postcode = normalise_postcode(f"{district.outward}{sector}{letters}")
            if postcode not in self._used_postcodes:
                # The invented code is still drawn, so the random draws that follow are unchanged.
                self._used_postcodes.add(postcode)
                return self._real.next_in(district.outward)

    def address_in(self, district: District) -> PlannedAddress:
        street = self.rng.choice(self.streets[district.outward])
        # Numbers are handed out in turn and wrap round, so an address can be an earlier
        # family's old home, as happens in any city.
        number = street.next_house % street.houses + 1
        street.next_house += self.rng.randint(1, 7)
        postcode = street.postcodes[(number - 1) * len(street.postcodes) // street.houses]
        line_1 = f"{number} {street.name}"
        if self.rng.random() < 0.12:
            block = f"{street.name.split()[0]} {self.rng.choice(FLAT_BLOCKS)}"
            line_1 = f"Flat {self.rng.randint(1, 24)}, {block}, {street.name}"
        return PlannedAddress(line_1, district.locality, TOWN, postcode, district)


def choose_district(rng: random.Random, inner_city_rate: float) -> District:
    return rng.choice(INNER if rng.random() < inner_city_rate else OUTER)


def nearby_district(rng: random.Random, district: District, inner_city_rate: float) -> District:
    """Most moves are local: the same district, or one of the same kind."""
    if rng.random() < 0.6:
        return district
    return choose_district(rng, inner_city_rate)
