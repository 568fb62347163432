"""Every partner page of the front door passes axe-core's WCAG 2.2 AA checks, with errors and empty lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import User
from continuum.frontdoor import clocks, services
from continuum.frontdoor.catalogue import Consent, Worry
from continuum.frontdoor.models import Contact, EncompassNotification
from tests.people.test_pages_are_accessible import _violations

from .helpers import actor, child, level, phone_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _sent_referral(priya: User) -> Contact:
    contact = services.start_referral(actor(priya))
    services.save_child(actor(priya), contact, **child("Jaden", "Smith"))
    services.save_child(
        actor(priya),
        contact,
        family_name="Smith",
        is_unborn=True,
        expected_date_of_delivery=timezone.localdate() + timedelta(days=60),
    )
    services.save_household_member(
        actor(priya), contact, name="Kelly Smith", relationship="Mother", has_parental_responsibility=True
    )
    services.save_draft(
        actor(priya),
        contact,
        worries=[Worry.NEGLECT, Worry.DOMESTIC_ABUSE],
        worry_details="Jaden came to school hungry.",
        child_voice="Jaden said there is no food at home.",
        referrer_level=level(3),
        consent=Consent.OBTAINED,
        consent_given_by="Kelly Smith",
        consent_covers="Jaden, the baby and Kelly",
        follows_phone_call=True,
        phone_call_at=timezone.now() - timedelta(hours=2),
    )
    return contact


def test_the_partner_front_door_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    priya, tom = personas["priya"], personas["tom"]
    client = signed_in("priya")
    html: dict[str, str] = {
        "my referrals, none": client.get("/referrals/").content.decode(),
        "encompass, none": client.get("/encompass/").content.decode(),
        "start": client.get("/referrals/new/").content.decode(),
    }

    empty = services.start_referral(actor(priya))
    blank = f"/referrals/{empty.public_id}"
    html |= {
        f"{page} page": client.get(f"{blank}/{page}/").content.decode()
        for page in (
            "about-you",
            "children/add",
            "household",
            "household/add",
            "worry",
            "voice",
            "level",
            "consent",
            "follow-up",
            "check",
            "delete",
        )
    }
    html |= {
        "child, error": client.post(f"{blank}/children/add/", {"born": "no"}).content.decode(),
        "member, error": client.post(f"{blank}/household/add/", {"date_of_birth_day": "40"}).content.decode(),
        "worry, error": client.post(f"{blank}/worry/", {}).content.decode(),
        "level, error": client.post(f"{blank}/level/", {}).content.decode(),
        "follow-up, error": client.post(
            f"{blank}/follow-up/", {"follows_phone_call": "yes", "phone_call_time": "25:00"}
        ).content.decode(),
        "about you, error": client.post(f"{blank}/about-you/", {"referrer_email": "nope"}).content.decode(),
    }
    services.save_draft(actor(priya), empty, referrer_level=level(4))
    html["consent at level 4, error"] = client.post(
        f"{blank}/consent/", {"consent": "refused"}
    ).content.decode()

    draft = _sent_referral(priya)
    base = f"/referrals/{draft.public_id}"
    jaden = draft.children.order_by("pk").first()
    assert jaden is not None
    html |= {
        "children": client.get(f"{base}/children/").content.decode(),
        "child, change": client.get(f"{base}/children/{jaden.pk}/").content.decode(),
        "child, remove": client.get(f"{base}/children/{jaden.pk}/remove/").content.decode(),
        "household, filled": client.get(f"{base}/household/").content.decode(),
        "check, complete": client.get(f"{base}/check/").content.decode(),
    }
    client.post(f"{base}/check/")
    html["sent"] = client.get(f"{base}/sent/").content.decode()
    html["referral"] = client.get(f"{base}/").content.decode()
    for _ in range(21):
        services.start_referral(actor(priya))
    html["my referrals, two pages"] = client.get("/referrals/").content.decode()

    contact, school = phone_contact(tom), priya.agency
    assert school is not None
    incident_at = timezone.now() - timedelta(hours=3)
    EncompassNotification.objects.create(
        child=contact.children.get(),
        school=school,
        incident_at=incident_at,
        due_by=clocks.encompass_due(incident_at),
        sent_at=timezone.now(),
    )
    html["encompass"] = client.get("/encompass/").content.decode()
    html["refused"] = signed_in("sam").get("/referrals/").content.decode()

    assert all(html.values()), [name for name, page in html.items() if not page]
    assert _violations(html) == {}
