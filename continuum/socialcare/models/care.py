"""Children looked after: episodes of care, reviews, health, education plans and missing episodes.

A `CareEpisode` is shaped like an SSDA903 episode (D2I's `ssd_cla_episodes`): each change of
legal status or placement closes the current episode with reason X1 and opens the next the same
day with the reason it started. A period of care is the run of episodes from one that started
with reason S to one that ended with a reason other than X1; it is derived, never stored.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from continuum.statutory import codes

from ..catalogue import HealthCheckKind, MissingReturnInterview
from .base import JourneyRecord, day, not_before, not_in_future, only_one_open, raise_if

STARTED_TO_BE_LOOKED_AFTER = "S"
NEW_EPISODE_SAME_DAY = "X1"
LEGAL_STATUS_ONLY = "L"
# Episodes that started with one of these moved the child to a new placement.
NEW_PLACEMENT = frozenset({"S", "P", "T", "U", "B"})
# Temporary placements and "other" placements have no provider (903 rule 178).
NO_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"})


class CareEpisode(JourneyRecord):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_episodes")
    started = models.DateField("Date the episode started")
    reason_new_episode = models.CharField(
        "Reason for the new episode", max_length=1, choices=codes.REASON_NEW_EPISODE.choices()
    )
    legal_status = models.CharField(max_length=2, choices=codes.LEGAL_STATUS.choices())
    category_of_need = models.CharField(max_length=2, choices=codes.CATEGORY_OF_NEED.choices())
    placement_type = models.CharField(max_length=3, choices=codes.PLACEMENT_TYPE.choices())
    placement_provider = models.CharField(
        max_length=3,
        choices=codes.PLACEMENT_PROVIDER.choices(),
        blank=True,
        help_text="Leave empty for a temporary or other placement.",
    )
    placement_postcode = models.CharField(max_length=8, blank=True)
    home_postcode = models.CharField(
        max_length=8, blank=True, help_text="Where the child lived when they became looked after."
    )
    provider_urn = models.CharField(
        "Ofsted URN of the placement",
        max_length=8,
        blank=True,
        help_text="The provider's unique reference number, when Ofsted registers it.",
    )
    reason_placement_changed = models.CharField(
        max_length=6, choices=codes.REASON_PLACE_CHANGE.choices(), blank=True
    )
    ended = models.DateField("Date the episode ended", null=True, blank=True)
    reason_ended = models.CharField(
        "Reason the episode ended", max_length=3, choices=codes.REASON_EPISODE_CEASED.choices(), blank=True
    )

    class Meta:
        ordering = ["-started", "-pk"]
        indexes = [models.Index(fields=["person", "started"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended__isnull=True), name="one_open_care_episode_per_child"
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=models.F("started")),
                name="care_episode_ends_after_it_starts",
            ),
            # 903 rule 148: the end date and its reason go together.
            models.CheckConstraint(
                condition=Q(ended__isnull=True, reason_ended="")
                | (Q(ended__isnull=False) & ~Q(reason_ended="")),
                name="care_episode_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Looked after ({self.legal_status}, {self.placement_type}) from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    @property
    def care_continues(self) -> bool:
        return self.reason_ended == NEW_EPISODE_SAME_DAY

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "started", self.started)
        not_before(errors, "ended", self.ended, self.started, "the episode started")
        not_in_future(errors, "ended", self.ended)
        if self.ended and not self.reason_ended:
            errors.setdefault("reason_ended", []).append("Choose why the episode ended")
        if self.reason_ended and not self.ended:
            errors.setdefault("ended", []).append("Enter the date the episode ended")
        if self.placement_provider and self.placement_type in NO_PROVIDER:
            errors.setdefault("placement_provider", []).append(
                "A temporary or other placement has no provider. Leave the provider empty"
            )
        if not self.placement_provider and self.placement_type and self.placement_type not in NO_PROVIDER:
            errors.setdefault("placement_provider", []).append("Choose who provides the placement")
        if self.person_id and self.started:
            self._after_a_referral(errors)
            self._follows_the_previous_episode(errors)
        if self.ended is None and self.person_id:
            others = CareEpisode.objects.filter(person_id=self.person_id, ended__isnull=True).exclude(
                pk=self.pk
            )
            only_one_open(errors, "started", others, "looked-after episode")
        raise_if(errors)

    def _after_a_referral(self, errors: dict[str, list[str]]) -> None:
        from .cin import Referral

        if not Referral.objects.filter(person_id=self.person_id, referral_date__lte=self.started).exists():
            errors.setdefault("started", []).append(
                "A child becomes looked after through a referral to children's social care. "
                "Record the referral first, dated on or before the episode"
            )

    def _follows_the_previous_episode(self, errors: dict[str, list[str]]) -> None:
        previous = (
            CareEpisode.objects.filter(person_id=self.person_id, started__lte=self.started)
            .exclude(pk=self.pk)
            .order_by("-started", "-pk")
            .first()
        )
        if self.reason_new_episode == STARTED_TO_BE_LOOKED_AFTER:
            if previous is not None and (previous.ended is None or previous.ended > self.started):
                errors.setdefault("started", []).append(
                    f"The child is still looked after in an episode from {day(previous.started)}. "
                    "End it before starting a new period of care"
                )
            return
        if previous is None or previous.ended != self.started or not previous.care_continues:
            errors.setdefault("reason_new_episode", []).append(
                "Only the first episode of a period of care starts with \u201cStarted to be looked "
                "after\u201d; a later one starts the day the previous episode ended with \u201cnew "
                "episode the same day\u201d"
            )


def period_start(episodes: list[CareEpisode], on: date) -> date | None:
    """When the period of care that includes `on` began, from a child's episodes (any order)."""
    chain = sorted((e for e in episodes if e.started <= on), key=lambda e: (e.started, e.pk or 0))
    current = chain[-1] if chain else None
    if current is None or (current.ended is not None and current.ended < on and not current.care_continues):
        return None
    for episode in reversed(chain):
        if episode.reason_new_episode == STARTED_TO_BE_LOOKED_AFTER:
            return episode.started
    return chain[0].started


