"""Every generated contact is one the front door's services could have made, down to what followed it."""

from __future__ import annotations

from collections import Counter

import pytest

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor import clocks
from continuum.frontdoor.catalogue import (
    REFERRAL_OUTCOMES,
    CheckStatus,
    Outcome,
    Route,
    ScreeningView,
    Status,
    Worry,
    referral_source_for,
)
from continuum.frontdoor.consent import decision_consent_problem
from continuum.frontdoor.models import Contact, ContactChild, Decision, EncompassNotification, PartnerCheck
from continuum.frontdoor.steps import contact_consent_problems, submission_problems
from continuum.socialcare.models import Referral
from continuum.statutory import codes
from continuum.statutory.timescales import england_date
from continuum.synthetic.generator import Summary

# One small area per module (see conftest), read inside each test's own transaction.
pytestmark = pytest.mark.django_db


def _contacts() -> list[Contact]:
    return list(
        Contact.objects.select_related("referrer_agency", "submitted_by", "referrer_level").prefetch_related(
            "children__decision__level", "screenings"
        )
    )


def test_contacts_carry_the_reference_clock_and_source_the_services_give(small_partnership: Summary) -> None:
    contacts = _contacts()
    assert len(contacts) > 300
    end = clocks.end_of_day(small_partnership.reference_date)
    for contact in contacts:
        assert contact.received_at is not None and contact.received_at <= end
        assert contact.reference == f"FD-{contact.pk:07d}"
        assert contact.due_at == clocks.decision_due(contact.received_at)
        assert contact.referral_source in codes.REFERRAL_SOURCE
        agency = contact.referrer_agency.agency_type if contact.referrer_agency else None
        assert contact.referral_source == referral_source_for(contact.route, agency)
        assert set(contact.worries) <= set(Worry.values) and contact.worries


def test_every_contact_could_have_been_submitted(small_partnership: Summary) -> None:
    for contact in _contacts():
        assert submission_problems(contact) == {}, contact.reference
        if contact.route != Route.ANONYMOUS:
            assert contact_consent_problems(contact) == {}
        if contact.route == Route.POLICE_NOTIFICATION:
            assert contact.incident_at is not None and contact.received_at is not None
            assert contact.incident_at <= contact.received_at
            assert contact.police_reference and contact.submitted_by is not None
        if contact.route in (Route.PHONE, Route.EMAIL, Route.SELF, Route.ANONYMOUS):
            assert contact.recorded_by_id is not None


def test_the_status_says_how_far_each_contact_has_got(small_partnership: Summary) -> None:
    for contact in _contacts():
        decisions = [getattr(child, "decision", None) for child in contact.children.all()]
        completed = [d.completed_at for d in decisions if d is not None and d.completed_at is not None]
        if contact.status == Status.DECIDED:
            assert len(completed) == len(decisions)
            assert contact.decided_at == max(completed)
        else:
            assert contact.decided_at is None and contact.referrer_told_at is None
        if contact.status == Status.AWAITING_SIGN_OFF:
            assert all(decisions) and len(completed) < len(decisions)
        if contact.status == Status.AWAITING_TRIAGE:
            assert contact.allocated_to_id is None and not any(decisions)
            assert not contact.children.filter(person__isnull=False).exists()
        else:
            assert contact.allocated_to_id is not None and contact.allocated_at is not None


def test_decisions_follow_the_rules_for_consent_screening_and_sign_off(small_partnership: Summary) -> None:
    for contact in _contacts():
        for child in contact.children.all():
            decision = getattr(child, "decision", None)
            if decision is None:
                continue
            assert child.person_id is not None and child.linked_at is not None
            assert child.linked_at <= decision.decided_at
            assert all(check.asked_at <= decision.decided_at for check in contact.checks.all())
            assert all(screening.screened_at <= decision.decided_at for screening in contact.screenings.all())
            assert decision_consent_problem(decision.level, decision.outcome, contact.consent) is None
            assert bool(decision.no_further_action_reason) == (decision.outcome == Outcome.NO_FURTHER_ACTION)
            if decision.needs_sign_off and decision.completed_at:
                assert decision.signed_off_by_id not in (None, decision.decided_by_id)
                assert decision.completed_at == decision.signed_off_at
        decided = Decision.objects.filter(child__contact=contact).exists()
        if contact.route == Route.POLICE_NOTIFICATION and decided:
            assert {s.view for s in contact.screenings.all()} == set(ScreeningView.values)


