"""Contacts to the front door, the children they are about, partner checks and decisions.

A contact is what arrived (a MARF, a phone call, a police notification); each child on it gets
their own decision, because siblings often need different responses. The records that follow a
decision (a referral, an early help episode) live in their own apps and point back here.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from continuum.statutory import codes
from continuum.statutory.models import NeedLevel

from .catalogue import (
    CheckStatus,
    Consent,
    NoFurtherActionReason,
    Outcome,
    Request,
    Route,
    ScreeningView,
    Status,
)

USER = settings.AUTH_USER_MODEL


class ContactQuerySet(models.QuerySet["Contact"]):
    def received(self) -> ContactQuerySet:
        return self.exclude(status=Status.DRAFT)

    def open(self) -> ContactQuerySet:
        return self.filter(status__in=(Status.AWAITING_TRIAGE, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF))

    def overdue(self, now: datetime | None = None) -> ContactQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())


class Contact(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    route = models.CharField(max_length=30, choices=Route.choices)
    referral_source = models.CharField(
        max_length=3, choices=codes.REFERRAL_SOURCE.choices(), blank=True, db_index=True
    )
    received_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When the one-working-day clock runs out: kept so that the queue can sort and filter on it
    # in SQL. Always `clocks.decision_due(received_at)`; set once, when the contact is received.
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)

    # Who referred. A partner submitting online is `submitted_by`; a phone call is recorded by
    # a front-door worker on the referrer's behalf.
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField("Job title or role", max_length=200, blank=True)
    referrer_agency = models.ForeignKey(
        "access.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=30, blank=True)

    worries = models.JSONField(default=list, blank=True)
    worry_details = models.TextField(blank=True)
    already_tried = models.TextField(blank=True)
    child_voice = models.TextField(blank=True)
    lived_experience = models.TextField(blank=True)
    referrer_level = models.ForeignKey(
        NeedLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    consent = models.CharField(max_length=20, choices=Consent.choices, blank=True)
    consent_given_by = models.CharField(max_length=200, blank=True)
    consent_covers = models.CharField(max_length=300, blank=True)
    consent_not_obtained_reason = models.TextField(blank=True)
    consent_not_needed_reason = models.TextField(blank=True)

    follows_phone_call = models.BooleanField(null=True, blank=True)
    phone_call_at = models.DateTimeField(null=True, blank=True)
    request = models.CharField(max_length=40, choices=Request.choices, default=Request.NONE, blank=True)

    # Police domestic-abuse notifications.
    incident_at = models.DateTimeField(null=True, blank=True)
    police_reference = models.CharField(max_length=50, blank=True)

    allocated_to = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="allocated_contacts"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)
    referrer_told_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["submitted_by", "status"]),
            # The figures count contacts received in a period, and how many were decided in time and
            # their referrer told: with these columns in the index (and the key, which PostgreSQL
            # needs included) they read only the index, not the contacts' long rows.
            models.Index(
                fields=["received_at", "status", "decided_at", "due_at", "route", "referrer_told_at"],
                include=["id"],
                name="contact_figures_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Draft contact {self.pk}"

    @property
    def is_domestic_abuse_notification(self) -> bool:
        return self.route == Route.POLICE_NOTIFICATION

    @property
    def is_open(self) -> bool:
        return self.status in (Status.AWAITING_TRIAGE, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF)

    def worry_labels(self) -> list[str]:
        from .catalogue import Worry

        return [Worry(value).label for value in self.worries if value in Worry.values]


class ContactChild(models.Model):
    """A child (or unborn baby) named on a contact, as the referrer described them."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    given_name = models.CharField("First name", max_length=100, blank=True)
    family_name = models.CharField("Last name", max_length=100, blank=True)
    is_unborn = models.BooleanField(default=False)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=codes.SEX.choices(), blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    address = models.CharField(max_length=300, blank=True)
    school = models.ForeignKey(
        "access.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    linked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contact", "pk"]
        verbose_name_plural = "contact children"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        name = " ".join(part for part in (self.given_name, self.family_name) if part)
        if self.is_unborn:
            return f"Unborn baby {self.family_name}".strip() if not self.given_name else f"{name} (unborn)"
        return name or "Name not known"


class HouseholdMember(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="household")
    name = models.CharField(max_length=200)
    relationship = models.CharField(
        "Relationship to the children", max_length=100, help_text="For example mother, stepfather, lodger."
    )
    date_of_birth = models.DateField(null=True, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    lives_with_children = models.BooleanField(default=True)

    class Meta:
        ordering = ["contact", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class PartnerCheck(models.Model):
    """The decision maker's question to a partner agency, and the agency's answer."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="checks")
    agency = models.ForeignKey("access.Agency", on_delete=models.PROTECT, related_name="checks")
    question = models.TextField()
    asked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=CheckStatus.choices, default=CheckStatus.ASKED)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.agency} check on {self.contact}"


class Screening(models.Model):
    """One half of the joint screening of a police domestic-abuse notification."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="screenings")
    view = models.CharField(max_length=20, choices=ScreeningView.choices)
    screened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    screened_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField()

    class Meta:
        ordering = ["screened_at"]
        constraints = [models.UniqueConstraint(fields=["contact", "view"], name="one_screening_per_view")]

    def __str__(self) -> str:
        return f"{self.get_view_display()} screening of {self.contact}"


class Decision(models.Model):
    """What the front door decided for one child on a contact, and why."""

    child = models.OneToOneField(ContactChild, on_delete=models.PROTECT, related_name="decision")
    level = models.ForeignKey(NeedLevel, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices, db_index=True)
    no_further_action_reason = models.CharField(
        max_length=30, choices=NoFurtherActionReason.choices, blank=True
    )
    rationale = models.TextField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    needs_sign_off = models.BooleanField(default=False)
    signed_off_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField(blank=True)
    # When the decision took effect: on the decision, or on sign-off where that is needed.
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.child}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def outcome_summary(self) -> str:
        if self.outcome == Outcome.NO_FURTHER_ACTION and self.no_further_action_reason:
            return f"{self.get_outcome_display()}: {self.get_no_further_action_reason_display().lower()}"
        return self.get_outcome_display()


class SentBackDecision(models.Model):
    """A decision a manager sent back, kept as it was: nothing entered is lost.

    The child's current `Decision` is the one being made again; this is the history before it.
    """

    child = models.ForeignKey(ContactChild, on_delete=models.PROTECT, related_name="sent_back_decisions")
    level = models.ForeignKey(NeedLevel, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    no_further_action_reason = models.CharField(
        max_length=30, choices=NoFurtherActionReason.choices, blank=True
    )
    rationale = models.TextField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    sent_back_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_back_at = models.DateTimeField(default=timezone.now)
    note = models.TextField()

    class Meta:
        ordering = ["sent_back_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.child}, sent back"


class EncompassNotification(models.Model):
    """Operation Encompass: the school hears of a domestic-abuse incident before the next school day."""

    child = models.ForeignKey(ContactChild, on_delete=models.PROTECT, related_name="encompass_notifications")
    school = models.ForeignKey("access.Agency", on_delete=models.PROTECT, related_name="+")
    incident_at = models.DateTimeField()
    due_by = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["due_by"]
        constraints = [
            models.UniqueConstraint(fields=["child", "school"], name="one_encompass_per_child_school")
        ]

    def __str__(self) -> str:
        return f"Operation Encompass notice to {self.school} about {self.child}"
