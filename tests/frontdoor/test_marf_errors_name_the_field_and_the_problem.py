"""A missing answer is named against its field, in the words of the rule that applies at that level."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.frontdoor.catalogue import Consent
from continuum.frontdoor.models import Contact

from .helpers import level

pytestmark = pytest.mark.django_db


def _draft_at_level(client: Client, number: int) -> tuple[Contact, str]:
    client.post("/referrals/new/")
    contact = Contact.objects.get()
    base = f"/referrals/{contact.public_id}"
    client.post(f"{base}/level/", {"referrer_level": str(level(number).pk)})
    return contact, base


def test_at_level_3_a_refusal_needs_the_reason_consent_was_not_obtained(
    signed_in: Callable[[str], Client],
) -> None:
    client = signed_in("priya")
    _, base = _draft_at_level(client, 3)

    response = client.post(f"{base}/consent/", {"consent": Consent.REFUSED})

    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Consent" in html
    assert '<a href="#id_refused_reason">Enter why consent was not obtained</a>' in html
    assert 'id="id_refused_reason_error"' in html


def test_at_level_4_consent_not_sought_needs_the_reason_it_is_not_needed(
    signed_in: Callable[[str], Client],
) -> None:
    client = signed_in("priya")
    contact, base = _draft_at_level(client, 4)

    response = client.post(f"{base}/consent/", {"consent": Consent.NOT_SOUGHT})

    html = response.content.decode()
    assert '<a href="#id_not_sought_reason">Enter why consent is not needed' in html
    assert "Why is consent not needed?" in html

    reason = "Asking would warn the stepfather and put Jaden at risk."
    response = client.post(f"{base}/consent/", {"consent": Consent.NOT_SOUGHT, "not_sought_reason": reason})

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.consent_not_needed_reason == reason and contact.consent_not_obtained_reason == ""


def test_consent_given_needs_who_gave_it_and_whom_it_covers(signed_in: Callable[[str], Client]) -> None:
    client = signed_in("priya")
    contact, base = _draft_at_level(client, 3)

    response = client.post(
        f"{base}/consent/", {"consent": Consent.OBTAINED, "consent_covers": "Both children"}
    )

    html = response.content.decode()
    assert (
        '<a href="#id_consent_given_by">Enter who gave consent, for example the child&#x27;s mother</a>'
        in html
    )
    assert 'value="Both children"' in html
    contact.refresh_from_db()
    assert contact.consent == Consent.OBTAINED and contact.consent_covers == "Both children"


def test_an_unborn_baby_needs_a_due_date_and_a_child_needs_an_answer_on_birth(
    signed_in: Callable[[str], Client],
) -> None:
    client = signed_in("priya")
    client.post("/referrals/new/")
    base = f"/referrals/{Contact.objects.get().public_id}"

    unanswered = client.post(f"{base}/children/add/", {"family_name": "Smith"}).content.decode()
    unborn = client.post(f"{base}/children/add/", {"born": "no", "family_name": "Smith"}).content.decode()

    assert '<a href="#id_born_0">Select whether the child has been born</a>' in unanswered
    assert '<a href="#id_expected_date_of_delivery_0">Enter the baby&#x27;s expected due date</a>' in unborn
    assert 'value="Smith"' in unborn
    assert not Contact.objects.get().children.exists()
