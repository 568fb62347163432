"""Tom adds a child and changes their details; a stale edit is stopped, not saved over a colleague's."""

import pytest

from continuum.people.models import Person

from .factories import PersonFactory

pytestmark = pytest.mark.django_db

DETAILS = {
    "kind": "child",
    "given_name": "Jo",
    "family_name": "Smith",
    "date_of_birth_day": "3",
    "date_of_birth_month": "7",
    "date_of_birth_year": "2015",
    "sex": "F",
    "ethnicity": "WBRI",
    "nhs_number": "943 476 5919",
}


def test_tom_adds_a_child(signed_in) -> None:
    response = signed_in("tom").post("/people/new/", DETAILS)

    child = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/people/{child.pk}/"
    assert child.nhs_number == "9434765919"


def test_a_mistake_is_shown_against_the_field(signed_in) -> None:
    response = signed_in("tom").post("/people/new/", DETAILS | {"date_of_birth_month": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_date_of_birth_0">Date of birth must include a month</a>' in html
    assert not Person.objects.exists()


def test_tom_changes_a_childs_surname(signed_in) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Smith")
    form = DETAILS | {"family_name": "Smyth", "nhs_number": "", "version": str(child.version)}

    response = signed_in("tom").post(f"/people/{child.pk}/edit/", form)

    child.refresh_from_db()
    assert response.status_code == 302
    assert child.family_name == "Smyth" and child.version == 2


def test_an_edit_begun_before_someone_elses_save_is_stopped(signed_in) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Smith")
    opened_at = child.version
    Person.objects.filter(pk=child.pk).update(family_name="Smithson", version=opened_at + 1)
    form = DETAILS | {"family_name": "Smyth", "nhs_number": "", "version": str(opened_at)}

    response = signed_in("tom").post(f"/people/{child.pk}/edit/", form)

    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this record after you opened it" in html
    assert "Smithson" in html and 'value="Smyth"' in html
    assert Person.objects.get(pk=child.pk).family_name == "Smithson"


def test_nadia_cannot_edit_a_child_not_allocated_to_her(signed_in) -> None:
    child = PersonFactory.create()

    assert signed_in("nadia").get(f"/people/{child.pk}/edit/").status_code == 403


def test_tom_adds_a_new_address(signed_in) -> None:
    child = PersonFactory.create()
    form = {
        "line_1": "4 New Road",
        "town": "Northbridge",
        "postcode": "ls14ap",
        "moved_in_day": "1",
        "moved_in_month": "3",
        "moved_in_year": "2025",
    }

    response = signed_in("tom").post(f"/people/{child.pk}/addresses/new/", form)

    assert response.status_code == 302
    assert child.residences.get().address.postcode == "LS1 4AP"
