"""The catalogue of statutory timescales: each defined once, with where it comes from.

``deadline("assessment", referral_date)`` is the one way to ask when something is due. Sources
marked "unverified" were not confirmed against the statutory text; "secondary" means the figure
is quoted by several LSCP procedure sites rather than read in the guidance itself.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from continuum.statutory.calendar import add_working_days

# Statutory days are days in England, whatever time zone a timestamp was stored in.
ENGLAND = ZoneInfo("Europe/London")

_WORKING_TOGETHER = "Working Together to Safeguard Children 2023 (updated February 2024)"
_CARE_PLANNING_REGULATIONS = "Care Planning, Placement and Case Review (England) Regulations 2010"


class Unit(StrEnum):
    WORKING_DAYS = "working days"
    DAYS = "days"
    HOURS = "hours"
    MONTHS = "months"


@dataclass(frozen=True)
class Timescale:
    id: str
    name: str
    amount: int
    unit: Unit
    starts_from: str
    source: str

    def __str__(self) -> str:
        return f"{self.amount} {self.unit} from {self.starts_from}"

    def due(self, start: date | datetime) -> date | datetime:
        """When this timescale runs out for an event at start.

        Hours need a datetime and give a datetime. Every other unit counts whole days in
        England, so it gives a date (the deadline is the end of that day), and a datetime start
        is first turned into its date in England. Working days follow the calendar's convention
        (the start day is day 0). Months land on the same day of the month, or the month's last
        day when it is shorter (31 January + 1 month is 28 or 29 February).
        """
        if self.unit is Unit.HOURS:
            return _add_hours(self, start, self.amount)
        day = england_date(start)
        if self.unit is Unit.WORKING_DAYS:
            return add_working_days(day, self.amount)
        if self.unit is Unit.DAYS:
            return day + timedelta(days=self.amount)
        return add_months(day, self.amount)


def england_date(moment: date | datetime) -> date:
    """The calendar day in England of a date or datetime (an aware datetime is converted first)."""
    if not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(ENGLAND)
    return moment.date()


def add_months(day: date, months: int) -> date:
    """The same day of the month, months later, clamped to the end of a shorter month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _add_hours(timescale: Timescale, start: date | datetime, hours: int) -> datetime:
    if not isinstance(start, datetime):
        raise TypeError(f"{timescale.name} is counted in hours, so it needs a date and time, not a date")
    if start.tzinfo is None:
        return start + timedelta(hours=hours)
    # Add elapsed time in UTC: 72 hours across a clock change is still 72 hours, not 71 or 73.
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


