"""Priya's draft is saved as she goes, keeps what she typed through mistakes, and can be picked up again."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor.catalogue import Request, Status, Worry
from continuum.frontdoor.models import Contact

pytestmark = pytest.mark.django_db


def _draft(client: Client) -> tuple[Contact, str]:
    client.post("/referrals/new/")
    contact = Contact.objects.get()
    return contact, f"/referrals/{contact.public_id}"


def test_priya_saves_and_comes_back_to_her_draft_later(signed_in: Callable[[str], Client]) -> None:
    client = signed_in("priya")
    contact, base = _draft(client)

    response = client.post(
        f"{base}/worry/", {"worries": [Worry.NEGLECT], "worry_details": "Often hungry.", "later": "1"}
    )

    assert response["Location"] == "/referrals/"
    listing = client.get("/referrals/").content.decode()
    assert "Your draft has been saved" in listing
    assert f'href="{base}/check/">Continue' in listing and f'href="{base}/delete/">Delete' in listing
    worry = client.get(f"{base}/worry/").content.decode()
    assert re.search(r'<input type="checkbox" name="worries" value="neglect"[^>]* checked', worry)
    assert "Often hungry." in worry
    assert "Often hungry." in client.get(f"{base}/check/").content.decode()
    contact.refresh_from_db()
    assert contact.status == Status.DRAFT and contact.reference is None


def test_continuing_without_a_required_answer_still_saves_the_others(
    signed_in: Callable[[str], Client],
) -> None:
    client = signed_in("priya")
    contact, base = _draft(client)

    response = client.post(f"{base}/worry/", {"worry_details": "Often hungry."})

    assert response.status_code == 200
    assert (
        '<a href="#id_worries_0">Select at least one thing you are worried about</a>'
        in response.content.decode()
    )
    contact.refresh_from_db()
    assert contact.worry_details == "Often hungry."


def test_a_mistake_on_a_page_keeps_what_was_typed_and_saves_the_rest(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    client = signed_in("priya")
    contact, base = _draft(client)
    answers = {
        "follows_phone_call": "yes",
        "phone_call_date_day": "31",
        "phone_call_date_month": "2",
        "phone_call_date_year": "2026",
        "phone_call_time": "9am",
        "request": Request.COMPLEX_NEEDS_ASSESSMENT,
    }

    response = client.post(f"{base}/follow-up/", answers)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_phone_call_date_0">Date of the call must be a real date</a>' in html
    assert 'value="31"' in html and 'value="9am"' in html
    contact.refresh_from_db()
    assert contact.request == Request.COMPLEX_NEEDS_ASSESSMENT and contact.follows_phone_call is True


def test_a_wrong_email_address_does_not_lose_the_new_phone_number(signed_in: Callable[[str], Client]) -> None:
    client = signed_in("priya")
    contact, base = _draft(client)

    response = client.post(
        f"{base}/about-you/",
        {
            "referrer_name": "Priya Sharma",
            "referrer_email": "priya at moorside",
            "referrer_phone": "01632 960123",
        },
    )

    html = response.content.decode()
    assert "Enter an e-mail address in the right format, like name@example.org" in html
    assert 'value="priya at moorside"' in html
    contact.refresh_from_db()
    assert contact.referrer_phone == "01632 960123" and contact.referrer_email.startswith("priya@")
