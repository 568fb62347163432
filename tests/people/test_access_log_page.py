"""Aisha, a manager, sees who has viewed a child's record; looking is itself recorded."""

import pytest

from continuum.access.audit import Action
from continuum.access.models import AuditEntry

from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_aisha_sees_that_tom_viewed_the_record(signed_in, personas) -> None:
    child = PersonFactory.create()
    signed_in("tom").get(f"/people/{child.pk}/")

    response = signed_in("aisha").get(f"/people/{child.pk}/access-log/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Who has viewed this record" in html
    assert "Tom Whitaker" in html and "Northbridge Council Children&#x27;s Services" in html
    assert "Viewed" in html and "front door role" in html


def test_viewing_the_access_log_is_audited(signed_in, personas) -> None:
    child = PersonFactory.create()

    signed_in("aisha").get(f"/people/{child.pk}/access-log/")

    entry = AuditEntry.objects.get(person_id=child.pk, user=personas["aisha"])
    assert entry.action == Action.VIEW
    assert entry.purpose == "who has viewed this record"


def test_the_newest_entries_come_first(signed_in) -> None:
    child = PersonFactory.create()
    signed_in("tom").get(f"/people/{child.pk}/")
    signed_in("dan").get(f"/people/{child.pk}/")

    html = signed_in("aisha").get(f"/people/{child.pk}/access-log/").content.decode()

    assert html.index("Dan Hughes") < html.index("Tom Whitaker")


def test_dan_a_police_officer_in_the_front_door_may_not_see_the_access_log(signed_in) -> None:
    child = PersonFactory.create()

    response = signed_in("dan").get(f"/people/{child.pk}/access-log/")

    assert response.status_code == 403
    assert "only social care staff and managers see who has viewed a record" in response.content.decode()