_CATALOGUE = (
    # The front door and assessment.
    Timescale(
        "front_door_decision",
        "Decision on a referral",
        1,
        Unit.WORKING_DAYS,
        "the referral being received by children's social care",
        f"{_WORKING_TOGETHER}: acknowledge the referral and decide the response within one working day "
        "(secondary)",
    ),
    Timescale(
        "assessment",
        "Assessment",
        45,
        Unit.WORKING_DAYS,
        "the referral",
        f"{_WORKING_TOGETHER}: a maximum of 45 working days from the point of referral (secondary)",
    ),
    # DfE's published measure counts from the assessment start, because the census has no link
    # from an assessment to its referral date; the project reports both.
    Timescale(
        "assessment_census",
        "Assessment (DfE census measure)",
        45,
        Unit.WORKING_DAYS,
        "the assessment start date",
        "DfE Characteristics of children in need, table C2; CIN census validator rule 8670Q",
    ),
    # Child in need. Working Together asks for a child in need plan to be reviewed regularly but
    # sets no interval; this is the partnership's own, shown so that it is not mistaken for law.
    Timescale(
        "cin_plan_review",
        "Child in need plan review",
        3,
        Unit.MONTHS,
        "the start of the plan, or its previous review",
        f"Local practice, not statutory: {_WORKING_TOGETHER} asks for regular reviews of a child in "
        "need plan without setting an interval",
    ),
    # Child protection.
    Timescale(
        "initial_conference",
        "Initial child protection conference",
        15,
        Unit.WORKING_DAYS,
        "the strategy discussion, or the last one if more than one was held",
        f"{_WORKING_TOGETHER} (secondary)",
    ),
    # The census has no strategy discussion date, so DfE measures from the section 47 start.
    Timescale(
        "initial_conference_census",
        "Initial child protection conference (DfE census measure)",
        15,
        Unit.WORKING_DAYS,
        "the section 47 enquiry start date",
        "DfE Characteristics of children in need, table C4",
    ),
    Timescale(
        "core_group_first",
        "First core group meeting",
        10,
        Unit.WORKING_DAYS,
        "the initial child protection conference",
        f"{_WORKING_TOGETHER} (unverified for the 2023 edition; long-standing practice)",
    ),
    Timescale(
        "cp_review_first",
        "First child protection review conference",
        3,
        Unit.MONTHS,
        "the initial child protection conference",
        f"{_WORKING_TOGETHER} (secondary)",
    ),
    Timescale(
        "cp_review_subsequent",
        "Later child protection review conference",
        6,
        Unit.MONTHS,
        "the previous review conference",
        f"{_WORKING_TOGETHER} (secondary)",
    ),
    # Looked-after children.
    Timescale(
        "cla_review_first",
        "First looked-after review",
        20,
        Unit.WORKING_DAYS,
        "the child becoming looked after",
        f"{_CARE_PLANNING_REGULATIONS}, regulation 33 (unverified)",
    ),
    Timescale(
        "cla_review_second",
        "Second looked-after review",
        3,
        Unit.MONTHS,
        "the first looked-after review",
        f"{_CARE_PLANNING_REGULATIONS}, regulation 33 (unverified)",
    ),
    Timescale(
        "cla_review_subsequent",
        "Later looked-after review",
        6,
        Unit.MONTHS,
        "the previous looked-after review",
        f"{_CARE_PLANNING_REGULATIONS}, regulation 33 (unverified)",
    ),
    Timescale(
        "cla_visit_placement_start",
        "Social worker visit after a placement starts",
        7,
        Unit.DAYS,
        "the start of the placement",
        f"{_CARE_PLANNING_REGULATIONS}, regulation 28: within one week (unverified)",
    ),
    Timescale(
        "cla_visit_first_year",
        "Social worker visit in the first year of a placement",
        42,
        Unit.DAYS,
        "the previous visit",
        f"{_CARE_PLANNING_REGULATIONS}, regulation 28: at intervals of not more than six weeks (unverified)",
    ),
    Timescale(
        "cla_visit_after_first_year",
        "Social worker visit after the first year of a placement",
        3,
        Unit.MONTHS,
        "the previous visit",
        f"{_CARE_PLANNING_REGULATIONS}, regulation 28 (unverified; 6 months for an approved long-term "
        "foster placement)",
    ),
    Timescale(
        "initial_health_assessment",
        "Initial health assessment",
        20,
        Unit.WORKING_DAYS,
        "the child becoming looked after",
        f"{_CARE_PLANNING_REGULATIONS} and statutory guidance on promoting the health of looked-after "
        "children (unverified)",
    ),
    Timescale(
        "health_review_under_five",
        "Health review for a looked-after child under 5",
        6,
        Unit.MONTHS,
        "the previous health assessment",
        f"{_CARE_PLANNING_REGULATIONS} (unverified)",
    ),
    Timescale(
        "health_review_five_and_over",
        "Health review for a looked-after child aged 5 or over",
        12,
        Unit.MONTHS,
        "the previous health assessment",
        f"{_CARE_PLANNING_REGULATIONS} (unverified)",
    ),
    Timescale(
        "dental_check",
        "Dental check for a looked-after child",
        12,
        Unit.MONTHS,
        "the previous dental check, or the child becoming looked after",
        "Statutory guidance on promoting the health and wellbeing of looked-after children (2015) "
        "(unverified: the project's working interval; some areas check every 6 months)",
    ),
    # The guidance asks for the plan to be reviewed every school term, and terms are not a fixed
    # number of days. The project uses the longest interval the statutory framework allows,
    # because the plan is part of the care plan that each looked-after review (at most 6 months
    # apart) must consider; an area that tracks termly reviews sets a shorter local timescale.
    Timescale(
        "personal_education_plan_first",
        "First personal education plan",
        20,
        Unit.WORKING_DAYS,
        "the child becoming looked after",
        "DfE statutory guidance, Promoting the education of looked-after children and previously "
        "looked-after children (2018): in place within 20 school days, counted here as working days "
        "(unverified)",
    ),
    Timescale(
        "personal_education_plan_review",
        "Personal education plan review",
        6,
        Unit.MONTHS,
        "the previous personal education plan",
        "DfE statutory guidance, Promoting the education of looked-after children and previously "
        "looked-after children (2018), which expects a review every term; 6 months is the longest "
        f"interval, tied to the care plan reviews of the {_CARE_PLANNING_REGULATIONS} (unverified)",
    ),
    Timescale(
        "pathway_plan_review",
        "Pathway plan review",
        6,
        Unit.MONTHS,
        "the previous pathway plan or review",
        "Care Leavers (England) Regulations 2010 (unverified)",
    ),
    Timescale(
        "return_home_interview",
        "Return home interview",
        72,
        Unit.HOURS,
        "the child's return from a missing episode",
        "DfE statutory guidance on children who run away or go missing from home or care (2014) (secondary)",
    ),
    # Early help. A team around the family meeting sets the date of its next review; this is the
    # partnership's default when a meeting did not set one.
    Timescale(
        "team_around_family_review",
        "Team around the family review",
        42,
        Unit.DAYS,
        "the previous team around the family meeting, unless the meeting set its own date",
        "Local practice, not statutory: the meeting sets the date; 6 weeks when it did not",
    ),
    # Allegations, serious incidents and child deaths.
    Timescale(
        "lado_report",
        "Report of an allegation to the LADO",
        1,
        Unit.WORKING_DAYS,
        "the employer or organisation becoming aware of the allegation",
        f"{_WORKING_TOGETHER}, chapter 4 (secondary)",
    ),
    Timescale(
        "serious_incident_notification",
        "Serious incident notification to the Child Safeguarding Practice Review Panel",
        5,
        Unit.WORKING_DAYS,
        "the local authority becoming aware of the serious incident",
        f"{_WORKING_TOGETHER}, chapter 5; Children Act 2004 section 16C (secondary)",
    ),
    Timescale(
        "rapid_review",
        "Rapid review",
        15,
        Unit.WORKING_DAYS,
        "the safeguarding partners becoming aware of the serious incident",
        f"{_WORKING_TOGETHER}, chapter 5; Child Safeguarding Practice Review Panel guidance (secondary)",
    ),
    Timescale(
        "child_death_review",
        "Child death review by the Child Death Overview Panel",
        12,
        Unit.MONTHS,
        "the child's death",
        "Child Death Review Statutory and Operational Guidance (England) 2018 (unverified: the project's "
        "working expectation, not a figure confirmed in the guidance)",
    ),
    Timescale(
        "partnership_annual_report",
        "Safeguarding partnership report",
        12,
        Unit.MONTHS,
        "the previous report",
        f"{_WORKING_TOGETHER}: report at least every 12 months (unverified wording)",
    ),
)


def _registry(timescales: tuple[Timescale, ...]) -> dict[str, Timescale]:
    registry = {timescale.id: timescale for timescale in timescales}
    if len(registry) != len(timescales):
        raise ValueError("Two timescales share an id")
    return registry


TIMESCALES: dict[str, Timescale] = _registry(_CATALOGUE)


def get(id: str) -> Timescale:
    """The timescale with this id; a KeyError names the ids that exist."""
    try:
        return TIMESCALES[id]
    except KeyError:
        raise KeyError(f"No timescale {id!r}; known timescales: {', '.join(sorted(TIMESCALES))}") from None


def deadline(timescale_id: str, start: date | datetime) -> date | datetime:
    """When the named timescale runs out for an event at start (see Timescale.due)."""
    return get(timescale_id).due(start)
