"""The front door's own lists: how contacts arrive, what worries them, and how they end.

Defined once here; models, forms, the API, figures and the generator all read them. The DfE
referral source codes stay in `continuum.statutory.codes`; `SOURCE_BY_AGENCY_TYPE` maps a
partner agency to the code its contacts carry.
"""

from __future__ import annotations

from django.db import models

from continuum.access.roles import AgencyType


class Route(models.TextChoices):
    MARF = "marf", "Multi-agency referral form (online)"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "E-mail"
    POLICE_NOTIFICATION = "police_notification", "Police domestic abuse notification"
    PARTNER_SYSTEM = "partner_system", "Partner agency system"
    SELF = "self", "Self-referral"
    ANONYMOUS = "anonymous", "Anonymous"


# Routes where the worker records the contact on the referrer's behalf.
RECORDED_ROUTES = (Route.PHONE, Route.EMAIL, Route.SELF, Route.ANONYMOUS)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_TRIAGE = "awaiting_triage", "Waiting to be screened"
    IN_PROGRESS = "in_progress", "Being screened"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for manager sign-off"
    DECIDED = "decided", "Decided"


OPEN_STATUSES = (Status.AWAITING_TRIAGE, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF)


class Worry(models.TextChoices):
    PHYSICAL_ABUSE = "physical_abuse", "Physical abuse or injury"
    SEXUAL_ABUSE = "sexual_abuse", "Sexual abuse"
    EMOTIONAL_ABUSE = "emotional_abuse", "Emotional abuse"
    NEGLECT = "neglect", "Neglect"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    PARENTAL_MENTAL_HEALTH = "parental_mental_health", "Parent's or carer's mental health"
    SUBSTANCE_MISUSE = "substance_misuse", "Parent's or carer's drug or alcohol use"
    CHILD_MENTAL_HEALTH = "child_mental_health", "The child's mental health or self-harm"
    EXPLOITATION = "exploitation", "Child sexual or criminal exploitation"
    GOING_MISSING = "going_missing", "Going missing"
    ATTENDANCE = "attendance", "School attendance"
    DISABILITY = "disability", "Disability or complex health needs"
    HOUSING = "housing", "Housing or money"
    BEHAVIOUR = "behaviour", "Behaviour at home, school or in the community"
    OTHER = "other", "Something else"


class Request(models.TextChoices):
    NONE = "none", "Neither"
    SAFETY_AND_WELLBEING = "safety_and_wellbeing", "A safety and well-being response"
    COMPLEX_NEEDS_ASSESSMENT = (
        "complex_needs_assessment",
        "An assessment of needs for a child with complex health needs or disabilities",
    )


class Consent(models.TextChoices):
    OBTAINED = "obtained", "Yes, informed consent was given"
    REFUSED = "refused", "No, consent was asked for and refused"
    NOT_SOUGHT = "not_sought", "No, consent was not asked for"


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    ADVICE = "advice", "Information and advice"
    EARLY_HELP = "early_help", "Early help"
    SOCIAL_WORK_ASSESSMENT = "assessment", "Referral for a social work assessment"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"


# Outcomes that make the contact a referral to children's social care (DfE meaning).
REFERRAL_OUTCOMES = (Outcome.SOCIAL_WORK_ASSESSMENT, Outcome.STRATEGY_DISCUSSION)


class NoFurtherActionReason(models.TextChoices):
    BELOW_THRESHOLD = "below_threshold", "Below the threshold for a service"
    ALREADY_OPEN = "already_open", "Already open to a service"
    INFORMATION_ONLY = "information_only", "Information only, shared for the record"
    NO_CONSENT = "no_consent", "No consent to help, and below the child-protection threshold"
    DUPLICATE = "duplicate", "Duplicate of another contact"
    MOVED_AWAY = "moved_away", "The family lives in another area"


class CheckStatus(models.TextChoices):
    ASKED = "asked", "Asked"
    ANSWERED = "answered", "Answered"


class ScreeningView(models.TextChoices):
    POLICE = "police", "Police"
    SOCIAL_WORK = "social_work", "Social work"


SOURCE_BY_AGENCY_TYPE: dict[str, str] = {
    AgencyType.POLICE: "6",
    AgencyType.HEALTH_TRUST: "3F",
    AgencyType.GP_PRACTICE: "3A",
    AgencyType.SCHOOL: "2A",
    AgencyType.CHILDRENS_SOCIAL_CARE: "5A",
    AgencyType.EARLY_HELP: "5D",
    AgencyType.EDUCATION: "2B",
    AgencyType.YOUTH_JUSTICE: "7",
    AgencyType.PROBATION: "7",
    AgencyType.HOUSING: "4",
    AgencyType.VOLUNTARY: "8",
    AgencyType.PARTNERSHIP: "5B",
}
SELF_REFERRAL_SOURCE = "1C"
ANONYMOUS_SOURCE = "9"
UNKNOWN_SOURCE = "10"


def referral_source_for(route: str, agency_type: str | None) -> str:
    """The DfE referral source code a contact carries, from how it came and who sent it."""
    if route == Route.ANONYMOUS:
        return ANONYMOUS_SOURCE
    if route == Route.SELF:
        return SELF_REFERRAL_SOURCE
    if route == Route.POLICE_NOTIFICATION:
        return SOURCE_BY_AGENCY_TYPE[AgencyType.POLICE]
    return SOURCE_BY_AGENCY_TYPE.get(agency_type or "", UNKNOWN_SOURCE)
