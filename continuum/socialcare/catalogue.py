"""Choices of children's social care that are local practice, not DfE code sets.

The DfE codes (referral source, primary need, closure reason, category of abuse, legal status,
placement type...) live in `continuum.statutory.codes`; these are the other answers the records
need, in the words practitioners use.
"""

from django.db import models


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    EARLY_HELP = "early_help", "Step down to early help"
    CHILD_IN_NEED_PLAN = "cin_plan", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy", "Strategy discussion"
    LOOKED_AFTER = "looked_after", "Child to become looked after"


# Outcomes that mean the child needs children's social care support (Annex A list 4).
NEEDS_SUPPORT = frozenset(
    {
        AssessmentOutcome.CHILD_IN_NEED_PLAN,
        AssessmentOutcome.STRATEGY_DISCUSSION,
        AssessmentOutcome.LOOKED_AFTER,
    }
)


class StrategyDecision(models.TextChoices):
    SECTION_47 = "s47", "Start a section 47 enquiry"
    CHILD_IN_NEED = "cin", "No section 47: continue as child in need"
    NO_FURTHER_ACTION = "nfa", "No section 47: no further action"
    FURTHER_DISCUSSION = "further", "Hold a further strategy discussion"


class Section47Outcome(models.TextChoices):
    INITIAL_CONFERENCE = "icpc", "Concerns substantiated: initial child protection conference"
    CHILD_IN_NEED = "cin", "Concerns not at risk of significant harm: child in need plan"
    NO_FURTHER_ACTION = "nfa", "Concerns not substantiated: no further action"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ConferenceOutcome(models.TextChoices):
    PLAN = "plan", "Child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"
    CONTINUE = "continue", "Plan continues"
    END_PLAN = "end_plan", "Plan ends"


INITIAL_OUTCOMES = (ConferenceOutcome.PLAN, ConferenceOutcome.NO_PLAN)
REVIEW_OUTCOMES = (ConferenceOutcome.CONTINUE, ConferenceOutcome.END_PLAN)


class PlanEndReason(models.TextChoices):
    CHILD_IN_NEED = "cin", "Risk reduced: child in need plan"
    NO_FURTHER_ACTION = "nfa", "Risk reduced: no further support needed"
    LOOKED_AFTER = "looked_after", "Child became looked after"
    MOVED_AWAY = "moved", "Child moved to another local authority"
    OTHER = "other", "Other reason"


class VisitKind(models.TextChoices):
    CHILD_IN_NEED = "cin", "Child in need visit"
    CHILD_PROTECTION = "cp", "Child protection visit"
    LOOKED_AFTER = "looked_after", "Looked-after child visit"
    ASSESSMENT = "assessment", "Assessment visit"


class HealthCheckKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Health review"
    DENTAL = "dental", "Dental check"


class MissingReturnInterview(models.TextChoices):
    NOT_YET_OFFERED = "", "Not yet offered"
    OFFERED = "offered", "Offered, not yet held"
    HELD = "held", "Held"
    DECLINED = "declined", "Offered and declined"


class CareLeaverCategory(models.TextChoices):
    """The categories of the Children (Leaving Care) Act 2000."""

    ELIGIBLE = "eligible", "Eligible: aged 16 or 17 and still looked after"
    RELEVANT = "relevant", "Relevant: aged 16 or 17 and has left care"
    FORMER_RELEVANT = "former_relevant", "Former relevant: aged 18 to 25"
    QUALIFYING = "qualifying", "Qualifying: left care after 16 but not eligible"
