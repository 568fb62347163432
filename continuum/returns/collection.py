"""A DfE collection year: 1 April to 31 March, named by the year it ends (the 2026 collection
runs from 1 April 2025 to 31 March 2026), and which version of each return's rules it uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from continuum.statutory.periods import Period

# The first collection Continuum exports: the DfE validators' rules start with 2022/23.
FIRST_YEAR = 2023
# The CIN census asked for GenderCurrent (1, 2, 0, 9) until 2023/24 and Sex (M, F, U) from 2024/25.
CIN_SEX_FROM = 2025
GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}


@dataclass(frozen=True)
class CollectionYear:
    ends: int  # the year of the 31 March it ends on

    def __post_init__(self) -> None:
        if self.ends < FIRST_YEAR:
            raise ValueError(
                f"Continuum exports collection years from {FIRST_YEAR} (1 April {FIRST_YEAR - 1} to "
                f"31 March {FIRST_YEAR}); {self.ends} is earlier"
            )

    @property
    def start(self) -> date:
        return date(self.ends - 1, 4, 1)

    @property
    def end(self) -> date:
        """The reference date: 31 March."""
        return date(self.ends, 3, 31)

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    @property
    def label(self) -> str:
        return f"{self.ends - 1}/{self.ends % 100:02d}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def cin_uses_sex(self) -> bool:
        return self.ends >= CIN_SEX_FROM


def collection_years(today: date) -> list[CollectionYear]:
    """Every collection year Continuum writes, newest (the one under way on `today`) first."""
    newest = today.year + 1 if today.month >= 4 else today.year
    return [CollectionYear(ends) for ends in range(newest, FIRST_YEAR - 1, -1)]


def local_authority_number() -> str:
    """The council's three-digit DfE number (the CIN census LEA; the 2nd to 4th characters of UPNs)."""
    return str(settings.LOCAL_AUTHORITY_NUMBER)


def local_authority_code() -> str:
    """The council's ONS code (E08000032 for Bradford), which the SSDA903 checks use."""
    return str(settings.LOCAL_AUTHORITY_ONS_CODE)


# How a child migrated from another system is known in the returns: the LAchildID (CIN census)
# or CHILD (SSDA903) the old system gave them, kept as an external identifier so the same child
# keeps the same identifier in every return, and importing a file twice finds them again.
LEGACY_CHILD_ID = "LA child ID (migrated)"


def legacy_child_ids(person_ids: Iterable[int]) -> dict[int, str]:
    """The migrated children's identifiers from their previous system, by person id."""
    from continuum.people.models import ExternalIdentifier

    found: dict[int, str] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 900):  # SQLite's limit on a query's parameters
        rows = ExternalIdentifier.objects.filter(
            system=LEGACY_CHILD_ID, person_id__in=ids[start : start + 900]
        ).values_list("person_id", "identifier")
        found.update(rows)
    return found


def child_identifier(person_id: int, legacy: dict[int, str]) -> str:
    """The child's identifier in a return: their previous system's, or else Continuum's own id."""
    return legacy.get(person_id, str(person_id))
