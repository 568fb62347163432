"""Finding people already known: typo- and order-tolerant search, and "find or propose".

Two steps, so that search stays fast however many people are recorded:

1. *Candidates* come only through indexes: the phonetic keys of each name token (in either
   order, on the current name and on other names), the exact date of birth, the date of birth
   with day and month swapped, the NHS number, and postcodes lived at. Each route is capped and
   the union is capped again, strongest routes first.
2. *Scoring* happens in Python on that small set (other names and addresses prefetched in one
   query each), with rapidfuzz string similarity, and every point scored carries a reason in
   words a social worker reads.

Nothing here writes: merging records is a separate, recorded decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from rapidfuzz.distance import JaroWinkler

from .models import NameKind, OtherName, Person, PersonKind, Residence
from .phonetics import fold, name_key
from .validators import normalise_postcode

# Candidates per route, and in all: enough for a common surname, small enough to score at once.
ROUTE_CAP = 500
CANDIDATE_CAP = 500
# A search name is split into at most this many tokens (a first, middle and two last names).
MAX_NAME_TOKENS = 4

# Points for each kind of evidence; the total is capped at 100.
NHS_NUMBER_POINTS = 70.0
NAME_POINTS = 40.0
DATE_OF_BIRTH_POINTS = 30.0
SWAPPED_DATE_OF_BIRTH_POINTS = 20.0
YEAR_OUT_DATE_OF_BIRTH_POINTS = 15.0
DIFFERENT_DATE_OF_BIRTH_POINTS = -15.0
EXPECTED_DELIVERY_POINTS = 20.0
CURRENT_POSTCODE_POINTS = 15.0
PREVIOUS_POSTCODE_POINTS = 10.0
# NHS numbers are unique and check-digited: a different one means a different person unless
# someone mistyped it, so such a candidate is never more than a possible match.
DIFFERENT_NHS_NUMBER_CEILING = 45.0
# Search results below this are noise (a shared surname and nothing else), unless the search
# could not score higher (a postcode alone scores at most 15).
SEARCH_FLOOR = 20.0
# find_or_propose: at or above LIKELY the front door should assume it is the same person.
LIKELY_THRESHOLD = 60.0
POSSIBLE_THRESHOLD = 35.0

_OTHER_NAME_REASON = {
    NameKind.PREVIOUS: "Was known as {name}",
    NameKind.ALIAS: "Also known as {name}",
    NameKind.PREFERRED: "Prefers to be called {name}",
    NameKind.RECORDED_BY_PARTNER: "A partner agency recorded the name {name}",
}


@dataclass(frozen=True)
class Match:
    person: Person
    score: float  # 0 to 100: how strongly the evidence says this is the person searched for
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    """What the front door is told before adding someone: who they may already be."""

    likely: list[Match]
    possible: list[Match]
    is_new_person_likely: bool


@dataclass(frozen=True)
class Criteria:
    """What is known about the person being looked for, normalised once."""

    name: SearchName
    date_of_birth: date | None = None
    nhs_number: str = ""
    postcode: str = ""
    expected_date_of_delivery: date | None = None

    @property
    def best_possible_score(self) -> float:
        points = (
            (NAME_POINTS, bool(self.name.tokens)),
            (DATE_OF_BIRTH_POINTS, self.date_of_birth is not None),
            (NHS_NUMBER_POINTS, bool(self.nhs_number)),
            (CURRENT_POSTCODE_POINTS, bool(self.postcode)),
            (EXPECTED_DELIVERY_POINTS, self.expected_date_of_delivery is not None),
        )
        return min(100.0, sum(value for value, searched in points if searched))

    @property
    def is_empty(self) -> bool:
        return not (
            self.name.tokens
            or self.date_of_birth
            or self.nhs_number
            or self.postcode
            or self.expected_date_of_delivery
        )


@dataclass
class _Evidence:
    points: float = 0.0
    ceiling: float = 100.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.points += points
        self.reasons.append(reason)


def search_people(
    queryset: QuerySet[Person],
    *,
    name: str = "",
    date_of_birth: date | None = None,
    nhs_number: str = "",
    postcode: str = "",
    limit: int = 50,
) -> list[Match]:
    """People in `queryset` who may be the one described, best first, with the reasons why.

    `queryset` must already be scoped to what the user may search (`policy.searchable_people`);
    this only ever narrows it.
    """
    criteria = Criteria(
        name=SearchName.from_text(name, max_tokens=MAX_NAME_TOKENS),
        date_of_birth=date_of_birth,
        nhs_number=_digits(nhs_number),
        postcode=normalise_postcode(postcode) if postcode.strip() else "",
    )
    floor = min(SEARCH_FLOOR, criteria.best_possible_score / 2)
    return [match for match in rank(queryset, criteria) if match.score >= floor][:limit]


def find_or_propose(
    queryset: QuerySet[Person],
    *,
    given_name: str,
    family_name: str,
    date_of_birth: date | None = None,
    nhs_number: str = "",
    postcode: str = "",
    expected_date_of_delivery: date | None = None,
) -> Proposal:
    """Who this may already be, before anyone adds a new record. Never merges or writes.

    A "likely" match is strong enough that the front door should use that record (for example
    the same NHS number, or the same name and date of birth); "possible" ones need a human look.
    """
    criteria = Criteria(
        name=SearchName.from_parts(given_name, family_name),
        date_of_birth=date_of_birth,
        nhs_number=_digits(nhs_number),
        postcode=normalise_postcode(postcode) if postcode.strip() else "",
        expected_date_of_delivery=expected_date_of_delivery,
    )
    matches = rank(queryset, criteria)
    likely = [match for match in matches if match.score >= LIKELY_THRESHOLD]
    possible = [match for match in matches if POSSIBLE_THRESHOLD <= match.score < LIKELY_THRESHOLD]
    return Proposal(likely=likely, possible=possible, is_new_person_likely=not likely)


def rank(queryset: QuerySet[Person], criteria: Criteria) -> list[Match]:
    """Every candidate for `criteria`, scored, best first (no floor applied)."""
    if criteria.is_empty:
        return []
    candidate_ids = find_candidate_ids(queryset, criteria)
    people = (
        queryset.filter(pk__in=candidate_ids)
        .order_by()
        .prefetch_related(
            "other_names",
            Prefetch(
                "residences", queryset=Residence.objects.select_related("address").order_by("-moved_in")
            ),
        )
    )
    matches = [score(person, criteria) for person in people]
    return sorted(matches, key=lambda match: (-match.score, match.person.full_name, match.person.pk))


# Names --------------------------------------------------------------------------------------

# Weights of the surname and the first name in a name's strength: surnames are more telling.
FAMILY_WEIGHT = 0.55
GIVEN_WEIGHT = 0.45
# Putting first name and surname the other way round is common in partner records, so it costs
# little; it only decides ties with a name in the expected order.
REVERSED_ORDER_FACTOR = 0.95
# Jaro-Winkler similarity at or below this counts for nothing ("Smart" is not "Smith").
SIMILARITY_FLOOR = 0.7
# A shared phonetic key or a shortened first name ("Jo" for "Joanne") counts at least this much.
SOUNDS_ALIKE_SIMILARITY = 0.9


@dataclass(frozen=True)
class SearchName:
    """A searched name: its tokens, and which is the first name and surname when known.

    Free text ("Jo Smith", "Smith Jo", "Smith, Jo") takes the first token as the first name and
    the last as the surname, and is also compared the other way round; a comma marks
    "surname, first name". A single word is compared with both parts of each recorded name.
    """

    tokens: tuple[str, ...] = ()
    given: str = ""
    family: str = ""

    @classmethod
    def from_text(cls, text: str, max_tokens: int = MAX_NAME_TOKENS) -> SearchName:
        if "," in text:
            family_part, _, given_part = text.partition(",")
            text = f"{given_part} {family_part}"
        tokens = tuple(token for token in text.split() if fold(token))[:max_tokens]
        if len(tokens) < 2:
            return cls(tokens=tokens)
        return cls(tokens=tokens, given=tokens[0], family=tokens[-1])

    @classmethod
    def from_parts(cls, given_name: str, family_name: str) -> SearchName:
        given_tokens = [token for token in given_name.split() if fold(token)]
        family = family_name.strip() if fold(family_name) else ""
        tokens = (*given_tokens, family) if family else tuple(given_tokens)
        return cls(
            tokens=tokens[:MAX_NAME_TOKENS], given=given_tokens[0] if given_tokens else "", family=family
        )


@dataclass(frozen=True)
class NameComparison:
    strength: float  # 0 (nothing alike) to 1 (the same name)
    reasons: tuple[str, ...] = ()


NO_LIKENESS = NameComparison(0.0)


def compare_names(searched: SearchName, given_name: str, family_name: str) -> NameComparison:
    """How alike a searched name is to one recorded name, tolerating typos and order."""
    if searched.given and searched.family:
        natural = _compare_pair(searched.given, searched.family, given_name, family_name)
        swapped = _compare_pair(searched.family, searched.given, given_name, family_name)
        if swapped.strength * REVERSED_ORDER_FACTOR > natural.strength:
            reason = "First name and surname were searched the other way round"
            return NameComparison(swapped.strength * REVERSED_ORDER_FACTOR, (*swapped.reasons, reason))
        return natural
    if searched.family:
        return _compare_family(searched.family, family_name)
    if searched.given:
        return _compare_given(searched.given, given_name)
    if searched.tokens:
        as_family = _compare_family(searched.tokens[0], family_name)
        as_given = _compare_given(searched.tokens[0], given_name)
        return as_family if as_family.strength >= as_given.strength else as_given
    return NO_LIKENESS


def _compare_pair(given: str, family: str, given_name: str, family_name: str) -> NameComparison:
    family_part = _compare_family(family, family_name)
    given_part = _compare_given(given, given_name)
    strength = FAMILY_WEIGHT * family_part.strength + GIVEN_WEIGHT * given_part.strength
    if family_part.strength == 1 and given_part.strength == 1:
        return NameComparison(1.0, ("Name matches",))
    return NameComparison(strength, (*family_part.reasons, *given_part.reasons))


def _compare_family(searched: str, recorded: str) -> NameComparison:
    similarity = name_similarity(searched, recorded)
    strength = _strength(similarity)
    if strength == 1:
        return NameComparison(1.0, ("Surname matches",))
    if strength == 0:
        return NO_LIKENESS
    if name_key(searched) == name_key(recorded):
        return NameComparison(
            strength, (f"Surname sounds like the one searched for ({recorded} / {searched})",)
        )
    return NameComparison(
        strength, (f"Surname is spelt like the one searched for ({recorded} / {searched})",)
    )


def _compare_given(searched: str, recorded: str) -> NameComparison:
    similarity = name_similarity(searched, recorded, allow_shortened=True)
    strength = _strength(similarity)
    if strength == 1:
        return NameComparison(1.0, ("First name matches",))
    if strength == 0:
        return NO_LIKENESS
    return NameComparison(strength, (f"First name is like the one searched for ({recorded} / {searched})",))


def name_similarity(first: str, second: str, *, allow_shortened: bool = False) -> float:
    """0 to 1: Jaro-Winkler on folded names, lifted for names that sound alike or are shortened."""
    a, b = fold(first), fold(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    similarity = float(JaroWinkler.normalized_similarity(a, b))
    shorter, longer = sorted((a, b), key=len)
    sounds_alike = name_key(a) == name_key(b)
    shortened = allow_shortened and len(shorter) >= 2 and longer.startswith(shorter)
    if sounds_alike or shortened:
        similarity = max(similarity, SOUNDS_ALIKE_SIMILARITY)
    # Below 1 however close: only the same name scores as the same name.
    return min(similarity, 0.99)


def _strength(similarity: float) -> float:
    if similarity >= 1:
        return 1.0
    return max(0.0, (similarity - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR))


# Candidates ---------------------------------------------------------------------------------


def find_candidate_ids(queryset: QuerySet[Person], criteria: Criteria) -> list[int]:
    """Ids of people worth scoring, found only through indexed lookups, strongest routes first."""
    found: dict[int, None] = {}  # a dict keeps first-found order, so strong routes win the cap
    for route in _routes(queryset, criteria):
        for person_id in route:
            found.setdefault(person_id, None)
            if len(found) >= CANDIDATE_CAP:
                return list(found)
    return list(found)


def _routes(queryset: QuerySet[Person], criteria: Criteria) -> Iterable[Iterable[int]]:
    # Generators, so that a route is only queried if the cap has not been reached.
    unordered = queryset.order_by()
    if criteria.nhs_number:
        yield _ids(unordered.filter(nhs_number=criteria.nhs_number))
    name_filters = _name_filters(criteria.name)
    if criteria.date_of_birth:
        for name_filter in name_filters:
            yield _ids(unordered.filter(name_filter, date_of_birth=criteria.date_of_birth))
    for name_filter in name_filters:
        yield _ids(unordered.filter(name_filter))
        yield _other_name_ids(unordered, name_filter)
    for born in _dates_of_birth(criteria.date_of_birth):
        yield _ids(unordered.filter(date_of_birth=born))
    if criteria.postcode:
        yield _postcode_ids(unordered, criteria.postcode)
    # Last, anyone with one of the surnames: finds "Bill" for "William" when nothing else did.
    if len(criteria.name.tokens) > 1:
        for key in dict.fromkeys(filter(None, map(name_key, criteria.name.tokens))):
            yield _ids(unordered.filter(family_name_key=key))


def _name_filters(name: SearchName) -> list[Q]:
    """Index lookups on the phonetic keys: each ordered pair of tokens, or a lone token.

    For a pair the surname key must match and the first name's key must start with the same
    letter: a range on the second column of the (family, given) index, which still finds
    "Jo" for "Joanne" (J000 and J500).
    """
    keys = [name_key(token) for token in name.tokens]
    keys = [key for key in keys if key]
    if len(keys) == 1:
        return [Q(family_name_key=keys[0]), Q(given_name_key=keys[0])]
    filters: list[Q] = []
    for family_index, family_key in enumerate(keys):
        for given_index, given_key in enumerate(keys):
            if family_index != given_index:
                first_letter = given_key[0]
                next_letter = chr(ord(first_letter) + 1)
                filters.append(
                    Q(
                        family_name_key=family_key,
                        given_name_key__gte=first_letter,
                        given_name_key__lt=next_letter,
                    )
                )
    return list(dict.fromkeys(filters))


def _dates_of_birth(born: date | None) -> list[date]:
    """The date searched for and, if it could be, the same date with day and month swapped."""
    if born is None:
        return []
    dates = [born]
    if born.day <= 12 and born.day != born.month:
        dates.append(date(born.year, born.day, born.month))
    return dates


def _ids(queryset: QuerySet[Person]) -> list[int]:
    return list(queryset.values_list("pk", flat=True)[:ROUTE_CAP])


def _other_name_ids(people: QuerySet[Person], name_filter: Q) -> list[int]:
    # Two steps keep the lookup on OtherName's own key index; the scope is applied afterwards.
    person_ids = list(OtherName.objects.filter(name_filter).values_list("person_id", flat=True)[:ROUTE_CAP])
    return _ids(people.filter(pk__in=person_ids)) if person_ids else []


def _postcode_ids(people: QuerySet[Person], postcode: str) -> list[int]:
    person_ids = list(
        Residence.objects.filter(address__postcode=postcode)
        .order_by()
        .values_list("person_id", flat=True)[:ROUTE_CAP]
    )
    return _ids(people.filter(pk__in=person_ids)) if person_ids else []


# Scoring ------------------------------------------------------------------------------------


def score(person: Person, criteria: Criteria) -> Match:
    """How strongly `person` matches `criteria`, with a reason for every point."""
    evidence = _Evidence()
    _score_nhs_number(person, criteria, evidence)
    _score_name(person, criteria, evidence)
    _score_date_of_birth(person, criteria, evidence)
    _score_expected_delivery(person, criteria, evidence)
    _score_postcode(person, criteria, evidence)
    total = max(0.0, min(evidence.points, evidence.ceiling, 100.0))
    return Match(person=person, score=round(total, 1), reasons=tuple(evidence.reasons))


def _score_nhs_number(person: Person, criteria: Criteria, evidence: _Evidence) -> None:
    if not criteria.nhs_number or not person.nhs_number:
        return
    if person.nhs_number == criteria.nhs_number:
        evidence.add(NHS_NUMBER_POINTS, "Same NHS number")
    else:
        evidence.ceiling = DIFFERENT_NHS_NUMBER_CEILING
        evidence.reasons.append("A different NHS number is recorded")


def _score_name(person: Person, criteria: Criteria, evidence: _Evidence) -> None:
    if not criteria.name.tokens:
        return
    best = compare_names(criteria.name, person.given_name, person.family_name)
    best_other: OtherName | None = None
    for other in _other_names(person):
        comparison = compare_names(criteria.name, other.given_name, other.family_name)
        if comparison.strength > best.strength:
            best, best_other = comparison, other
    if best.strength <= 0:
        return
    reasons = list(best.reasons)
    if best_other is not None:
        template = _OTHER_NAME_REASON.get(NameKind(best_other.kind), "Also known as {name}")
        reasons = [template.format(name=str(best_other)), *(r for r in reasons if r != "Name matches")]
    evidence.points += NAME_POINTS * best.strength
    evidence.reasons.extend(reasons)


def _score_date_of_birth(person: Person, criteria: Criteria, evidence: _Evidence) -> None:
    searched, recorded = criteria.date_of_birth, person.date_of_birth
    if searched is None or recorded is None:
        return
    if recorded == searched:
        evidence.add(DATE_OF_BIRTH_POINTS, "Date of birth matches")
    elif (recorded.day, recorded.month, recorded.year) == (searched.month, searched.day, searched.year):
        evidence.add(SWAPPED_DATE_OF_BIRTH_POINTS, "Date of birth matches if the day and month are swapped")
    elif (recorded.day, recorded.month) == (searched.day, searched.month) and abs(
        recorded.year - searched.year
    ) == 1:
        evidence.add(YEAR_OUT_DATE_OF_BIRTH_POINTS, f"Date of birth matches but the year is {recorded.year}")
    else:
        evidence.add(DIFFERENT_DATE_OF_BIRTH_POINTS, "A different date of birth is recorded")


def _score_expected_delivery(person: Person, criteria: Criteria, evidence: _Evidence) -> None:
    expected = criteria.expected_date_of_delivery
    if expected is None or person.kind != PersonKind.UNBORN or person.expected_date_of_delivery is None:
        return
    # Due dates move as a pregnancy is re-dated; within two weeks is the same pregnancy.
    days_apart = abs((person.expected_date_of_delivery - expected).days)
    if days_apart <= 14:
        evidence.add(EXPECTED_DELIVERY_POINTS, "Expected date of delivery is within 2 weeks")


def _score_postcode(person: Person, criteria: Criteria, evidence: _Evidence) -> None:
    if not criteria.postcode:
        return
    residences = [r for r in _residences(person) if r.address.postcode == criteria.postcode]
    if not residences:
        return
    current = [r for r in residences if r.is_current]
    if current:
        evidence.add(CURRENT_POSTCODE_POINTS, f"Lives at a matching postcode ({criteria.postcode})")
        return
    last = max(residences, key=lambda r: r.moved_out or date.min)
    until = f" until {last.moved_out.year}" if last.moved_out else ""
    evidence.add(PREVIOUS_POSTCODE_POINTS, f"Lived at a matching postcode ({criteria.postcode}){until}")


def _other_names(person: Person) -> Sequence[OtherName]:
    return list(person.other_names.all())  # prefetched by rank()


def _residences(person: Person) -> Sequence[Residence]:
    return list(person.residences.all())  # prefetched by rank()


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value)
