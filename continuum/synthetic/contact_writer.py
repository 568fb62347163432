"""Writes planned contacts in batches: a few multi-row INSERTs per table per batch, no query per row.

The inserts (`bulk.Inserter`) skip `save()` and the services, so this writes what they would
have: the reference `FD-0000123` from the contact's id (set in one UPDATE per batch), `due_at`
from the clocks, the referral source from the catalogue, and the follow-on referral or early
help episode of each decision that has taken effect.
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

from .bulk import Inserter
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
    # The years before the front door's (from April 2016): their contacts, and the referrals and
    # early help episodes those contacts opened.
    earlier_contacts: int = 0
    earlier_contact_referrals: int = 0
    earlier_contact_early_help: int = 0

    def add(self, other: FrontDoorCounts) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


CONTACT_FIELDS = (
    "status", "route", "referral_source", "received_at", "due_at", "submitted_by_id", "recorded_by_id",
    "referrer_name", "referrer_role", "referrer_agency_id", "referrer_organisation", "referrer_email",
    "referrer_phone", "worries", "worry_details", "already_tried", "child_voice", "referrer_level_id",
    "consent", "consent_given_by", "consent_covers", "consent_not_obtained_reason",
    "consent_not_needed_reason", "follows_phone_call", "phone_call_at", "request", "incident_at",
    "police_reference", "allocated_to_id", "allocated_at", "decided_at", "referrer_told_at", "created_at",
)  # fmt: skip
CHILD_FIELDS = (
    "contact_id", "person_id", "given_name", "family_name", "is_unborn", "date_of_birth",
    "expected_date_of_delivery", "sex", "nhs_number", "postcode", "address", "school_id", "linked_by_id",
    "linked_at",
)  # fmt: skip
MEMBER_FIELDS = (
    "contact_id",
    "name",
    "relationship",
    "date_of_birth",
    "has_parental_responsibility",
    "lives_with_children",
)
CHECK_FIELDS = (
    "contact_id", "agency_id", "question", "asked_by_id", "asked_at", "due_at", "status", "answer",
    "answered_by_id", "answered_at",
)  # fmt: skip
SCREENING_FIELDS = ("contact_id", "view", "screened_by_id", "screened_at", "notes")
DECISION_FIELDS = (
    "child_id", "level_id", "outcome", "no_further_action_reason", "rationale", "decided_by_id", "decided_at",
    "needs_sign_off", "signed_off_by_id", "signed_off_at", "completed_at",
)  # fmt: skip
REFERRAL_FIELDS = (
    "person_id", "referral_date", "referral_source", "primary_need", "no_further_action", "closed",
    "closure_reason", "contact_child_id", "created_by_id",
)  # fmt: skip
EARLY_HELP_FIELDS = (
    "person_id", "started", "ended", "outcome", "lead_practitioner_id", "consent_given_by",
    "contact_child_id", "created_by_id",
)  # fmt: skip
ENCOMPASS_FIELDS = ("child_id", "school_id", "incident_at", "due_by", "sent_at", "sent_to")


class ContactWriter:
    def __init__(self, levels: dict[int, int], batch_size: int = BATCH_SIZE) -> None:
        self.levels = levels  # NeedLevel ids by level number, in the framework in force
        self.batch_size = batch_size
        self.counts = FrontDoorCounts()
        self.contacts = Inserter(Contact, CONTACT_FIELDS)
        self.children = Inserter(ContactChild, CHILD_FIELDS)
        self.members = Inserter(HouseholdMember, MEMBER_FIELDS)
        self.checks = Inserter(PartnerCheck, CHECK_FIELDS)
        self.screenings = Inserter(Screening, SCREENING_FIELDS)
        self.decisions = Inserter(Decision, DECISION_FIELDS)
        self.referrals = Inserter(Referral, REFERRAL_FIELDS)
        self.early_help = Inserter(EarlyHelpEpisode, EARLY_HELP_FIELDS)
        self.encompass = Inserter(EncompassNotification, ENCOMPASS_FIELDS)

    def write(self, contacts: list[PlannedContact]) -> None:
        for start in range(0, len(contacts), self.batch_size):
            self._write_batch(contacts[start : start + self.batch_size])

    def _write_batch(self, planned: list[PlannedContact]) -> None:
        ids = self.contacts.insert([self._contact(contact) for contact in planned])
        _set_references(ids)
        pairs = [
            (child, plan, contact_id)
            for plan, contact_id in zip(planned, ids, strict=True)
            for child in plan.children
        ]
        child_ids = self.children.insert(
            [_child_row(child, plan.worker_id, contact_id) for child, plan, contact_id in pairs]
        )
        self._write_around(planned, ids)
        self._write_decisions(
            [(child, child_id) for (child, _, _), child_id in zip(pairs, child_ids, strict=True)]
        )
        counts = self.counts
        counts.contacts += len(ids)
        counts.open_contacts += sum(plan.status != Status.DECIDED for plan in planned)
        counts.contact_children += len(pairs)
        counts.unlinked_children += sum(child.linked_at is None for child, _, _ in pairs)

    def _contact(self, plan: PlannedContact) -> tuple[object, ...]:
        referrer = plan.referrer
        return (
            plan.status, plan.route, plan.referral_source, plan.received_at, plan.due_at,
            referrer.submitted_by_id, plan.recorded_by_id, referrer.name, referrer.role, referrer.agency_id,
            referrer.organisation, referrer.email, referrer.phone, plan.worries, plan.worry_details,
            plan.already_tried, plan.child_voice,
            self.levels[plan.referrer_level] if plan.referrer_level else None,
            plan.consent, plan.consent_given_by, plan.consent_covers, plan.consent_not_obtained_reason,
            plan.consent_not_needed_reason, plan.follows_phone_call, plan.phone_call_at, plan.request,
            plan.incident_at, plan.police_reference, plan.worker_id if plan.allocated_at else None,
            plan.allocated_at, plan.decided_at, plan.referrer_told_at, plan.received_at,
        )  # fmt: skip

    def _write_around(self, planned: list[PlannedContact], ids: list[int]) -> None:
        members: list[tuple[object, ...]] = []
        checks: list[tuple[object, ...]] = []
        screenings: list[tuple[object, ...]] = []
        for plan, contact_id in zip(planned, ids, strict=True):
            members += [
                (contact_id, m.name, m.relationship, m.date_of_birth, m.has_parental_responsibility,
                 m.lives_with_children)
                for m in plan.household
            ]  # fmt: skip
            checks += [
                (contact_id, c.agency_id, c.question, plan.worker_id, c.asked_at, c.due_at,
                 "answered" if c.answered_at else "asked", c.answer, c.answered_by_id, c.answered_at)
                for c in plan.checks
            ]  # fmt: skip
            screenings += [
                (contact_id, s.view, s.screened_by_id, s.screened_at, s.notes) for s in plan.screenings
            ]
        self.members.insert(members)
        self.checks.insert(checks)
        self.screenings.insert(screenings)
        self.counts.household_members += len(members)
        self.counts.partner_checks += len(checks)
        self.counts.screenings += len(screenings)

    def _write_decisions(self, pairs: list[tuple[PlannedContactChild, int]]) -> None:
        decisions: list[tuple[object, ...]] = []
        referrals: list[tuple[object, ...]] = []
        early_help: list[tuple[object, ...]] = []
        notices: list[tuple[object, ...]] = []
        journeys, episodes = [], []
        for planned, child_id in pairs:
            if planned.encompass is not None:
                e = planned.encompass
                notices.append((child_id, e.school_id, e.incident_at, e.due_by, e.sent_at, e.sent_to))
            decision = planned.decision
            if decision is None:
                continue
            decisions.append(
                (
                    child_id, self.levels[decision.level], decision.outcome,
                    decision.no_further_action_reason, decision.rationale, decision.decided_by_id,
                    decision.decided_at, decision.needs_sign_off, decision.signed_off_by_id,
                    decision.signed_off_at, decision.completed_at,
                )
            )  # fmt: skip
            if planned.referral is not None and planned.referral.journey is not None:
                referrals.append(_referral(planned.person_id, planned.referral, child_id))
                journeys.append(planned.referral.journey)
            if planned.early_help is not None and planned.early_help.episode is not None:
                early_help.append(_early_help(planned.person_id, planned.early_help, child_id))
                episodes.append(planned.early_help.episode)
        self.decisions.insert(decisions)
        for journey, referral_id in zip(journeys, self.referrals.insert(referrals), strict=True):
            journey.referral_id = referral_id
        for episode, episode_id in zip(episodes, self.early_help.insert(early_help), strict=True):
            episode.episode_id = episode_id
        self.encompass.insert(notices)
        counts = self.counts
        counts.decisions += len(decisions)
        counts.referrals += len(referrals)
        counts.early_help += len(early_help)
        counts.encompass_notices += len(notices)


def _child_row(child: PlannedContactChild, worker_id: int, contact_id: int) -> tuple[object, ...]:
    linked = child.linked_at is not None
    return (
        contact_id, child.person_id if linked else None, child.given_name, child.family_name, child.is_unborn,
        child.date_of_birth, child.expected_date_of_delivery, child.sex, child.nhs_number, child.postcode,
        child.address, child.school_id, worker_id if linked else None, child.linked_at,
    )  # fmt: skip


def _referral(person_id: int, planned: PlannedReferral, contact_child_id: int) -> tuple[object, ...]:
    """The referral a decision opened, closed (with its DfE reason) as its journey says."""
    journey = planned.journey
    assert journey is not None
    return (
        person_id, planned.referral_date, planned.referral_source, journey.primary_need,
        journey.no_further_action, journey.closed, journey.dfe_closure_reason, contact_child_id,
        planned.created_by_id,
    )  # fmt: skip


def _early_help(person_id: int, planned: PlannedEarlyHelp, contact_child_id: int) -> tuple[object, ...]:
    episode = planned.episode
    assert episode is not None
    return (
        person_id, planned.started, episode.ended, episode.outcome, episode.lead_practitioner_id,
        episode.consent_given_by, contact_child_id, planned.created_by_id,
    )  # fmt: skip


def _set_references(ids: list[int]) -> None:
    """`FD-` and the id in seven digits, as `frontdoor.intake.receive` names a contact; one UPDATE."""
    padded = LPad(Cast("pk", CharField()), REFERENCE_DIGITS, Value("0"))
    reference = Case(
        When(pk__lt=10**REFERENCE_DIGITS, then=Concat(Value("FD-"), padded)),
        default=Concat(Value("FD-"), Cast("pk", CharField())),
    )
    Contact.objects.filter(pk__in=ids).update(reference=reference)
