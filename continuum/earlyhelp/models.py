"""Early help: a family's time with early help, its assessment, team around the family and closure.

An episode opens from a front-door decision or when a partner's lead practitioner registers it;
it closes with an outcome, which may be a step up to children's social care. Social care steps a
child down by opening an episode that names the referral it came from.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from continuum.people.validators import validate_postcode
from continuum.socialcare.models.base import (
    JourneyRecord,
    day,
    not_before,
    not_in_future,
    only_one_open,
    raise_if,
)


class EarlyHelpOutcome(models.TextChoices):
    NEEDS_MET = "needs_met", "Needs met: the plan's outcomes were achieved"
    STEPPED_UP = "stepped_up", "Stepped up to children's social care"
    UNIVERSAL = "universal", "Needs can be met by universal services"
    CONSENT_WITHDRAWN = "consent_withdrawn", "The family withdrew consent"
    MOVED_AWAY = "moved_away", "The family moved away"
    OTHER = "other", "Other reason"


class EarlyHelpEpisode(JourneyRecord):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="early_help_episodes")
    started = models.DateField(default=timezone.localdate)
    ended = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=EarlyHelpOutcome.choices, blank=True)
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="early_help_led",
        help_text="The practitioner who coordinates the help, in whichever agency they work.",
    )
    consent_given_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Early help needs the family's informed consent: who gave it.",
    )
    # The front-door decision that opened the episode, when there was one.
    contact_child = models.OneToOneField(
        "frontdoor.ContactChild", on_delete=models.PROTECT, null=True, blank=True, related_name="early_help"
    )
    stepped_down_from = models.ForeignKey(
        "socialcare.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="stepped_down_to"
    )
    stepped_up_to = models.OneToOneField(
        "socialcare.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="stepped_up_from"
    )

    class Meta:
        ordering = ["-started", "-pk"]
        # The figures count episodes by the day they started (bench/insight_bench.py).
        indexes = [models.Index(fields=["started"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended__isnull=True), name="one_open_early_help_per_child"
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=models.F("started")),
                name="early_help_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help for {self.person} from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "started", self.started)
        not_before(errors, "ended", self.ended, self.started, "early help started")
        not_in_future(errors, "ended", self.ended)
        if self.ended and not self.outcome:
            errors.setdefault("outcome", []).append("Choose the outcome of early help")
        if self.outcome and not self.ended:
            errors.setdefault("ended", []).append("Enter the date early help ended")
        if self.ended is None and self.person_id:
            others = EarlyHelpEpisode.objects.filter(person_id=self.person_id, ended__isnull=True)
            only_one_open(errors, "started", others.exclude(pk=self.pk), "early help episode for this child")
        raise_if(errors)


class EarlyHelpAssessment(JourneyRecord):
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.PROTECT, related_name="assessments")
    started = models.DateField("Date the assessment started")
    completed = models.DateField("Date the assessment was completed", null=True, blank=True)

    class Meta:
        ordering = ["-started", "-pk"]

    def __str__(self) -> str:
        return f"Early help assessment from {day(self.started)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "started", self.started)
        not_before(errors, "started", self.started, self.episode.started, "early help started")
        not_before(errors, "completed", self.completed, self.started, "the assessment started")
        not_in_future(errors, "completed", self.completed)
        raise_if(errors)


class TeamAroundFamilyMeeting(JourneyRecord):
    """A team around the family meeting: it agrees or reviews the family's plan and sets the next review."""

    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("Date of the meeting")
    agencies_present = models.ManyToManyField("access.Agency", blank=True, related_name="+")
    plan = models.TextField(
        "What the family and the team agreed",
        help_text="The outcomes the family wants, who will do what, and by when.",
    )
    next_review = models.DateField("Date of the next review", null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Team around the family meeting on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        not_before(errors, "held_on", self.held_on, self.episode.started, "early help started")
        if self.next_review and self.held_on and self.next_review <= self.held_on:
            errors.setdefault("next_review", []).append("The next review must be after this meeting")
        raise_if(errors)


# --- Registration by a partner's lead practitioner ----------------------------------------------


class RegistrationStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


# What to do about a missing answer, wherever the registration comes from.
NO_CONSENT_GIVER = (
    "Enter who gave consent. Early help needs the family's informed consent: if you think a child "
    "is at risk of significant harm, make a referral to the front door instead"
)
NO_CONSENT_COVERAGE = (
    "Enter what the consent covers: the help, and sharing information with which people and agencies"
)
NO_HELP_WANTED = "Enter what the family wants help with, in their words if you can"
NO_DECLINE_REASON = "Enter why early help cannot take this on, so the lead practitioner knows what to do next"
REQUIRED_TEXT = {
    "given_name": "Enter the child's first name",
    "family_name": "Enter the child's last name",
    "consent_given_by": NO_CONSENT_GIVER,
    "consent_covers": NO_CONSENT_COVERAGE,
    "help_wanted": NO_HELP_WANTED,
}


class EarlyHelpRegistrationQuerySet(models.QuerySet["EarlyHelpRegistration"]):
    def waiting(self) -> EarlyHelpRegistrationQuerySet:
        """Registrations no early help practitioner has accepted or declined yet, oldest first.

        Oldest first because each family has been told help is on its way; ties on the same
        moment fall back to the order they were saved.
        """
        return self.filter(status=RegistrationStatus.WAITING).order_by("registered_at", "pk")

    def decided(self) -> EarlyHelpRegistrationQuerySet:
        """Accepted or declined registrations, the most recently decided first."""
        return self.exclude(status=RegistrationStatus.WAITING).order_by("-decided_at", "-pk")


class EarlyHelpRegistration(models.Model):
    """A partner's lead practitioner asks to register early help they will lead, with the family's consent.

    The partner (a school's designated safeguarding lead, a health visitor, a voluntary-sector
    worker) sees only what they registered and its outcome. An early help practitioner at the
    council finds the child in the people index (or adds them) and accepts it, which opens the
    episode with the partner as lead practitioner; or declines it with a reason.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_name = models.CharField(
        "Child's first name", max_length=100, error_messages={"blank": "Enter the child's first name"}
    )
    family_name = models.CharField(
        "Child's last name", max_length=100, error_messages={"blank": "Enter the child's last name"}
    )
    date_of_birth = models.DateField(
        "Child's date of birth",
        error_messages={"null": "Enter the child's date of birth. If you do not know it, ask the family"},
    )
    postcode = models.CharField(
        "Postcode",
        max_length=10,
        blank=True,
        validators=[validate_postcode],
        help_text="Where the child lives",
    )
    # Early help is help below the child-protection threshold, so it needs the family's informed
    # consent, to the help and to sharing information between the agencies helping.
    consent_given_by = models.CharField(
        "Who gave consent", max_length=200, error_messages={"blank": NO_CONSENT_GIVER}
    )
    consent_covers = models.CharField(
        "What the consent covers", max_length=500, error_messages={"blank": NO_CONSENT_COVERAGE}
    )
    help_wanted = models.TextField(
        "What the family wants help with", error_messages={"blank": NO_HELP_WANTED}
    )
    assessment_started = models.DateField("Date the early help assessment started", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="early_help_registrations",
        help_text="The partner who registered the help; they will lead it.",
    )
    registered_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.WAITING
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="early_help_registrations",
    )
    episode = models.OneToOneField(
        EarlyHelpEpisode, on_delete=models.PROTECT, null=True, blank=True, related_name="registration"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField("Why early help cannot take this on", blank=True)

    objects = EarlyHelpRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-pk"]
        indexes = [models.Index(fields=["status", "registered_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.ACCEPTED)
                | Q(person__isnull=False, episode__isnull=False),
                name="accepted_registration_names_child_and_episode",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.DECLINED) | ~Q(decline_reason=""),
                name="declined_registration_gives_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help registration {self.reference}"

    @property
    def reference(self) -> str:
        """What the partner and the council quote to each other: EH- and the registration's number."""
        return f"EH-{self.pk:05d}" if self.pk else "EH-new"

    @property
    def child_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    def validate_constraints(self, exclude: Any = None) -> None:
        # The constraints back rules clean() states in words that say how to put them right.
        del exclude

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for field, message in REQUIRED_TEXT.items():
            value = getattr(self, field)
            # An empty answer is refused by the field itself (with the same words); spaces alone here.
            if value and not value.strip():
                errors.setdefault(field, []).append(message)
        not_in_future(errors, "date_of_birth", self.date_of_birth)
        not_in_future(errors, "assessment_started", self.assessment_started)
        not_before(
            errors,
            "assessment_started",
            self.assessment_started,
            self.date_of_birth,
            "the child's date of birth",
        )
        self._clean_decision(errors)
        raise_if(errors)

    def _clean_decision(self, errors: dict[str, list[str]]) -> None:
        if self.status == RegistrationStatus.ACCEPTED and (self.person_id is None or self.episode_id is None):
            errors.setdefault("person", []).append(
                "Choose the child's record in the people index, or add them, before accepting"
            )
        if self.status == RegistrationStatus.DECLINED and not self.decline_reason.strip():
            errors.setdefault("decline_reason", []).append(NO_DECLINE_REASON)
        if self.status != RegistrationStatus.WAITING and (
            self.decided_by_id is None or self.decided_at is None
        ):
            errors.setdefault("status", []).append(
                "Record who accepted or declined the registration, and when"
            )
