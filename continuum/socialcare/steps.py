"""The steps a practitioner records on a child's journey, each described once.

A step names its record, the questions its page asks, the record it belongs to (a referral, a
plan, a care leaver's record, an early help episode, or the child) and how it is saved. One
generic page records or changes any of them (`views.step`); steps that change several records
at once are saved by the named function in `services`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models

from continuum.access.audit import Actor
from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.people.models import Person
from continuum.statutory import codes

from . import services
from .catalogue import ConferenceKind
from .forms import AssessmentFactorsField, JourneyForm, journey_formfield
from .models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlan,
    PersonalEducationPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from .models.base import JourneyRecord

Save = Callable[[Actor, Any, forms.ModelForm], Any]  # type: ignore[type-arg]


@dataclass(frozen=True)
class Parent:
    """The record a step belongs to, and how to find the child's own records of that kind."""

    field: str
    model: type[models.Model]
    of_person: str  # the lookup from the parent model to the child

    def for_person(self, person: Person) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(**{self.of_person: person})


REFERRAL = Parent("referral", Referral, "person")
CIN_PLAN = Parent("plan", ChildInNeedPlan, "referral__person")
CP_PLAN = Parent("plan", ChildProtectionPlan, "referral__person")
CARE_LEAVER = Parent("care_leaver", CareLeaver, "person")
EARLY_HELP = Parent("episode", EarlyHelpEpisode, "person")
CHILD = Parent("person", Person, "pk")


@dataclass(frozen=True)
class Step:
    slug: str
    model: type[JourneyRecord]
    noun: str  # "an assessment": what the page records, in a sentence
    fields: tuple[str, ...]
    parent: Parent
    extra: dict[str, forms.Field] | None = None  # questions that are not fields of the record
    save: Save | None = None  # a services function for steps that change more than one record
    new: bool = True  # False when the step is only ever changed, never added from a page
    preset: dict[str, Any] | None = None  # values every new record of this step starts with

    def form_class(self) -> type[JourneyForm]:
        form = forms.models.modelform_factory(
            self.model, form=JourneyForm, fields=self.fields, formfield_callback=journey_formfield
        )
        for name, field in (self.extra or {}).items():
            form.base_fields[name] = field
        if "factors" in self.fields:
            form.base_fields["factors"] = AssessmentFactorsField()
        return form  # type: ignore[return-value]


def _initial_conference(actor: Actor, conference: ChildProtectionConference, form: forms.ModelForm) -> Any:  # type: ignore[type-arg]
    return services.record_initial_conference(
        actor, conference, form.cleaned_data.get("initial_category", "")
    )


def _review_conference(actor: Actor, conference: ChildProtectionConference, form: forms.ModelForm) -> Any:  # type: ignore[type-arg]
    return services.record_review_conference(actor, conference, form.cleaned_data.get("latest_category", ""))


def _looked_after(actor: Actor, episode: CareEpisode, form: forms.ModelForm) -> Any:  # type: ignore[type-arg]
    return services.start_looked_after(actor, episode)


def _category(label: str, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Not applicable"), *codes.CATEGORY_OF_ABUSE.choices()],
        required=required,
        help_text="Only when the conference decides on a plan, or changes its category.",
    )


STEPS: dict[str, Step] = {
    step.slug: step
    for step in (
        Step(
            "referral",
            Referral,
            "a referral",
            ("referral_date", "referral_source", "primary_need", "no_further_action"),
            CHILD,
        ),
        Step(
            "assessment",
            Assessment,
            "an assessment",
            ("started", "child_seen", "factors", "completed", "authorised", "outcome"),
            REFERRAL,
        ),
        Step(
            "cin-plan",
            ChildInNeedPlan,
            "a child in need plan",
            ("started", "visit_every_working_days", "ended"),
            REFERRAL,
        ),
        Step("cin-review", ChildInNeedReview, "a child in need review", ("held_on",), CIN_PLAN),
        Step("visit", Visit, "a visit", ("kind", "visited_on", "child_seen", "seen_alone"), CHILD),
        Step(
            "strategy-discussion",
            StrategyDiscussion,
            "a strategy discussion",
            ("held_on", "agencies_present", "decision"),
            REFERRAL,
        ),
        Step(
            "section-47",
            Section47Enquiry,
            "a section 47 enquiry",
            ("strategy_discussion", "started", "completed", "outcome"),
            REFERRAL,
        ),
        Step(
            "initial-conference",
            ChildProtectionConference,
            "an initial child protection conference",
            ("section_47", "held_on", "outcome"),
            REFERRAL,
            extra={"initial_category": _category("Category of abuse for the plan", required=False)},
            preset={"kind": ConferenceKind.INITIAL},
            save=_initial_conference,
        ),
        Step(
            "review-conference",
            ChildProtectionConference,
            "a review child protection conference",
            ("held_on", "outcome"),
            CP_PLAN,
            extra={"latest_category": _category("Latest category of abuse, if it changed", required=False)},
            preset={"kind": ConferenceKind.REVIEW},
            save=_review_conference,
        ),
        Step(
            "cp-plan",
            ChildProtectionPlan,
            "a child protection plan",
            ("latest_category", "visit_every_working_days", "ended", "end_reason"),
            REFERRAL,
            new=False,
        ),
        Step("core-group", CoreGroupMeeting, "a core group meeting", ("held_on",), CP_PLAN),
        Step(
            "looked-after",
            CareEpisode,
            "the start of care",
            (
                "started",
                "legal_status",
                "category_of_need",
                "placement_type",
                "placement_provider",
                "placement_postcode",
                "home_postcode",
                "provider_urn",
            ),
            CHILD,
            save=_looked_after,
            preset={"reason_new_episode": "S"},
        ),
        Step(
            "looked-after-review",
            LookedAfterReview,
            "a looked-after review",
            ("held_on", "participation"),
            CHILD,
        ),
        Step("health-check", HealthCheck, "a health assessment or dental check", ("kind", "held_on"), CHILD),
        Step("education-plan", PersonalEducationPlan, "a personal education plan", ("held_on",), CHILD),
        Step(
            "missing",
            MissingEpisode,
            "a missing episode",
            ("kind", "went_missing", "returned", "return_interview", "return_interview_at"),
            CHILD,
        ),
        Step(
            "care-leaver",
            CareLeaver,
            "leaving care support",
            ("category", "personal_adviser", "started", "ended"),
            CHILD,
        ),
        Step("pathway-plan", PathwayPlan, "a pathway plan or review", ("held_on", "is_review"), CARE_LEAVER),
        Step(
            "care-leaver-contact",
            CareLeaverContact,
            "a contact with a care leaver",
            ("contact_on", "in_touch", "activity", "accommodation"),
            CARE_LEAVER,
        ),
        Step(
            "early-help",
            EarlyHelpEpisode,
            "early help",
            ("started", "lead_practitioner", "consent_given_by", "ended", "outcome"),
            CHILD,
        ),
        Step(
            "early-help-assessment",
            EarlyHelpAssessment,
            "an early help assessment",
            ("started", "completed"),
            EARLY_HELP,
        ),
        Step(
            "team-around-family",
            TeamAroundFamilyMeeting,
            "a team around the family meeting",
            ("held_on", "agencies_present", "plan", "next_review"),
            EARLY_HELP,
        ),
    )
}