def test_referrals_and_early_help_are_the_decisions_that_took_effect(small_partnership: Summary) -> None:
    took_effect = Decision.objects.filter(completed_at__isnull=False)
    referred = set(took_effect.filter(outcome__in=REFERRAL_OUTCOMES).values_list("child_id", flat=True))
    from_contacts = Referral.objects.filter(contact_child__isnull=False)
    assert set(from_contacts.values_list("contact_child_id", flat=True)) == referred
    reference_date = small_partnership.reference_date
    for referral in from_contacts.select_related("contact_child__contact"):
        child = referral.contact_child
        assert child is not None and child.contact.received_at is not None
        assert referral.person_id == child.person_id
        assert referral.referral_date == england_date(child.contact.received_at)
        assert referral.referral_source == child.contact.referral_source
        assert referral.closed is None or referral.referral_date <= referral.closed <= reference_date
    early_help = set(took_effect.filter(outcome=Outcome.EARLY_HELP).values_list("child_id", flat=True))
    from_front_door = EarlyHelpEpisode.objects.filter(contact_child__isnull=False)
    assert set(from_front_door.values_list("contact_child_id", flat=True)) == early_help


def test_referrers_are_told_when_the_services_would_tell_them(small_partnership: Summary) -> None:
    for contact in _contacts():
        address = contact.referrer_email or (contact.submitted_by.email if contact.submitted_by else "")
        should = contact.status == Status.DECIDED and contact.route != Route.ANONYMOUS and bool(address)
        assert (contact.referrer_told_at is not None) == should, contact.reference


def test_schools_hear_of_domestic_abuse_through_operation_encompass(small_partnership: Summary) -> None:
    notices = EncompassNotification.objects.select_related("child__contact")
    assert notices.count() > 10
    for notice in notices:
        contact = notice.child.contact
        assert contact.route == Route.POLICE_NOTIFICATION and contact.incident_at is not None
        assert notice.school_id == notice.child.school_id and not notice.child.is_unborn
        assert notice.due_by == clocks.encompass_due(contact.incident_at)
        assert notice.sent_at is not None
    with_school = ContactChild.objects.filter(
        contact__route=Route.POLICE_NOTIFICATION, school__isnull=False, is_unborn=False
    )
    assert with_school.count() == notices.count()


def test_partner_checks_are_answered_by_the_agency_asked(small_partnership: Summary) -> None:
    checks = PartnerCheck.objects.select_related("answered_by", "contact")
    statuses = Counter(check.status for check in checks)
    assert statuses[CheckStatus.ANSWERED] > statuses[CheckStatus.ASKED] > 0
    for check in checks:
        assert check.due_at > check.asked_at
        if check.status == CheckStatus.ANSWERED:
            assert check.answered_by is not None and check.answered_by.agency_id == check.agency_id
            assert check.answered_at is not None and check.answer
        else:
            assert check.answered_at is None and not check.answer


def test_children_on_contacts_are_linked_misspelt_or_not_yet_linked(small_partnership: Summary) -> None:
    children = list(ContactChild.objects.select_related("person"))
    linked = [(child, child.person) for child in children if child.person is not None]
    misspelt = [
        child
        for child, person in linked
        if not child.is_unborn
        and (child.given_name, child.family_name) != (person.given_name, person.family_name)
    ]
    assert len(linked) < len(children), "some children on open contacts are not linked yet"
    assert 0.05 < len(misspelt) / len(linked) < 0.3
