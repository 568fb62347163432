"""Writes planned contacts in batches: one bulk insert per table per batch, no query per row.

Bulk inserts skip `save()` and the services, so this writes what they would have: the reference
`FD-0000123` from the contact's id (set in one UPDATE per batch), `due_at` from the clocks, the
referral source from the catalogue, and the follow-on referral or early help episode of each
decision that has taken effect.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast, Concat, LPad

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor.catalogue import Status
from continuum.frontdoor.models import (
    Contact,
    ContactChild,
    Decision,
    EncompassNotification,
    HouseholdMember,
    PartnerCheck,
    Screening,
)
from continuum.socialcare.models import Referral

from .contact_plans import PlannedContact, PlannedContactChild, PlannedEarlyHelp, PlannedReferral

BATCH_SIZE = 2000
REFERENCE_DIGITS = 7


@dataclass
class FrontDoorCounts:
    contacts: int = 0
    open_contacts: int = 0
    contact_children: int = 0
    unlinked_children: int = 0
    household_members: int = 0
    partner_checks: int = 0
    screenings: int = 0
    decisions: int = 0
    referrals: int = 0
    earlier_referrals: int = 0
    early_help: int = 0
    encompass_notices: int = 0

    def add(self, other: FrontDoorCounts) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


class ContactWriter:
    def __init__(self, levels: dict[int, int], batch_size: int = BATCH_SIZE) -> None:
        self.levels = levels  # NeedLevel ids by level number, in the framework in force
        self.batch_size = batch_size
        self.counts = FrontDoorCounts()

    def write(self, contacts: list[PlannedContact]) -> None:
        for start in range(0, len(contacts), self.batch_size):
            self._write_batch(contacts[start : start + self.batch_size])

    def _write_batch(self, planned: list[PlannedContact]) -> None:
        saved = Contact.objects.bulk_create([self._contact(contact) for contact in planned])
        _set_references([contact.pk for contact in saved])
        pairs = [
            (child, ContactChild(contact=contact, **_child_fields(child, plan.worker_id)))
            for plan, contact in zip(planned, saved, strict=True)
            for child in plan.children
        ]
        ContactChild.objects.bulk_create([row for _, row in pairs])
        self._write_around(planned, saved)
        self._write_decisions(pairs)
        counts = self.counts
        counts.contacts += len(saved)
        counts.open_contacts += sum(plan.status != Status.DECIDED for plan in planned)
        counts.contact_children += len(pairs)
        counts.unlinked_children += sum(child.linked_at is None for child, _ in pairs)

    def _contact(self, plan: PlannedContact) -> Contact:
        referrer = plan.referrer
        return Contact(
            status=plan.status,
            route=plan.route,
            referral_source=plan.referral_source,
            received_at=plan.received_at,
            due_at=plan.due_at,
            submitted_by_id=referrer.submitted_by_id,
            recorded_by_id=plan.recorded_by_id,
            referrer_name=referrer.name,
            referrer_role=referrer.role,
            referrer_agency_id=referrer.agency_id,
            referrer_organisation=referrer.organisation,
            referrer_email=referrer.email,
            referrer_phone=referrer.phone,
            worries=plan.worries,
            worry_details=plan.worry_details,
            already_tried=plan.already_tried,
            child_voice=plan.child_voice,
            referrer_level_id=self.levels[plan.referrer_level] if plan.referrer_level else None,
            consent=plan.consent,
            consent_given_by=plan.consent_given_by,
            consent_covers=plan.consent_covers,
            consent_not_obtained_reason=plan.consent_not_obtained_reason,
            consent_not_needed_reason=plan.consent_not_needed_reason,
            follows_phone_call=plan.follows_phone_call,
            phone_call_at=plan.phone_call_at,
            request=plan.request,
            incident_at=plan.incident_at,
            police_reference=plan.police_reference,
            allocated_to_id=plan.worker_id if plan.allocated_at else None,
            allocated_at=plan.allocated_at,
            decided_at=plan.decided_at,
            referrer_told_at=plan.referrer_told_at,
            created_at=plan.received_at,
        )

    def _write_around(self, planned: list[PlannedContact], saved: list[Contact]) -> None:
        members, checks, screenings = [], [], []
        for plan, contact in zip(planned, saved, strict=True):
            members += [HouseholdMember(contact=contact, **vars(member)) for member in plan.household]
            checks += [
                PartnerCheck(
                    contact=contact,
                    agency_id=check.agency_id,
                    question=check.question,
                    asked_by_id=plan.worker_id,
                    asked_at=check.asked_at,
                    due_at=check.due_at,
                    status="answered" if check.answered_at else "asked",
                    answer=check.answer,
                    answered_by_id=check.answered_by_id,
                    answered_at=check.answered_at,
                )
                for check in plan.checks
            ]
            screenings += [Screening(contact=contact, **vars(screening)) for screening in plan.screenings]
        HouseholdMember.objects.bulk_create(members)
        PartnerCheck.objects.bulk_create(checks)
        Screening.objects.bulk_create(screenings)
        self.counts.household_members += len(members)
        self.counts.partner_checks += len(checks)
        self.counts.screenings += len(screenings)

    def _write_decisions(self, pairs: list[tuple[PlannedContactChild, ContactChild]]) -> None:
        decisions, referrals, early_help, notices = [], [], [], []
        journeys, episodes = [], []
        for planned, child in pairs:
            if planned.encompass is not None:
                notices.append(EncompassNotification(child=child, **vars(planned.encompass)))
            decision = planned.decision
            if decision is None:
                continue
            decisions.append(
                Decision(
                    child=child,
                    level_id=self.levels[decision.level],
                    outcome=decision.outcome,
                    no_further_action_reason=decision.no_further_action_reason,
                    rationale=decision.rationale,
                    decided_by_id=decision.decided_by_id,
                    decided_at=decision.decided_at,
                    needs_sign_off=decision.needs_sign_off,
                    signed_off_by_id=decision.signed_off_by_id,
                    signed_off_at=decision.signed_off_at,
                    completed_at=decision.completed_at,
                )
            )
            if planned.referral is not None and planned.referral.journey is not None:
                referrals.append(_referral(planned.person_id, planned.referral, child))
                journeys.append(planned.referral.journey)
            if planned.early_help is not None and planned.early_help.episode is not None:
                early_help.append(_early_help(planned.person_id, planned.early_help, child))
                episodes.append(planned.early_help.episode)
        Decision.objects.bulk_create(decisions)
        for journey, referral in zip(journeys, Referral.objects.bulk_create(referrals), strict=True):
            journey.referral_id = referral.pk
        for episode, row in zip(episodes, EarlyHelpEpisode.objects.bulk_create(early_help), strict=True):
            episode.episode_id = row.pk
        EncompassNotification.objects.bulk_create(notices)
        counts = self.counts
        counts.decisions += len(decisions)
        counts.referrals += len(referrals)
        counts.early_help += len(early_help)
        counts.encompass_notices += len(notices)


def _child_fields(child: PlannedContactChild, worker_id: int) -> dict[str, object]:
    linked = child.linked_at is not None
    return {
        "person_id": child.person_id if linked else None,
        "given_name": child.given_name,
        "family_name": child.family_name,
        "is_unborn": child.is_unborn,
        "date_of_birth": child.date_of_birth,
        "expected_date_of_delivery": child.expected_date_of_delivery,
        "sex": child.sex,
        "nhs_number": child.nhs_number,
        "postcode": child.postcode,
        "address": child.address,
        "school_id": child.school_id,
        "linked_by_id": worker_id if linked else None,
        "linked_at": child.linked_at,
    }


def _referral(person_id: int, planned: PlannedReferral, child: ContactChild) -> Referral:
    """The referral a decision opened, closed (with its DfE reason) as its journey says."""
    journey = planned.journey
    assert journey is not None
    return Referral(
        person_id=person_id,
        referral_date=planned.referral_date,
        referral_source=planned.referral_source,
        primary_need=journey.primary_need,
        no_further_action=journey.no_further_action,
        closed=journey.closed,
        closure_reason=journey.closure_reason,
        contact_child=child,
        created_by_id=planned.created_by_id,
    )


def _early_help(person_id: int, planned: PlannedEarlyHelp, child: ContactChild) -> EarlyHelpEpisode:
    episode = planned.episode
    assert episode is not None
    return EarlyHelpEpisode(
        person_id=person_id,
        started=planned.started,
        ended=episode.ended,
        outcome=episode.outcome,
        lead_practitioner_id=episode.lead_practitioner_id,
        consent_given_by=episode.consent_given_by,
        contact_child=child,
        created_by_id=planned.created_by_id,
    )


def _set_references(ids: list[int]) -> None:
    """`FD-` and the id in seven digits, as `frontdoor.intake.receive` names a contact; one UPDATE."""
    padded = LPad(Cast("pk", CharField()), REFERENCE_DIGITS, Value("0"))
    reference = Case(
        When(pk__lt=10**REFERENCE_DIGITS, then=Concat(Value("FD-"), padded)),
        default=Concat(Value("FD-"), Cast("pk", CharField())),
    )
    Contact.objects.filter(pk__in=ids).update(reference=reference)
