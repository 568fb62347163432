"""Search finds a child already known despite typos, name order, other names and swapped dates."""

from datetime import date

import pytest

from continuum.access import policy
from continuum.access.models import User
from continuum.people.matching import Match, find_or_propose, search_people
from continuum.people.models import NameKind, OtherName, Person, RestrictionLevel

from .factories import OtherNameFactory, PersonFactory, ResidenceFactory

pytestmark = pytest.mark.django_db


def _names(matches: list[Match]) -> list[str]:
    return [match.person.full_name for match in matches]


def test_a_misspelt_surname_finds_the_child() -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith")

    matches = search_people(Person.objects.all(), name="Jo Smtih")

    assert _names(matches) == ["Jo Smith"]
    assert "Surname sounds like the one searched for (Smith / Smtih)" in matches[0].reasons


def test_a_name_searched_surname_first_finds_the_child() -> None:
    PersonFactory.create(given_name="Kacper", family_name="Nowak")

    matches = search_people(Person.objects.all(), name="Nowak Kacper")

    assert _names(matches) == ["Kacper Nowak"]
    assert "First name and surname were searched the other way round" in matches[0].reasons


def test_a_previous_name_finds_the_child_and_says_so() -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Okoro")
    OtherNameFactory.create(person=child, kind=NameKind.PREVIOUS, given_name="Jo", family_name="Smyth")

    matches = search_people(Person.objects.all(), name="Jo Smyth")

    assert _names(matches) == ["Jo Okoro"]
    assert matches[0].reasons[0] == "Was known as Jo Smyth"


def test_an_alias_finds_the_child() -> None:
    child = PersonFactory.create(given_name="Tyler", family_name="Grant")
    OtherNameFactory.create(person=child, kind=NameKind.ALIAS, given_name="Ty", family_name="Marsh")

    assert _names(search_people(Person.objects.all(), name="Ty Marsh")) == ["Tyler Grant"]


def test_a_date_of_birth_with_day_and_month_swapped_finds_the_child() -> None:
    PersonFactory.create(given_name="Amira", family_name="Hassan", date_of_birth=date(2016, 3, 7))

    matches = search_people(Person.objects.all(), date_of_birth=date(2016, 7, 3))

    assert _names(matches) == ["Amira Hassan"]
    assert matches[0].reasons == ("Date of birth matches if the day and month are swapped",)


def test_the_same_name_and_date_of_birth_outranks_the_same_name_alone() -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2012, 1, 1))
    PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3))

    matches = search_people(Person.objects.all(), name="Jo Smith", date_of_birth=date(2015, 7, 3))

    assert [match.person.date_of_birth for match in matches] == [date(2015, 7, 3), date(2012, 1, 1)]
    assert matches[0].reasons == ("Name matches", "Date of birth matches")


def test_the_same_nhs_number_outranks_the_same_name() -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=None)
    PersonFactory.create(
        given_name="Joanne", family_name="Brown", nhs_number="9434765919", date_of_birth=None
    )

    matches = search_people(Person.objects.all(), name="Jo Smith", nhs_number="943 476 5919")

    assert _names(matches) == ["Joanne Brown", "Jo Smith"]
    assert matches[0].reasons[0] == "Same NHS number"


def test_a_previous_postcode_says_when_they_left() -> None:
    child = PersonFactory.create(given_name="Leo", family_name="Price")
    ResidenceFactory.create(
        person=child, address__postcode="BD3 9QQ", moved_in=date(2019, 5, 1), moved_out=date(2024, 2, 1)
    )

    matches = search_people(Person.objects.all(), postcode="bd3 9qq")

    assert matches[0].reasons == ("Lived at a matching postcode (BD3 9QQ) until 2024",)


def test_people_who_do_not_match_are_not_returned() -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith")
    PersonFactory.create(given_name="Ravi", family_name="Jones", date_of_birth=date(2010, 1, 1))

    assert _names(search_people(Person.objects.all(), name="Jo Smith")) == ["Jo Smith"]


def test_an_empty_search_finds_nobody() -> None:
    PersonFactory.create()

    assert search_people(Person.objects.all()) == []


def test_a_restricted_record_is_not_found_by_someone_not_named_on_it(personas: dict[str, User]) -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith", restriction=RestrictionLevel.RESTRICTED)

    found = search_people(policy.searchable_people(personas["tom"]), name="Jo Smith")

    assert found == []


def test_a_user_who_may_not_search_finds_nobody(personas: dict[str, User]) -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith")

    assert search_people(policy.searchable_people(personas["priya"]), name="Jo Smith") == []


def test_search_runs_a_fixed_number_of_queries(django_assert_max_num_queries) -> None:
    for number in range(30):
        child = PersonFactory.create(
            given_name="Jo", family_name="Smith", date_of_birth=date(2015, 1, 1 + number % 28)
        )
        OtherNameFactory.create(person=child)
        ResidenceFactory.create(person=child)

    with django_assert_max_num_queries(16):
        matches = search_people(
            Person.objects.all(), name="Jo Smith", date_of_birth=date(2015, 1, 3), postcode="BD3 9QQ"
        )

    assert len(matches) == 30


def test_find_or_propose_calls_the_same_name_and_date_of_birth_likely() -> None:
    known = PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3))

    proposal = find_or_propose(
        Person.objects.all(), given_name="Jo", family_name="Smyth", date_of_birth=date(2015, 7, 3)
    )

    assert [match.person for match in proposal.likely] == [known]
    assert not proposal.is_new_person_likely


def test_find_or_propose_says_a_new_person_is_likely_when_nothing_is_close() -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3))

    proposal = find_or_propose(
        Person.objects.all(), given_name="Kai", family_name="Wong", date_of_birth=date(2019, 2, 1)
    )

    assert proposal.likely == [] and proposal.possible == []
    assert proposal.is_new_person_likely


def test_a_different_nhs_number_keeps_a_match_to_possible() -> None:
    PersonFactory.create(
        given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3), nhs_number="4010232137"
    )

    proposal = find_or_propose(
        Person.objects.all(),
        given_name="Jo",
        family_name="Smith",
        date_of_birth=date(2015, 7, 3),
        nhs_number="9434765919",
    )

    assert proposal.likely == []
    assert "A different NHS number is recorded" in proposal.possible[0].reasons


def test_an_unborn_child_is_found_by_surname_and_expected_date() -> None:
    unborn = PersonFactory.create(
        kind="unborn",
        given_name="",
        family_name="Adeyemi",
        date_of_birth=None,
        expected_date_of_delivery=date(2026, 9, 14),
    )

    proposal = find_or_propose(
        Person.objects.all(),
        given_name="",
        family_name="Adeyemi",
        expected_date_of_delivery=date(2026, 9, 20),
    )

    assert [match.person for match in proposal.possible + proposal.likely] == [unborn]
    assert "Expected date of delivery is within 2 weeks" in (proposal.possible + proposal.likely)[0].reasons


def test_matching_never_merges_or_changes_records() -> None:
    PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3))
    PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3))
    before = list(Person.objects.values_list("pk", "version", "updated_at"))

    proposal = find_or_propose(
        Person.objects.all(), given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3)
    )

    assert len(proposal.likely) == 2
    assert list(Person.objects.values_list("pk", "version", "updated_at")) == before
    assert OtherName.objects.count() == 0
