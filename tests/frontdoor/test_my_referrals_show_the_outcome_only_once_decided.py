"""My referrals: Priya sees each child's outcome once it has taken effect, and nothing of their records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.models import AuditEntry, User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Consent, NoFurtherActionReason, Outcome, Worry
from continuum.frontdoor.models import Contact

from .helpers import actor, level

pytestmark = pytest.mark.django_db


def _sent_referral(priya: User) -> Contact:
    contact = services.start_referral(actor(priya))
    services.save_child(
        actor(priya), contact, given_name="Jaden", family_name="Smyth", date_of_birth=date(2014, 2, 11)
    )
    services.save_child(
        actor(priya), contact, given_name="Lily", family_name="Smyth", date_of_birth=date(2019, 9, 30)
    )
    services.save_draft(
        actor(priya),
        contact,
        worries=[Worry.DOMESTIC_ABUSE],
        worry_details="Jaden came to school with a bruise.",
        child_voice="Jaden: 'I don't like going home.'",
        referrer_level=level(3),
        consent=Consent.OBTAINED,
        consent_given_by="Kelly Smyth, their mother",
        consent_covers="Jaden, Lily and Kelly",
        follows_phone_call=False,
    )
    return services.submit_referral(actor(priya), contact)


def test_the_outcome_for_each_child_shows_once_the_decision_takes_effect(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom, aisha = personas["tom"], personas["aisha"]
    contact = _sent_referral(personas["priya"])
    jaden, lily = contact.children.order_by("pk")
    client = signed_in("priya")

    listing = client.get("/referrals/").content.decode()
    assert f">{contact.reference}<" in listing and "Waiting to be screened" in listing
    assert "Jaden: not decided yet" in listing and "Lily: not decided yet" in listing

    for named in (jaden, lily):
        services.add_child_to_index(actor(tom), named)
    services.decide(
        actor(tom),
        jaden,
        level=level(4),
        outcome=Outcome.STRATEGY_DISCUSSION,
        rationale="Injury and disclosure.",
    )
    lily_decision = services.decide(
        actor(tom),
        lily,
        level=level(2),
        outcome=Outcome.NO_FURTHER_ACTION,
        no_further_action_reason=NoFurtherActionReason.BELOW_THRESHOLD,
        rationale="School support is enough.",
    )
    listing = client.get("/referrals/").content.decode()
    assert "Jaden: Strategy discussion" in listing and "Lily: not decided yet" in listing  # awaits sign-off
    assert "Waiting for manager sign-off" in listing

    services.sign_off(actor(aisha), lily_decision, agree=True)
    detail = client.get(f"/referrals/{contact.public_id}/").content.decode()
    assert "Lily: No further action: below the threshold for a service" in detail
    assert "Decided" in detail and "Not yet" not in detail  # Priya has been told

    for page in (listing, detail):
        assert "Smyth" not in page and "2014" not in page and "Injury and disclosure" not in page
        assert "/people/" not in page and "bruise" not in page


def test_reading_a_sent_referral_is_audited_for_each_child(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    contact = _sent_referral(personas["priya"])
    people = [services.add_child_to_index(actor(tom), named).pk for named in contact.children.order_by("pk")]

    signed_in("priya").get(f"/referrals/{contact.public_id}/")

    entries = AuditEntry.objects.filter(action="view", purpose="referrer reading their referral")
    assert sorted(pid or 0 for pid in entries.values_list("person_id", flat=True)) == sorted(people)
    assert {entry.username for entry in entries} == {"priya"}
