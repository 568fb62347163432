"""Identifiers that pass the real check-digit rules but can never be a real person's.

NHS numbers come from the 999 range, which the NHS never issues (it is kept for testing). Each
source walks its range in a scrambled but repeatable order and skips numbers already in the
database, so that a second run (`--force`) never collides with the first.
"""

from __future__ import annotations

import random
from collections.abc import Collection

from stdnum.gb import upn as upn_rules

NHS_TEST_PREFIX = "999"
NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
_MILLION = 1_000_000


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit; None when the result is 10, which makes the number unusable."""
    remainder = sum(weight * int(digit) for weight, digit in zip(NHS_WEIGHTS, first_nine, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    return None if check == 10 else check


class NhsNumbers:
    """Valid NHS numbers 999 xxx xxxx, each used once."""

    def __init__(self, rng: random.Random, taken: Collection[str] = ()) -> None:
        # An affine walk over the million six-digit tails: scrambled, repeatable, never repeats.
        self._step = rng.randrange(1, _MILLION // 10) * 10 + rng.choice((1, 3, 7, 9))
        self._offset = rng.randrange(_MILLION)
        self._index = 0
        self._taken = taken

    def next(self) -> str:
        while self._index < _MILLION:
            tail = (self._offset + self._index * self._step) % _MILLION
            self._index += 1
            first_nine = f"{NHS_TEST_PREFIX}{tail:06d}"
            check = nhs_check_digit(first_nine)
            number = f"{first_nine}{check}"
            if check is not None and number not in self._taken:
                return number
        raise RuntimeError("The 999 test range of NHS numbers is used up")


# DfE number of the local authority that issues the UPNs (Bradford's is 380).
LOCAL_AUTHORITY_NUMBER = "380"


class UniquePupilNumbers:
    """UPNs: check letter, LA number, school DfE number, year issued, serial within the school and year."""

    def __init__(self, taken: Collection[str] = ()) -> None:
        self._serials: dict[tuple[str, int], int] = {}
        self._taken = taken

    def next(self, school_number: str, year_issued: int) -> str:
        # Serial 999 is left for the demo walkthrough child, so the two can never clash.
        year = year_issued
        while True:
            serial = self._serials.get((school_number, year), 0) + 1
            if serial > 998:
                year += 1
                continue
            self._serials[(school_number, year)] = serial
            body = f"{LOCAL_AUTHORITY_NUMBER}{school_number}{year % 100:02d}{serial:03d}"
            number = upn_rules.calc_check_digit(body) + body
            if number not in self._taken:
                return number


def upn_for(school_number: str, year_issued: int, serial: int) -> str:
    body = f"{LOCAL_AUTHORITY_NUMBER}{school_number}{year_issued % 100:02d}{serial:03d}"
    return upn_rules.calc_check_digit(body) + body


class RecordNumbers:
    """A partner system's record numbers: increasing, with gaps, from a random start."""

    def __init__(
        self, rng: random.Random, digits: int, prefix: str = "", taken: Collection[str] = ()
    ) -> None:
        # Its own generator, so that skipping numbers in use never shifts the main sequence of choices.
        self._rng = random.Random(rng.getrandbits(64))
        self._next = self._rng.randrange(10 ** (digits - 1), 10 ** (digits - 1) * 3)
        self._prefix = prefix
        self._taken = taken

    def next(self) -> str:
        while True:
            self._next += self._rng.randint(1, 40)
            number = f"{self._prefix}{self._next}"
            if number not in self._taken:
                return number
