"""Tom, a front door social worker, looks children up; Priya, a school's safeguarding lead, cannot."""

from datetime import date

import pytest

from continuum.access.audit import Action
from continuum.access.models import AuditEntry

from .factories import PersonFactory, ResidenceFactory

pytestmark = pytest.mark.django_db


def test_tom_finds_a_child_by_a_misspelt_name_and_sees_why_it_matched(signed_in) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3))
    ResidenceFactory.create(person=child, address__postcode="BD3 9QQ")

    response = signed_in("tom").get("/people/", {"searched": "1", "name": "Jo Smtih"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/people/{child.pk}/"' in html
    assert "3 July 2015" in html and "BD3 9QQ" in html
    assert "Surname sounds like the one searched for (Smith / Smtih)" in html
    assert '<th scope="col" class="govuk-table__header">Why it matched</th>' in html


def test_searching_is_audited_with_the_terms_searched_for(signed_in, personas) -> None:
    signed_in("tom").get(
        "/people/",
        {
            "searched": "1",
            "name": "Jo Smith",
            "date_of_birth_day": "3",
            "date_of_birth_month": "7",
            "date_of_birth_year": "2015",
        },
    )

    entry = AuditEntry.objects.get(action=Action.SEARCH)
    assert entry.user == personas["tom"]
    assert entry.details == {"terms": {"name": "Jo Smith", "date_of_birth": "2015-07-03"}, "results": 0}


def test_a_search_that_finds_nobody_suggests_what_to_try(signed_in) -> None:
    response = signed_in("tom").get("/people/", {"searched": "1", "name": "Nobody Known"})

    assert "No people match. Check the spelling or search by date of birth." in response.content.decode()


def test_an_empty_search_asks_for_something_to_search_for(signed_in) -> None:
    response = signed_in("tom").get("/people/", {"searched": "1"})

    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a name, date of birth, NHS number or postcode to search for" in html
    assert not AuditEntry.objects.filter(action=Action.SEARCH).exists()


def test_opening_the_search_page_does_not_show_errors_or_search(signed_in) -> None:
    response = signed_in("tom").get("/people/")

    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()


def test_many_results_are_split_into_pages(signed_in) -> None:
    for _ in range(25):
        PersonFactory.create(family_name="Smith", given_name="Jo")

    first = signed_in("tom").get("/people/", {"searched": "1", "name": "Smith"}).content.decode()
    second = (
        signed_in("tom").get("/people/", {"searched": "1", "name": "Smith", "page": "2"}).content.decode()
    )

    assert "25 people found" in first
    assert 'class="govuk-pagination"' in first
    assert first.count('<tr class="govuk-table__row">') == 21  # header and 20 people
    assert second.count('<tr class="govuk-table__row">') == 6


def test_priya_is_not_offered_search_and_is_refused_it(signed_in) -> None:
    client = signed_in("priya")

    home = client.get("/").content.decode()
    response = client.get("/people/", {"searched": "1", "name": "Jo Smith"})

    assert "Find a person" not in home
    assert response.status_code == 403
    assert "looking people up is for front door and casework roles" in response.content.decode()
