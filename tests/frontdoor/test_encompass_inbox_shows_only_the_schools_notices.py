"""Priya's Operation Encompass inbox shows the notices to her school, newest first, and no other school's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import Agency, AuditEntry, RecordRestriction, User
from continuum.access.roles import AgencyType
from continuum.frontdoor import clocks, services
from continuum.frontdoor.models import ContactChild, EncompassNotification
from continuum.people.models import RestrictionLevel
from tests.people.factories import PersonFactory

from .helpers import actor, child, phone_contact

pytestmark = pytest.mark.django_db


def _notice(tom: User, school: Agency, given_name: str, incident_at: datetime) -> EncompassNotification:
    contact = phone_contact(tom, children=[child(given_name, "Testchild")])
    named = contact.children.get()
    services.add_child_to_index(actor(tom), named)
    return EncompassNotification.objects.create(
        child=named,
        school=school,
        incident_at=incident_at,
        due_by=clocks.encompass_due(incident_at),
        sent_at=timezone.now(),
    )


def test_priya_sees_her_schools_notices_and_each_read_is_audited(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom, school = personas["tom"], personas["priya"].agency
    assert school is not None
    other_school = Agency.objects.create(name="Hillside Academy", agency_type=AgencyType.SCHOOL)
    now = timezone.now()
    older = _notice(tom, school, "Ava", now - timedelta(days=3))
    newer = _notice(tom, school, "Ben", now - timedelta(hours=10))
    _notice(tom, other_school, "Cara", now - timedelta(hours=5))

    html = signed_in("priya").get("/encompass/").content.decode()

    assert "Ben Testchild" in html and "Ava Testchild" in html and "Cara" not in html
    assert html.index("Ben Testchild") < html.index("Ava Testchild")
    reads = AuditEntry.objects.filter(action="view", object_type="frontdoor.EncompassNotification")
    assert set(reads.values_list("person_id", flat=True)) == {older.child.person_id, newer.child.person_id}
    assert reads.count() == 2


def test_staff_of_another_agency_see_no_notices(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    school = personas["priya"].agency
    assert school is not None
    _notice(personas["tom"], school, "Ava", timezone.now())

    html = signed_in("tom").get("/encompass/").content.decode()

    assert "Ava" not in html
    assert "There are no Operation Encompass notices for Northbridge Council Children" in html


def test_roles_that_do_not_answer_partner_checks_are_refused(signed_in: Callable[[str], Client]) -> None:
    assert signed_in("sam").get("/encompass/").status_code == 403


def test_a_notice_about_a_child_with_a_restricted_record_is_left_out(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    aisha, school = personas["aisha"], personas["priya"].agency
    assert school is not None
    notice = _notice(personas["tom"], school, "Dee", timezone.now())
    secret = PersonFactory.create(restriction=RestrictionLevel.RESTRICTED)
    RecordRestriction.objects.create(person=secret, user=aisha, added_by=aisha)
    ContactChild.objects.filter(pk=notice.child_id).update(person=secret)

    html = signed_in("priya").get("/encompass/").content.decode()

    assert "Dee" not in html and "There are no Operation Encompass notices" in html
