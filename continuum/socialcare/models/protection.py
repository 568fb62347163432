"""Child protection: strategy discussions, section 47 enquiries, conferences, plans, core groups.

They sit in the child in need episode (the referral), as the CIN census nests them. A plan
starts on the date of the initial conference that decided it (CIN census rule 2885); review
conferences and core groups belong to the plan.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from continuum.statutory import codes

from ..catalogue import (
    INITIAL_OUTCOMES,
    REVIEW_OUTCOMES,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    Section47Outcome,
    StrategyDecision,
)
from .base import JourneyRecord, day, not_before, not_in_future, only_one_open, raise_if
from .cin import Referral


class StrategyDiscussion(JourneyRecord):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="strategy_discussions")
    held_on = models.DateField("Date of the strategy discussion")
    agencies_present = models.ManyToManyField(
        "access.Agency", blank=True, related_name="+", help_text="Every agency that took part."
    )
    decision = models.CharField(max_length=10, choices=StrategyDecision.choices)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Strategy discussion on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        not_before(errors, "held_on", self.held_on, self.referral.referral_date, "the referral")
        raise_if(errors)


class Section47Enquiry(JourneyRecord):
    """A section 47 enquiry (CIN census `Section47`; Annex A list 5)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="section_47_enquiries")
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section_47_enquiries"
    )
    started = models.DateField("Date the enquiry started")
    completed = models.DateField("Date the enquiry finished", null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Section47Outcome.choices, blank=True)

    class Meta:
        ordering = ["-started", "-pk"]
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        # The figures count enquiries by the day they started (bench/insight_bench.py).
        indexes = [models.Index(fields=["started"])]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=Q(completed__isnull=True), name="one_open_s47_per_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.completed is None

    @property
    def conference_not_required(self) -> bool:
        """CIN census ICPCnotRequired: the enquiry finished without needing an initial conference."""
        return self.completed is not None and self.outcome != Section47Outcome.INITIAL_CONFERENCE

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        discussion = self.strategy_discussion
        if discussion.referral_id != self.referral_id:
            errors.setdefault("strategy_discussion", []).append(
                "Choose a strategy discussion from this referral"
            )
        not_in_future(errors, "started", self.started)
        not_before(errors, "started", self.started, discussion.held_on, "the strategy discussion")
        not_before(errors, "completed", self.completed, self.started, "the enquiry started")
        not_in_future(errors, "completed", self.completed)
        if self.completed and not self.outcome:
            errors.setdefault("outcome", []).append("Choose the outcome of the enquiry")
        if self.outcome and not self.completed:
            errors.setdefault("completed", []).append("Enter the date the enquiry finished")
        if self.completed is None:
            others = Section47Enquiry.objects.filter(referral=self.referral, completed__isnull=True)
            only_one_open(errors, "started", others.exclude(pk=self.pk), "section 47 enquiry")
        raise_if(errors)


