"""Children looked after: episodes of care, reviews, health, education plans and missing episodes.

A `CareEpisode` is shaped like an SSDA903 episode (D2I's `ssd_cla_episodes`): each change of
legal status or placement closes the current episode with reason X1 and opens the next the same
day with the reason it started. A period of care is the run of episodes from one that started
with reason S to one that ended with a reason other than X1; it is derived, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q

from continuum.statutory import codes
from continuum.statutory.ssda903_codes import SHORT_BREAK_LEGAL_STATUSES

from ..catalogue import HealthCheckKind, MissingReturnInterview
from .base import JourneyRecord, day, not_before, not_in_future, only_one_open, raise_if

STARTED_TO_BE_LOOKED_AFTER = "S"
NEW_EPISODE_SAME_DAY = "X1"
LEGAL_STATUS_ONLY = "L"
# Episodes that started with one of these moved the child to a new placement.
NEW_PLACEMENT = frozenset({"S", "P", "T", "U", "B"})
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
# A special guardianship order to former foster carers ends a foster placement (903 rule 516).
FORMER_FOSTER_CARERS = frozenset({"E45", "E46"})
POLICE_PROTECTION = "L1"
# Police protection lasts at most 72 hours (Children Act 1989 s46; 903 rule 361).
POLICE_PROTECTION_DAYS = 3
# Accommodation under the Police and Criminal Evidence Act 1984 ends at the first court hearing:
# the DfE allows 21 days at most (903 rule 364).
PACE = "J2"
PACE_DAYS = 21
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
        self._within_the_law(errors)
        if self.person_id and self.started:
            self._after_a_referral(errors)
            self._follows_the_previous_episode(errors)
        if self.ended is None and self.person_id:
            others = CareEpisode.objects.filter(person_id=self.person_id, ended__isnull=True).exclude(
                pk=self.pk
            )
            only_one_open(errors, "started", others, "looked-after episode")
        raise_if(errors)

    def _within_the_law(self, errors: dict[str, list[str]]) -> None:
        protected = self.legal_status == POLICE_PROTECTION and self.ended and self.started
        if protected and (self.ended - self.started).days > POLICE_PROTECTION_DAYS:  # type: ignore[operator]
            errors.setdefault("ended", []).append(
                "Police protection lasts at most 72 hours. Check the dates, or record the order "
                "that followed as a new episode"
            )
        under_pace = self.legal_status == PACE and self.ended and self.started
        if under_pace and (self.ended - self.started).days > PACE_DAYS:  # type: ignore[operator]
            errors.setdefault("ended", []).append(
                "Accommodation under PACE lasts at most 21 days. Check the dates, or record the remand "
                "(J1) that followed as a new episode"
            )
        if self.reason_ended in FORMER_FOSTER_CARERS and self.placement_type not in FOSTER_PLACEMENTS:
            errors.setdefault("reason_ended", []).append(
                "Only a child in foster care can leave it to their former foster carers. Choose a special "
                "guardianship order to a relative, friend or other carer instead"
            )

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


def looked_after_all_year(episodes: Iterable[Any], first_day: date, last_day: date) -> bool:
    """Whether a child was looked after without a break from `first_day` to `last_day`.

    The SSDA903 definition (the OC2 cohort): no episode in the period started a new period of
    care after its first day, ended care before its last, or was a short break (V3/V4).
    `episodes` are a child's care episodes, or anything with the same attributes.
    """
    during = [e for e in episodes if e.started <= last_day and (e.ended is None or e.ended >= first_day)]
    if not during:
        return False
    for episode in during:
        if episode.legal_status in SHORT_BREAK_LEGAL_STATUSES:
            return False
        if episode.reason_new_episode == STARTED_TO_BE_LOOKED_AFTER and episode.started > first_day:
            return False
        ended = episode.ended
        if ended is not None and ended <= last_day and episode.reason_ended != NEW_EPISODE_SAME_DAY:
            return False
    return True


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


# OC2 asks about a child's health and behaviour at these ages (rules 545/546, 543/542).
HEALTH_SURVEILLANCE_UNDER = 5
CONVICTIONS_FROM = 10
# The SDQ is for a child aged 4 to 16 at some time in the year: 4 by 31 March, and not 17 before
# 1 April (rules 186, 188, 189 and 197B: a child who turns 17 on 1 April still has one).
SDQ_FROM, SDQ_UNTIL = 4, 16


def sdq_applies(born: date, year_ending: date) -> bool:
    """Whether a child born on `born` has an SDQ in the year to `year_ending` (a 31 March): their
    4th birthday was by its end and their 17th not before its first day."""
    first_day = date(year_ending.year - 1, 4, 1)
    return _birthday(born, SDQ_FROM) <= year_ending and _birthday(born, SDQ_UNTIL + 1) >= first_day


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + age, day=28)


class CareOutcomes(JourneyRecord):
    """A child's outcomes after a year in care (SSDA903 OC2), recorded once for each 31 March.

    Asked for every child looked after continuously for 12 months at 31 March. Dental checks and
    health assessments are not asked here: the return reads them from the child's health checks.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_outcomes")
    year_ending = models.DateField("The 31 March these outcomes are for")
    sdq_score = models.PositiveSmallIntegerField(
        "Strengths and Difficulties Questionnaire (SDQ) score",
        null=True,
        blank=True,
        help_text="From 0 to 40, for a child aged 4 to 16. Leave empty and give the reason if there is none.",
    )
    sdq_reason = models.CharField(
        "Reason there is no SDQ score", max_length=4, choices=codes.REASON_NO_SDQ_SCORE.choices(), blank=True
    )
    convicted = models.BooleanField(
        "Convicted, or given a final warning or reprimand, in the year", null=True, blank=True
    )
    health_surveillance_up_to_date = models.BooleanField(
        "Development checks up to date (under 5s)", null=True, blank=True
    )
    immunisations_up_to_date = models.BooleanField("Immunisations up to date", null=True, blank=True)
    substance_misuse = models.BooleanField(
        "Identified as having a substance misuse problem", null=True, blank=True
    )
    intervention_received = models.BooleanField(
        "Received an intervention for substance misuse", null=True, blank=True
    )
    intervention_offered = models.BooleanField(
        "Offered an intervention for substance misuse but refused it", null=True, blank=True
    )
    # A previous system's returns say only whether these happened in the year, not when; for
    # children recorded in Continuum the return works them out from the dated health checks.
    teeth_checked = models.BooleanField(
        "Teeth checked by a dentist in the year (as migrated)", null=True, blank=True
    )
    health_assessed = models.BooleanField(
        "Annual health assessment in the year (as migrated)", null=True, blank=True
    )

    class Meta:
        ordering = ["-year_ending", "-pk"]
        verbose_name = "outcomes after a year in care"
        verbose_name_plural = "outcomes after a year in care"
        constraints = [
            models.UniqueConstraint(fields=["person", "year_ending"], name="care_outcomes_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"Outcomes after a year in care, to {day(self.year_ending)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.year_ending and (self.year_ending.month, self.year_ending.day) != (3, 31):
            errors.setdefault("year_ending", []).append("Outcomes are recorded for a year ending on 31 March")
        self._sdq(errors)
        self._answers_for_age(errors)
        self._substance_misuse(errors)
        raise_if(errors)

    def _born(self) -> date | None:
        from continuum.people.models import Person

        if not self.person_id or not self.year_ending:
            return None
        return Person.objects.get(pk=self.person_id).date_of_birth

    def _age(self) -> int | None:
        born = self._born()
        if born is None:
            return None
        return (
            self.year_ending.year
            - born.year
            - ((self.year_ending.month, self.year_ending.day) < (born.month, born.day))
        )

    def _sdq(self, errors: dict[str, list[str]]) -> None:
        if self.sdq_score is not None and not 0 <= self.sdq_score <= 40:
            errors.setdefault("sdq_score", []).append("An SDQ score is a whole number from 0 to 40")
        if self.sdq_score is not None and self.sdq_reason:
            errors.setdefault("sdq_reason", []).append("Give a reason only when there is no SDQ score")
        born = self._born()
        if born is None:
            return
        applies = sdq_applies(born, self.year_ending)
        if applies and self.sdq_score is None and not self.sdq_reason:
            errors.setdefault("sdq_score", []).append(
                "Enter the SDQ score, or the reason there is none, for a child aged 4 to 16 in the year"
            )
        if not applies and (self.sdq_score is not None or self.sdq_reason):
            errors.setdefault("sdq_score", []).append(
                "An SDQ is only recorded for a child aged 4 to 16 at some time in the year"
            )

    def _answers_for_age(self, errors: dict[str, list[str]]) -> None:
        age = self._age()
        if age is None:
            return
        under_five = age < HEALTH_SURVEILLANCE_UNDER
        if under_five and self.health_surveillance_up_to_date is None:
            errors.setdefault("health_surveillance_up_to_date", []).append(
                "Say whether the child's development checks are up to date"
            )
        if not under_five and self.health_surveillance_up_to_date is not None:
            errors.setdefault("health_surveillance_up_to_date", []).append(
                "Development checks are only recorded for a child under 5"
            )
        if age >= CONVICTIONS_FROM and self.convicted is None:
            errors.setdefault("convicted", []).append("Say whether the child was convicted in the year")
        if age < CONVICTIONS_FROM and self.convicted is not None:
            errors.setdefault("convicted", []).append("Convictions are only recorded from the age of 10")
        for name in ("immunisations_up_to_date", "substance_misuse"):
            if getattr(self, name) is None:
                errors.setdefault(name, []).append("Answer yes or no")

    def _substance_misuse(self, errors: dict[str, list[str]]) -> None:
        if not self.substance_misuse and (
            self.intervention_received is not None or self.intervention_offered is not None
        ):
            errors.setdefault("intervention_received", []).append(
                "Interventions are only recorded for a child with a substance misuse problem"
            )
        if self.substance_misuse and self.intervention_received is None:
            errors.setdefault("intervention_received", []).append(
                "Say whether the child received an intervention"
            )
        if self.intervention_received and self.intervention_offered is not None:
            errors.setdefault("intervention_offered", []).append(
                "Leave this empty when the child received an intervention"
            )
        if self.intervention_received is False and self.intervention_offered is None:
            errors.setdefault("intervention_offered", []).append(
                "Say whether an intervention was offered and refused"
            )
