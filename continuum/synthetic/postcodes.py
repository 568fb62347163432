"""Real postcodes for Northbridge's made-up addresses.

The generator invents inward codes (places.py), but the looked-after return's checks look each
home and placement postcode up in the ONS directory to work out the distance and the council.
So each invented postcode is given a real one from the same outward district, from
`data/postcodes.txt`. The choice uses no random draw, so every other generated figure is the
same as before.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "postcodes.txt"


@cache
def by_district() -> dict[str, tuple[str, ...]]:
    """Real postcodes by outward district ("BD5": ("BD5 0AA", ...))."""
    found: dict[str, tuple[str, ...]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            postcodes = tuple(line.split(","))
            found[postcodes[0].split()[0]] = postcodes
    return found


# The validator's list of councils has no North Yorkshire (E06000065, formed in 2023), so its
# Harrogate (HG) postcodes would fail the placement checks: those placements go to Leeds instead.
INSTEAD_OF_AREA = {"HG": "LS"}


def in_district(outward: str) -> tuple[str, ...]:
    """The real postcodes of a district, or of its postal area's first district if it has none."""
    districts = by_district()
    if outward in districts:
        return districts[outward]
    area = outward.rstrip("0123456789")
    area = INSTEAD_OF_AREA.get(area, area)
    return next(found for district, found in districts.items() if district.rstrip("0123456789") == area)


def real(invented: str, avoid: str = "") -> str:
    """The real postcode an invented one stands for: always the same one, never `avoid`."""
    choices = in_district(invented.split()[0])
    index = zlib.crc32(invented.encode()) % len(choices)
    if choices[index] == avoid and len(choices) > 1:
        index = (index + 1) % len(choices)
    return choices[index]


# The council's own districts: BD11 and BD19 lie mostly in Leeds and Kirklees.
COUNCIL_DISTRICTS = tuple(f"BD{number}" for number in range(1, 23) if number not in (11, 19))


def in_the_council(invented: str, avoid: str = "") -> str:
    """A real postcode inside the council's own area for an invented one from anywhere."""
    district = COUNCIL_DISTRICTS[zlib.crc32(invented.encode()) % len(COUNCIL_DISTRICTS)]
    return real(f"{district} {invented.split()[-1]}", avoid)


class RealPostcodes:
    """Hands out a district's real postcodes in turn, so different streets rarely share one."""

    def __init__(self) -> None:
        self._handed_out: dict[str, int] = {}

    def next_in(self, outward: str) -> str:
        choices = in_district(outward)
        count = self._handed_out.get(outward, 0)
        self._handed_out[outward] = count + 1
        # A stride coprime with the list's length spreads neighbours across the district.
        stride = next(step for step in (7919, 104729, 1) if len(choices) % step)
        return choices[(count * stride) % len(choices)]
