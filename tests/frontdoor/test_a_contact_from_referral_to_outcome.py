"""The front door's steps end to end, below the pages: a MARF for two siblings to two outcomes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from continuum.access.models import AuditEntry, User
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Consent, Outcome, Status, Worry
from continuum.frontdoor.models import Contact
from continuum.socialcare.models import Referral
from tests.people.factories import PersonFactory

from .helpers import actor, agency_of, level

pytestmark = pytest.mark.django_db


def _priyas_referral(priya: User) -> Contact:
    contact = services.start_referral(actor(priya))
    services.save_child(
        actor(priya), contact, given_name="Jaden", family_name="Smyth", date_of_birth=date(2014, 2, 11)
    )
    services.save_child(
        actor(priya), contact, given_name="Lily", family_name="Smith", date_of_birth=date(2019, 9, 30)
    )
    services.save_household_member(
        actor(priya), contact, name="Kelly Smith", relationship="Mother", has_parental_responsibility=True
    )
    services.save_draft(
        actor(priya),
        contact,
        worries=[Worry.NEGLECT, Worry.DOMESTIC_ABUSE],
        worry_details="Jaden came to school with a bruise and said his mum's partner shouts.",
        already_tried="Meetings with mum; a referral to the school nurse.",
        child_voice="Jaden: 'I don't like going home when he's there.'",
        referrer_level=level(3),
        consent=Consent.OBTAINED,
        consent_given_by="Kelly Smith, their mother",
        consent_covers="Jaden, Lily and Kelly",
        follows_phone_call=False,
    )
    return contact


def test_a_marf_for_two_siblings_ends_in_a_referral_and_early_help(personas: dict[str, User]) -> None:
    priya, tom, dan = personas["priya"], personas["tom"], personas["dan"]
    known = PersonFactory.create(given_name="Jayden", family_name="Smith", date_of_birth=date(2014, 2, 11))

    contact = _priyas_referral(priya)
    services.submit_referral(actor(priya), contact)
    assert contact.reference and contact.status == Status.AWAITING_TRIAGE and contact.due_at

    services.open_contact(actor(tom), contact)
    services.allocate(actor(tom), contact, tom)
    jaden, lily = contact.children.order_by("pk")
    services.link_child(actor(tom), jaden, known)
    services.add_child_to_index(actor(tom), lily)
    check = services.ask_partner_check(actor(tom), contact, agency_of(dan), "Any call-outs to this address?")
    services.open_check(actor(dan), check)
    services.answer_partner_check(actor(dan), check, "Two domestic incidents this year, no arrests.")

    services.decide(
        actor(tom),
        jaden,
        level=level(4),
        outcome=Outcome.STRATEGY_DISCUSSION,
        rationale="Injury and disclosure.",
    )
    contact.refresh_from_db()
    assert contact.status == Status.IN_PROGRESS
    services.decide(
        actor(tom), lily, level=level(3), outcome=Outcome.EARLY_HELP, rationale="Support for mum."
    )

    contact.refresh_from_db()
    assert contact.status == Status.DECIDED and contact.referrer_told_at is not None
    assert Referral.objects.get(contact_child=jaden).person == known
    assert EarlyHelpEpisode.objects.get(contact_child=lily).person == lily.person
    assert [message.to for message in mail.outbox if "Outcome" in message.subject] == [[priya.email]]
    assert "Strategy discussion" in mail.outbox[-1].body and "Early help" in mail.outbox[-1].body
    assert AuditEntry.objects.filter(person_id=known.pk, object_type="frontdoor.Contact").exists()


def test_a_draft_cannot_be_submitted_until_it_is_complete(personas: dict[str, User]) -> None:
    contact = services.start_referral(actor(personas["priya"]))
    with pytest.raises(ValidationError) as error:
        services.submit_referral(actor(personas["priya"]), contact)
    assert {"children", "worries", "worry_details", "child_voice", "referrer_level", "consent"} <= set(
        error.value.message_dict
    )
    contact.refresh_from_db()
    assert contact.status == Status.DRAFT and contact.reference is None


def test_early_help_without_consent_cannot_be_decided(personas: dict[str, User]) -> None:
    tom = personas["tom"]
    contact = _priyas_referral(personas["priya"])
    services.save_draft(
        actor(personas["priya"]),
        contact,
        consent=Consent.NOT_SOUGHT,
        consent_not_obtained_reason="Mum was not at the meeting.",
    )
    services.submit_referral(actor(personas["priya"]), contact)
    child = contact.children.first()
    assert child is not None
    services.add_child_to_index(actor(tom), child)
    with pytest.raises(ValidationError) as error:
        services.decide(actor(tom), child, level=level(3), outcome=Outcome.EARLY_HELP, rationale="Support.")
    assert "informed consent" in error.value.message_dict["outcome"][0]
