"""Nadia may ask for emergency access to a child not allocated to her; her manager Aisha is told."""

from datetime import timedelta

import pytest
from django.utils import timezone

from continuum.access.models import BreakGlassGrant

from .factories import PersonFactory

pytestmark = pytest.mark.django_db

REASON = "Police report the child missing tonight; checking for known addresses"


def test_nadia_gets_time_limited_access_and_aisha_is_emailed(signed_in, personas, mailoutbox) -> None:
    child = PersonFactory.create()
    client = signed_in("nadia")

    response = client.post(f"/people/{child.pk}/emergency-access/", {"reason": REASON}, follow=True)

    assert response.redirect_chain == [(f"/people/{child.pk}/", 302)]
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have emergency access to this record until" in html
    grant = BreakGlassGrant.objects.get(user=personas["nadia"], person=child)
    assert timedelta(minutes=55) < grant.expires_at - timezone.now() <= timedelta(minutes=60)
    assert [message.to for message in mailoutbox] == [[personas["aisha"].email]]


def test_emergency_access_ends_when_the_time_is_up(signed_in) -> None:
    child = PersonFactory.create()
    client = signed_in("nadia")
    client.post(f"/people/{child.pk}/emergency-access/", {"reason": REASON})

    BreakGlassGrant.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    assert client.get(f"/people/{child.pk}/").status_code == 403


def test_a_reason_is_required(signed_in, mailoutbox) -> None:
    child = PersonFactory.create()

    response = signed_in("nadia").post(f"/people/{child.pk}/emergency-access/", {"reason": "need it"})

    assert "Explain why you need access now, in at least 10 characters" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert mailoutbox == []


def test_priya_cannot_ask_for_emergency_access(signed_in) -> None:
    child = PersonFactory.create()

    response = signed_in("priya").post(f"/people/{child.pk}/emergency-access/", {"reason": REASON})

    assert response.status_code == 403
    assert not BreakGlassGrant.objects.exists()
