"""A partner agency sees only the checks put to it: Dan (police) cannot read or answer the school's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import Agency, AuditEntry, User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import CheckStatus
from continuum.frontdoor.models import PartnerCheck

from .helpers import actor
from .staff_pages import linked_contact

pytestmark = pytest.mark.django_db


def _school_check(tom: User) -> PartnerCheck:
    contact, _child = linked_contact(tom)
    school = Agency.objects.get(name="Moorside Primary School")
    return services.ask_partner_check(actor(tom), contact, school, "How is Ava's attendance?")


def test_dan_cannot_see_or_answer_a_check_sent_to_the_school(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    check = _school_check(personas["tom"])
    client = signed_in("dan")

    inbox = client.get("/front-door/checks/").content.decode()
    page = client.get(f"/front-door/checks/{check.pk}/")
    answer = client.post(f"/front-door/checks/{check.pk}/", {"answer": "Nothing known."})

    assert str(check.contact.reference) not in inbox
    assert page.status_code == 403 and "Ava Testchild" not in page.content.decode()
    assert answer.status_code == 403
    check.refresh_from_db()
    assert check.status == CheckStatus.ASKED
    assert AuditEntry.objects.filter(user=personas["dan"], action=Action.ACCESS_REFUSED).exists()


def test_priya_at_the_school_answers_it(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    check = _school_check(personas["tom"])
    client = signed_in("priya")

    assert "How is Ava" in client.get("/front-door/checks/").content.decode()
    client.post(f"/front-door/checks/{check.pk}/", {"answer": "Attendance 82% this term."})

    check.refresh_from_db()
    assert check.status == CheckStatus.ANSWERED and check.answered_by == personas["priya"]


def test_the_asked_checks_come_before_the_answered_ones(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    answered, waiting = _school_check(personas["tom"]), _school_check(personas["tom"])
    services.answer_partner_check(actor(personas["priya"]), answered, "Attendance is fine.")

    page = signed_in("priya").get("/front-door/checks/").content.decode()

    assert page.index(str(waiting.contact.reference)) < page.index(str(answered.contact.reference))


def test_staff_whose_role_answers_no_checks_are_refused(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    assert signed_in("sam").get("/front-door/checks/").status_code == 403