class LookedAfterReview(JourneyRecord):
    """A statutory review of a looked-after child's care plan, chaired by the IRO (SSDA903 Reviews)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="looked_after_reviews")
    held_on = models.DateField("Date of the review")
    participation = models.CharField(
        "How the child took part", max_length=3, choices=codes.REVIEW_PARTICIPATION.choices()
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Looked-after review on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        if self.person_id and self.held_on:
            looked_after = CareEpisode.objects.filter(
                person_id=self.person_id, started__lte=self.held_on
            ).filter(Q(ended__isnull=True) | Q(ended__gte=self.held_on))
            if not looked_after.exists():
                errors.setdefault("held_on", []).append(
                    "The child was not looked after on that date. Check the date of the review"
                )
        raise_if(errors)


class HealthCheck(JourneyRecord):
    """An initial health assessment, health review or dental check of a looked-after child."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="health_checks")
    kind = models.CharField(max_length=10, choices=HealthCheckKind.choices)
    held_on = models.DateField("Date of the check")

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        raise_if(errors)


class PersonalEducationPlan(JourneyRecord):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="education_plans")
    held_on = models.DateField("Date of the plan meeting")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "personal education plan"

    def __str__(self) -> str:
        return f"Personal education plan on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        raise_if(errors)


class MissingEpisode(JourneyRecord):
    """A child missing, or away without authorisation (SSDA903 Missing), and the return interview."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=codes.MISSING_TYPE.choices())
    went_missing = models.DateTimeField("When the child went missing")
    returned = models.DateTimeField("When the child returned", null=True, blank=True)
    return_interview = models.CharField(
        max_length=10, choices=MissingReturnInterview.choices, blank=True, default=""
    )
    return_interview_at = models.DateTimeField("When the return interview was held", null=True, blank=True)

    class Meta:
        ordering = ["-went_missing", "-pk"]
        # The figures count episodes by when the child went missing (bench/insight_bench.py).
        indexes = [models.Index(fields=["went_missing"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(returned__isnull=True),
                name="one_open_missing_episode_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {day(self.went_missing.date())}"

    @property
    def is_open(self) -> bool:
        return self.returned is None

    @property
    def interview_outstanding(self) -> bool:
        return self.returned is not None and self.return_interview in ("", MissingReturnInterview.OFFERED)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.returned and self.went_missing and self.returned < self.went_missing:
            errors.setdefault("returned", []).append(
                "The child cannot return before they went missing. Check both dates and times"
            )
        if self.return_interview and not self.returned:
            errors.setdefault("return_interview", []).append(
                "A return interview follows the child's return. Enter when they returned first"
            )
        held = self.return_interview == MissingReturnInterview.HELD
        if held and not self.return_interview_at:
            errors.setdefault("return_interview_at", []).append("Enter when the return interview was held")
        if self.return_interview_at and not held:
            errors.setdefault("return_interview", []).append('Choose "Held" for an interview with a date')
        if self.return_interview_at and self.returned and self.return_interview_at < self.returned:
            errors.setdefault("return_interview_at", []).append(
                "The return interview must be after the child returned. Check both dates and times"
            )
        if self.returned is None and self.person_id:
            others = MissingEpisode.objects.filter(person_id=self.person_id, returned__isnull=True)
            other = others.exclude(pk=self.pk).first()
            if other is not None:
                errors.setdefault("went_missing", []).append(
                    f"The child is already recorded as missing since {day(other.went_missing.date())}. "
                    "Record their return first"
                )
        raise_if(errors)
