"""Hana, a health visitor, cannot open, change or delete Priya's referral, draft or sent."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.test import Client

from continuum.access.models import Agency, AuditEntry, User
from continuum.access.roles import AgencyType, Role
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Consent, Worry
from continuum.frontdoor.models import Contact

from .helpers import actor, level

pytestmark = pytest.mark.django_db


def _hana() -> Client:
    agency = Agency.objects.create(name="Northbridge Health Visiting", agency_type=AgencyType.HEALTH_TRUST)
    hana = User.objects.create_user("hana", email="hana@example.org", agency=agency)
    hana.grant_role(Role.PARTNER_PRACTITIONER)
    client = Client()
    client.force_login(hana)
    return client


def _sent_referral(priya: User) -> Contact:
    contact = services.start_referral(actor(priya))
    services.save_child(
        actor(priya), contact, given_name="Jaden", family_name="Smith", date_of_birth=date(2016, 5, 4)
    )
    services.save_draft(
        actor(priya),
        contact,
        worries=[Worry.NEGLECT],
        worry_details="Often hungry.",
        child_voice="He said there is no food at home.",
        referrer_level=level(3),
        consent=Consent.OBTAINED,
        consent_given_by="His mother",
        consent_covers="Jaden and his mother",
        follows_phone_call=False,
    )
    return services.submit_referral(actor(priya), contact)


@pytest.mark.parametrize(
    ("method", "page"),
    [
        ("get", "about-you/"),
        ("post", "worry/"),
        ("get", "children/add/"),
        ("get", "check/"),
        ("post", "delete/"),
    ],
)
def test_hana_cannot_open_or_change_priyas_draft(personas: dict[str, User], method: str, page: str) -> None:
    draft = services.start_referral(actor(personas["priya"]))

    response = getattr(_hana(), method)(
        f"/referrals/{draft.public_id}/{page}", {"worry_details": "Overwritten"}
    )

    assert response.status_code == 403
    assert "this is not one of your referrals" in response.content.decode()
    draft.refresh_from_db()
    assert draft.worry_details == ""
    assert AuditEntry.objects.filter(action="access_refused", object_id=str(draft.pk)).exists()


def test_hana_cannot_read_priyas_sent_referral(personas: dict[str, User]) -> None:
    contact = _sent_referral(personas["priya"])

    response = _hana().get(f"/referrals/{contact.public_id}/")

    assert response.status_code == 403
    assert str(contact.reference) not in response.content.decode()
    assert not AuditEntry.objects.filter(purpose="referrer reading their referral").exists()


def test_an_unknown_referral_is_not_found(signed_in) -> None:
    assert signed_in("priya").get(f"/referrals/{uuid.uuid4()}/about-you/").status_code == 404


def test_a_sent_referral_is_no_longer_a_draft_to_change(signed_in, personas: dict[str, User]) -> None:
    contact = _sent_referral(personas["priya"])

    response = signed_in("priya").post(f"/referrals/{contact.public_id}/worry/", {"worry_details": "Changed"})

    assert response["Location"] == f"/referrals/{contact.public_id}/"
    contact.refresh_from_db()
    assert contact.worry_details == "Often hungry."