class ChildProtectionPlan(JourneyRecord):
    """A child protection plan (CIN census `ChildProtectionPlans`; Annex A list 7)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="cp_plans")
    started = models.DateField("Date the plan started")
    initial_category = models.CharField(
        "Initial category of abuse", max_length=3, choices=codes.CATEGORY_OF_ABUSE.choices()
    )
    latest_category = models.CharField(
        "Latest category of abuse", max_length=3, choices=codes.CATEGORY_OF_ABUSE.choices()
    )
    ended = models.DateField("Date the plan ended", null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    visit_every_working_days = models.PositiveSmallIntegerField(
        "Visit the child every (working days)",
        default=10,
        help_text="How often the plan says the child is to be seen. Many partnerships set 10 working days.",
    )

    class Meta:
        ordering = ["-started", "-pk"]
        # The figures count plans started, ended and open on a day (bench/insight_bench.py).
        indexes = [models.Index(fields=["started"]), models.Index(fields=["ended"])]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=Q(ended__isnull=True), name="one_open_cp_plan_per_referral"
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=models.F("started")),
                name="cp_plan_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    @property
    def initial_conference(self) -> ChildProtectionConference | None:
        return self.conferences.filter(kind=ConferenceKind.INITIAL).first()

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "started", self.started)
        not_before(errors, "started", self.started, self.referral.referral_date, "the referral")
        not_before(errors, "ended", self.ended, self.started, "the plan started")
        not_in_future(errors, "ended", self.ended)
        self._started_at_a_conference(errors)
        if self.ended and not self.end_reason:
            errors.setdefault("end_reason", []).append("Choose why the plan ended")
        if self.end_reason and not self.ended:
            errors.setdefault("ended", []).append("Enter the date the plan ended")
        if self.ended is None and self.referral_id:
            others = ChildProtectionPlan.objects.filter(
                referral__person_id=self.referral.person_id, ended__isnull=True
            ).exclude(pk=self.pk)
            only_one_open(errors, "started", others, "child protection plan for this child")
        raise_if(errors)

    def _started_at_a_conference(self, errors: dict[str, list[str]]) -> None:
        # No plan before its conference: it starts the day an initial conference decided it (rule 2885).
        if not self.referral_id or not self.started:
            return
        decided = ChildProtectionConference.objects.filter(
            referral_id=self.referral_id,
            kind=ConferenceKind.INITIAL,
            outcome=ConferenceOutcome.PLAN,
            held_on=self.started,
        )
        if not decided.exists():
            errors.setdefault("started", []).append(
                "A plan starts on the date of the initial conference that decided it. "
                "Record the initial conference first, or correct the date"
            )


class ChildProtectionConference(JourneyRecord):
    """An initial or review child protection conference.

    An initial conference follows a section 47 enquiry (or, rarely, none: a transfer-in); when it
    decides on a plan, the plan starts that day. A review conference belongs to a plan.
    """

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    held_on = models.DateField("Date of the conference")
    section_47 = models.ForeignKey(
        Section47Enquiry, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    outcome = models.CharField(max_length=10, choices=ConferenceOutcome.choices)

    class Meta:
        ordering = ["-held_on", "-pk"]
        # The figures count initial conferences by the day they were held (bench/insight_bench.py).
        indexes = [models.Index(fields=["kind", "held_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["section_47"], condition=Q(kind="initial"), name="one_initial_conference_per_s47"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {day(self.held_on)}"

    def clean(self) -> None:
        if self.referral_id is None and self.plan is not None:
            # A review is recorded against its plan; the plan's referral is the conference's too.
            self.referral = self.plan.referral
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        not_before(errors, "held_on", self.held_on, self.referral.referral_date, "the referral")
        if self.kind == ConferenceKind.INITIAL:
            self._clean_initial(errors)
        else:
            self._clean_review(errors)
        raise_if(errors)

    def _clean_initial(self, errors: dict[str, list[str]]) -> None:
        if self.outcome and self.outcome not in INITIAL_OUTCOMES:
            errors.setdefault("outcome", []).append("An initial conference decides on a plan or no plan")
        enquiry = self.section_47
        if enquiry is not None:
            if enquiry.referral_id != self.referral_id:
                errors.setdefault("section_47", []).append("Choose a section 47 enquiry from this referral")
            not_before(errors, "held_on", self.held_on, enquiry.started, "the section 47 enquiry started")

    def _clean_review(self, errors: dict[str, list[str]]) -> None:
        if self.outcome and self.outcome not in REVIEW_OUTCOMES:
            errors.setdefault("outcome", []).append("A review conference continues or ends the plan")
        plan = self.plan
        if plan is None:
            errors.setdefault("plan", []).append("A review conference reviews a child protection plan")
            return
        if self.held_on and self.held_on <= plan.started:
            errors.setdefault("held_on", []).append(
                f"The plan started on {day(plan.started)}. A review must be after that date"
            )
        if plan.ended and self.held_on and self.held_on > plan.ended:
            errors.setdefault("held_on", []).append(
                f"The plan ended on {day(plan.ended)}. A review must be on or before that date"
            )


class CoreGroupMeeting(JourneyRecord):
    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, related_name="core_groups")
    held_on = models.DateField("Date of the core group meeting")

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Core group on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        not_before(errors, "held_on", self.held_on, self.plan.started, "the plan started")
        raise_if(errors)
