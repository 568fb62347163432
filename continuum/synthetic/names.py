"""Heritage groups of Northbridge's families, and names drawn to match each.

The shares are of households with children, set so that children come out at roughly the mix
of a city like Bradford: a little under half White British, about a third Pakistani heritage,
and smaller Indian, Bangladeshi, Polish, Slovak Roma, mixed, African and other groups.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

from . import name_lists
from .name_lists import NameList


@dataclass(frozen=True)
class Heritage:
    key: str
    ethnicity: str  # DfE code for the children (and the adults, unless mixed)
    share: float
    names: str  # which name list the family's names come from
    single_parent_rate: float
    children_weights: tuple[float, ...]  # chance of 1, 2, 3... children
    mother_age_at_first_birth: float
    inner_city_rate: float  # chance of living in the inner districts
    married_rate: float = 0.5
    # Mixed-heritage families: the father's and the mother's heritage.
    parents: tuple[str, str] | None = None


SMALLER = (0.40, 0.35, 0.17, 0.08)
LARGER = (0.18, 0.25, 0.25, 0.17, 0.10, 0.05)

HERITAGES: tuple[Heritage, ...] = (
    Heritage("white_british", "WBRI", 46.0, "british", 0.32, SMALLER, 27.0, 0.25, 0.45),
    Heritage("pakistani", "APKN", 30.0, "pakistani", 0.10, LARGER, 25.0, 0.75, 0.95),
    Heritage("indian", "AIND", 3.0, "indian", 0.08, SMALLER, 28.0, 0.45, 0.9),
    Heritage("bangladeshi", "ABAN", 2.0, "bangladeshi", 0.10, LARGER, 25.0, 0.7, 0.95),
    Heritage("polish", "WOTH", 4.0, "polish", 0.15, SMALLER, 28.0, 0.55, 0.6),
    Heritage("roma", "WROM", 2.0, "roma", 0.15, LARGER, 21.0, 0.85, 0.5),
    Heritage("irish", "WIRI", 0.5, "irish", 0.25, SMALLER, 28.0, 0.3, 0.6),
    Heritage(
        "white_asian", "MWAS", 3.0, "mixed", 0.30, SMALLER, 26.0, 0.5, 0.5, ("pakistani", "white_british")
    ),
    Heritage(
        "white_caribbean", "MWBC", 2.0, "mixed", 0.45, SMALLER, 24.0, 0.5, 0.3, ("caribbean", "white_british")
    ),
    Heritage("caribbean", "BCRB", 1.0, "caribbean", 0.45, SMALLER, 26.0, 0.6, 0.4),
    Heritage("african", "BAFR", 2.5, "african", 0.25, LARGER, 28.0, 0.6, 0.75),
    Heritage("other_asian", "AOTH", 1.5, "other_asian", 0.12, LARGER, 26.0, 0.7, 0.9),
    Heritage("other_ethnic", "OOTH", 1.5, "other_ethnic", 0.15, LARGER, 26.0, 0.7, 0.85),
    Heritage("chinese", "CHNE", 0.5, "chinese", 0.10, SMALLER, 30.0, 0.5, 0.85),
)
HERITAGE_BY_KEY = {heritage.key: heritage for heritage in HERITAGES}

LISTS: dict[str, NameList] = {
    "pakistani": name_lists.PAKISTANI,
    "indian": name_lists.INDIAN,
    "bangladeshi": name_lists.BANGLADESHI,
    "polish": name_lists.POLISH,
    "roma": name_lists.ROMA,
    "african": name_lists.AFRICAN,
    "other_asian": name_lists.OTHER_ASIAN,
    "other_ethnic": name_lists.OTHER_ETHNIC,
    "chinese": name_lists.CHINESE,
}
# Adults of these groups have names Faker knows (British, Irish, Caribbean families in the UK).
FAKER_NAMED = {"british", "irish", "caribbean"}


class NamePools:
    """Draws names; Faker is asked once for weighted pools, then `rng` picks from them (fast)."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        self.rng = rng
        self.adult_men = [faker.first_name_male() for _ in range(800)]
        self.adult_women = [faker.first_name_female() for _ in range(800)]
        self.british_family = [faker.last_name() for _ in range(3000)]
        self.streets = [faker.last_name() for _ in range(1500)]

    def given(self, names: str, sex: str, adult: bool) -> str:
        if names in FAKER_NAMED:
            if adult:
                return self.rng.choice(self.adult_men if sex == "M" else self.adult_women)
            return self._pick(name_lists.BRITISH_CHILDREN, sex)
        return self._pick(LISTS[names], sex)

    def _pick(self, name_list: NameList, sex: str) -> str:
        return self.rng.choice(name_list.boys if sex == "M" else name_list.girls)

    def family(self, names: str) -> str:
        if names == "irish" and self.rng.random() < 0.6:
            return self.rng.choice(name_lists.IRISH_FAMILY)
        if names == "caribbean" and self.rng.random() < 0.6:
            return self.rng.choice(name_lists.CARIBBEAN_FAMILY)
        if names in FAKER_NAMED:
            return self.rng.choice(self.british_family)
        return self.rng.choice(LISTS[names].family)

    def own_surname_for_woman(self, names: str) -> str | None:
        """A surname a woman of this community may be recorded under rather than her husband's."""
        women = LISTS[names].women_family if names in LISTS else ()
        return self.rng.choice(women) if women else None

    @staticmethod
    def for_sex(names: str, surname: str, sex: str) -> str:
        """The form of `surname` for this sex: Kowalski for a man, Kowalska for a woman."""
        if sex != "F" or names not in LISTS:
            return surname
        for male, female in LISTS[names].feminine_endings:
            if surname.endswith(male):
                return surname[: len(surname) - len(male)] + female
        return surname


def choose_heritage(rng: random.Random) -> Heritage:
    return rng.choices(HERITAGES, weights=[heritage.share for heritage in HERITAGES])[0]
