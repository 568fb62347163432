"""The child in need episode: referral, assessment, child in need plan and its reviews, visits.

A referral here has the DfE meaning (CIN census `CINdetails`; D2I's `ssd_cin_episodes`): a
contact accepted for a social work response. It opens the episode; the episode closes with a
date and a DfE reason. Assessments, plans, strategy discussions and section 47 enquiries hang
off it, as they do in the census.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from continuum.statutory import codes

from ..catalogue import NEEDS_SUPPORT, AssessmentOutcome, VisitKind
from .base import JourneyRecord, day, not_before, not_in_future, only_one_open, raise_if

# Closure reasons for a case closed straight after its assessment (no further action, or early
# help): CIN census rule 2990 allows no section 47 enquiry, plan or conference in such an episode.
CLOSED_AFTER_ASSESSMENT = ("RC8", "RC9")
# The reason for a case that went on to an enquiry or a plan and then ended in the ordinary way.
SERVICES_CEASED = "RC7"


class Referral(JourneyRecord):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField(db_index=True)
    referral_source = models.CharField(max_length=3, choices=codes.REFERRAL_SOURCE.choices())
    primary_need = models.CharField(
        max_length=2,
        choices=codes.PRIMARY_NEED.choices(),
        blank=True,
        help_text="The main reason the child needs help, usually decided at the assessment.",
    )
    no_further_action = models.BooleanField(
        "Referral closed with no further action",
        default=False,
        help_text="Yes when the referral closed at the outset, with no assessment (CIN census ReferralNFA).",
    )
    closed = models.DateField("Date closed", null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=codes.CLOSURE_REASON.choices(), blank=True)
    contact_child = models.OneToOneField(
        "frontdoor.ContactChild", on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )

    class Meta:
        ordering = ["-referral_date", "-pk"]
        indexes = [
            models.Index(fields=["person", "referral_date"]),
            # Children in need at a date: the referrals still open then (bench/insight_bench.py).
            models.Index(fields=["closed"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(closed__isnull=True), name="one_open_referral_per_child"
            ),
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(closed__gte=models.F("referral_date")),
                name="referral_closed_after_it_started",
            ),
            # CIN census rules 8805 and 8810: a closure date and a reason go together.
            models.CheckConstraint(
                condition=Q(closed__isnull=True, closure_reason="")
                | (Q(closed__isnull=False) & ~Q(closure_reason="")),
                name="referral_closure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.person} on {day(self.referral_date)}"

    @property
    def is_open(self) -> bool:
        return self.closed is None

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "referral_date", self.referral_date)
        not_before(errors, "closed", self.closed, self.referral_date, "the referral")
        if self.closed and not self.closure_reason:
            errors.setdefault("closure_reason", []).append("Choose the reason the case closed")
        if self.closure_reason and not self.closed:
            errors.setdefault("closed", []).append("Enter the date the case closed")
        if self.closed is None and self.person_id:
            others = Referral.objects.filter(person_id=self.person_id, closed__isnull=True).exclude(
                pk=self.pk
            )
            only_one_open(errors, "referral_date", others, "referral for this child")
        if self.closed and self.pk:
            self._nothing_left_open(errors)
        if self.closure_reason in CLOSED_AFTER_ASSESSMENT and self.pk and self.went_beyond_assessment():
            errors.setdefault("closure_reason", []).append(
                f"{self.closure_reason} is for a case closed straight after its assessment. This case had "
                f"a section 47 enquiry or a plan: choose {SERVICES_CEASED} (services ceased for any other "
                "reason)"
            )
        raise_if(errors)

    def went_beyond_assessment(self) -> bool:
        """A section 47 enquiry, a plan or an initial conference: the case did not close at assessment."""
        return (
            self.section_47_enquiries.exists()
            or self.cin_plans.exists()
            or self.cp_plans.exists()
            or self.conferences.exists()
        )

    def _nothing_left_open(self, errors: dict[str, list[str]]) -> None:
        # Everything in the episode ends on or before the closure (CIN census rules 8820, 8825, 8840).
        open_steps = [
            ("an assessment", self.assessments.filter(authorised__isnull=True)),
            ("a child in need plan", self.cin_plans.filter(ended__isnull=True)),
            ("a section 47 enquiry", self.section_47_enquiries.filter(completed__isnull=True)),
            ("a child protection plan", self.cp_plans.filter(ended__isnull=True)),
        ]
        for what, steps in open_steps:
            if steps.exists():
                errors.setdefault("closed", []).append(
                    f"The case still has {what} open. Complete or end it first"
                )


class Assessment(JourneyRecord):
    """A single assessment (CIN census `Assessments`; Annex A list 4)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="assessments")
    started = models.DateField("Date the assessment started")
    child_seen = models.DateField(
        "Date the child was seen",
        null=True,
        blank=True,
        help_text="Leave empty until the child has been seen.",
    )
    # Codes from the DfE assessment factors, stored as a list; validated in clean().
    factors = models.JSONField(
        "Factors identified", default=list, blank=True, help_text="Every factor the assessment found."
    )
    completed = models.DateField("Date the social worker completed it", null=True, blank=True)
    authorised = models.DateField(
        "Date the manager authorised it", null=True, blank=True, help_text="The assessment ends on this date."
    )
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)

    class Meta:
        ordering = ["-started", "-pk"]
        # The figures count assessments by the day they were authorised; with the start, the referral
        # (and the key, which PostgreSQL needs included) the timeliness figures read only the index.
        indexes = [
            models.Index(
                fields=["authorised", "started", "referral"], include=["id"], name="assessment_figures_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=Q(authorised__isnull=True),
                name="one_open_assessment_per_referral",
            ),
            models.CheckConstraint(
                condition=Q(authorised__isnull=True) | Q(authorised__gte=models.F("started")),
                name="assessment_authorised_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.authorised is None

    @property
    def needs_support(self) -> bool:
        return self.outcome in NEEDS_SUPPORT

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        referral = self.referral
        not_in_future(errors, "started", self.started)
        not_before(errors, "started", self.started, referral.referral_date, "the referral")
        not_before(errors, "child_seen", self.child_seen, self.started, "the assessment started")
        not_in_future(errors, "child_seen", self.child_seen)
        not_before(errors, "completed", self.completed, self.started, "the assessment started")
        not_before(errors, "authorised", self.authorised, self.completed or self.started, "it was completed")
        not_in_future(errors, "authorised", self.authorised)
        if self.authorised and not self.outcome:
            errors.setdefault("outcome", []).append(
                "Choose what the assessment decided before authorising it"
            )
        if self.authorised and not self.factors:
            errors.setdefault("factors", []).append(
                'Choose the factors the assessment identified, or "No factors identified"'
            )
        self._check_factors(errors)
        if self.authorised is None:
            others = Assessment.objects.filter(referral=referral, authorised__isnull=True).exclude(pk=self.pk)
            only_one_open(errors, "started", others, "assessment in this referral")
        raise_if(errors)

    def _check_factors(self, errors: dict[str, list[str]]) -> None:
        factors = list(self.factors or [])
        for factor in factors:
            try:
                codes.ASSESSMENT_FACTOR.validate(factor)
            except Exception as error:  # ValidationError from the code set, in its own words
                errors.setdefault("factors", []).extend(getattr(error, "messages", [str(error)]))
        if "21" in factors and len(factors) > 1:
            # CIN census rule 8869.
            errors.setdefault("factors", []).append(
                '"No factors identified" cannot be chosen with other factors. Untick one or the other'
            )
        if len(set(factors)) != len(factors):
            errors.setdefault("factors", []).append("A factor is listed twice. Choose each factor once")


class ChildInNeedPlan(JourneyRecord):
    """A child in need plan (CIN census `CINPlanDates`)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="cin_plans")
    started = models.DateField("Date the plan started")
    ended = models.DateField("Date the plan ended", null=True, blank=True)
    visit_every_working_days = models.PositiveSmallIntegerField(
        "Visit the child every (working days)",
        default=20,
        help_text="How often the plan says the child is to be seen. The clock counts from the last visit.",
    )

    class Meta:
        ordering = ["-started", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=Q(ended__isnull=True), name="one_open_cin_plan_per_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"Child in need plan from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "started", self.started)
        not_before(errors, "started", self.started, self.referral.referral_date, "the referral")
        not_before(errors, "ended", self.ended, self.started, "the plan started")
        not_in_future(errors, "ended", self.ended)
        if self.visit_every_working_days == 0:
            errors.setdefault("visit_every_working_days", []).append(
                "Enter a number of working days, 1 or more"
            )
        if self.ended is None:
            others = ChildInNeedPlan.objects.filter(referral=self.referral, ended__isnull=True).exclude(
                pk=self.pk
            )
            only_one_open(errors, "started", others, "child in need plan")
        raise_if(errors)


class ChildInNeedReview(JourneyRecord):
    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the review")

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Child in need review on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        not_before(errors, "held_on", self.held_on, self.plan.started, "the plan started")
        if self.plan.ended and self.held_on > self.plan.ended:
            errors.setdefault("held_on", []).append(
                f"The plan ended on {day(self.plan.ended)}. A review must be on or before that date"
            )
        raise_if(errors)


class Visit(JourneyRecord):
    """A statutory visit to the child by their social worker (Annex A lists 6 to 8)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    visited_on = models.DateField("Date of the visit")
    child_seen = models.BooleanField("Was the child seen?", default=True)
    seen_alone = models.BooleanField("Was the child seen alone?", default=False)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["person", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {day(self.visited_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "visited_on", self.visited_on)
        if self.seen_alone and not self.child_seen:
            errors.setdefault("seen_alone", []).append(
                "The child cannot be seen alone if they were not seen. Change one of the answers"
            )
        raise_if(errors)
