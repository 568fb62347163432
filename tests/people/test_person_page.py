"""Opening a child's record: audited, need-to-know, and everything known about them on one page."""

from datetime import date

import pytest

from continuum.access.audit import Action
from continuum.access.models import AuditEntry, Team
from continuum.people.models import NameKind

from .factories import (
    AllocationFactory,
    OtherNameFactory,
    PersonFactory,
    RelationshipFactory,
    ResidenceFactory,
)

pytestmark = pytest.mark.django_db


def test_tom_opens_a_child_and_his_view_is_audited(signed_in, personas) -> None:
    child = PersonFactory.create(
        given_name="Jo", family_name="Smith", nhs_number="9434765919", upn="J201234512001"
    )

    response = signed_in("tom").get(f"/people/{child.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Jo Smith' in html
    assert "943 476 5919" in html and "J201234512001" in html
    assert AuditEntry.objects.filter(action=Action.VIEW, person_id=child.pk, user=personas["tom"]).exists()


def test_the_record_shows_other_names_address_history_and_relationships(signed_in) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Okoro")
    OtherNameFactory.create(person=child, kind=NameKind.PREVIOUS, given_name="Jo", family_name="Smyth")
    ResidenceFactory.create(
        person=child, address__postcode="BD3 9QQ", moved_in=date(2018, 1, 1), moved_out=date(2024, 2, 1)
    )
    ResidenceFactory.create(person=child, address__postcode="LS1 4AP", moved_in=date(2024, 2, 1))
    RelationshipFactory.create(relative=child, person__given_name="Sarah", person__family_name="Okoro")
    sibling = PersonFactory.create(given_name="Ada", family_name="Okoro")
    RelationshipFactory.create(
        person=child, relative=sibling, kind="sibling", has_parental_responsibility=False
    )

    html = signed_in("tom").get(f"/people/{child.pk}/").content.decode()

    assert "Jo Smyth" in html and "Previous name" in html
    assert "BD3 9QQ" in html and "1 February 2024" in html and "Current address" in html
    assert "Sarah Okoro has parental responsibility" in html
    assert "Jo Okoro is their sibling" in html


def test_priya_is_refused_a_childs_record_with_the_reason(signed_in) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Smith")

    response = signed_in("priya").get(f"/people/{child.pk}/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "your role does not give access to people&#x27;s records" in html
    assert "Smith" not in html
    assert "emergency access" not in html
    assert AuditEntry.objects.filter(action=Action.ACCESS_REFUSED, person_id=child.pk).exists()


def test_nadia_is_refused_a_child_not_allocated_to_her_team_and_offered_emergency_access(signed_in) -> None:
    child = PersonFactory.create()

    response = signed_in("nadia").get(f"/people/{child.pk}/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "this person is not allocated to you or your team" in html
    assert f'href="/people/{child.pk}/emergency-access/"' in html


def test_nadia_opens_a_child_allocated_to_her_team(signed_in) -> None:
    child = PersonFactory.create()
    AllocationFactory.create(person=child, team=Team.objects.get(name="Assessment Team 1"))

    response = signed_in("nadia").get(f"/people/{child.pk}/")

    assert response.status_code == 200
    assert "allocated to your team" in response.content.decode()


def test_a_record_that_does_not_exist_is_not_found(signed_in) -> None:
    assert signed_in("tom").get("/people/999999/").status_code == 404


def test_the_access_log_link_shows_only_to_those_who_may_see_it(signed_in) -> None:
    child = PersonFactory.create()

    dan_sees = signed_in("dan").get(f"/people/{child.pk}/").content.decode()
    aisha_sees = signed_in("aisha").get(f"/people/{child.pk}/").content.decode()

    assert "See who has viewed this record" not in dan_sees
    assert "See who has viewed this record" in aisha_sees
