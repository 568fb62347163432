"""Early help: a family's time with early help, its assessment, team around the family and closure.

An episode opens from a front-door decision or when a partner's lead practitioner registers it;
it closes with an outcome, which may be a step up to children's social care. Social care steps a
child down by opening an episode that names the referral it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

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
