"""The demo's front door has work in it: Tom's queue, a decision for Aisha, and Jayden left alone."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from continuum.frontdoor.catalogue import Status
from continuum.frontdoor.models import Contact, ContactChild, Decision
from continuum.people.models import OtherName


def test_tom_has_a_queue_aisha_has_a_sign_off_and_jayden_is_not_on_a_contact(db: None) -> None:
    out = StringIO()
    call_command("demo_partnership", stdout=out)
    now = timezone.now()

    toms = Contact.objects.open().filter(allocated_to__username="tom")
    assert toms.count() >= 3
    assert Contact.objects.open().filter(allocated_to__isnull=True).exists()
    assert Contact.objects.overdue(now).exists()
    assert Contact.objects.open().filter(due_at__gt=now).exists(), (
        "the demo's queue is as on the day it is built"
    )

    waiting = Decision.objects.filter(
        needs_sign_off=True, completed_at__isnull=True, decided_by__username="tom"
    )
    assert waiting.exists()
    assert waiting.first().child.contact.status == Status.AWAITING_SIGN_OFF  # type: ignore[union-attr]

    jayden = OtherName.objects.get(given_name="Jayden", family_name="Smyth").person
    assert not ContactChild.objects.filter(person=jayden).exists()
    assert "aisha has a decision to sign off" in out.getvalue()


def test_the_demo_queue_and_contacts_open_on_the_front_door_pages(
    db: None, signed_in: Callable[[str], Client]
) -> None:
    call_command("demo_partnership", stdout=StringIO())
    tom = signed_in("tom")
    mine = tom.get(reverse("frontdoor:queue"), {"allocated_to": "me"})
    assert mine.status_code == 200
    for contact in Contact.objects.open().filter(allocated_to__username="tom")[:3]:
        assert str(contact.reference) in mine.content.decode()
    decided = Contact.objects.filter(status=Status.DECIDED).order_by("-received_at")[:1]
    for contact in [*decided, *Contact.objects.open()[:1]]:
        assert tom.get(reverse("frontdoor:contact", args=[contact.reference])).status_code == 200
    sign_off = signed_in("aisha").get(reverse("frontdoor:sign-off"))
    assert sign_off.status_code == 200
