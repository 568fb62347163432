"""Each child on a contact is matched against the people index, with reasons, before anyone adds a record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import AuditEntry, User
from continuum.people.models import Person

from .helpers import child, phone_contact
from .staff_pages import contact_url, known_child, only_child

pytestmark = pytest.mark.django_db


def test_tom_sees_who_the_child_may_be_and_why(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    known = known_child("Ava", "Testchild", date(2016, 5, 4))
    contact = phone_contact(personas["tom"], children=[child("Ava", "Testchild", date(2016, 5, 4))])

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert "Is Ava Testchild already known?" in page
    assert f'href="/people/{known.pk}/"' in page
    assert "Name matches" in page and "Date of birth matches" in page
    assert "Likely" in page and "Score 70 out of 100" in page
    assert "This is the child" in page and "Add as a new person" in page
    assert AuditEntry.objects.filter(user=personas["tom"], action=Action.SEARCH).exists()


def test_a_misspelt_name_is_a_possible_match_with_its_reason(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    known_child("Jayden", "Smith", date(2014, 2, 11))
    contact = phone_contact(personas["tom"], children=[child("Jaden", "Smyth", date(2014, 2, 11))])

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert "Jayden Smith" in page and "sounds like" in page


def test_this_is_the_child_links_the_contact_to_the_record(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    known = known_child()
    contact = phone_contact(personas["tom"])
    contact_child = only_child(contact)
    client = signed_in("tom")

    response = client.post(contact_url(contact, f"children/{contact_child.pk}/link/"), {"person": known.pk})

    assert response.status_code == 302 and response["Location"].endswith(f"#child-{contact_child.pk}")
    contact_child.refresh_from_db()
    assert contact_child.person == known and contact_child.linked_by == personas["tom"]
    page = client.get(response["Location"]).content.decode()
    assert "is linked to the record of Ava Testchild" in page
    assert "What is already known" in page and "Is Ava Testchild already known?" not in page


def test_add_as_a_new_person_creates_the_record_and_links_it(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"], children=[child("Zeph", "Newchild", date(2019, 8, 8))])
    contact_child = only_child(contact)

    response = signed_in("tom").post(contact_url(contact, f"children/{contact_child.pk}/new-person/"))

    assert response.status_code == 302
    contact_child.refresh_from_db()
    person = Person.objects.get(given_name="Zeph", family_name="Newchild")
    assert contact_child.person == person and person.date_of_birth == date(2019, 8, 8)


def test_linking_is_a_post(signed_in: Callable[[str], Client], personas: dict[str, User]) -> None:
    contact = phone_contact(personas["tom"])
    url = contact_url(contact, f"children/{only_child(contact).pk}/link/")
    assert signed_in("tom").get(url).status_code == 405
