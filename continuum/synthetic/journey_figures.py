"""The calibration figures of a financial year, counted from the generated records with SQL aggregates.

Used by `python -m bench.calibration` (the bradford-2019-20 profile against the seeds) and by the
tests (the small profile, with tolerances). The definitions follow the DfE's (research notes,
section 6): a year runs 1 April to 31 March; "at 31 March" counts what was open at the end of that
day. Two simplifications, said where they are made: a re-referral looks back 365 days rather
than twelve calendar months, and working days are counted in Python with the project's calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from continuum.frontdoor.models import Contact
from continuum.people.models import Person
from continuum.socialcare.catalogue import ConferenceKind, Section47Outcome
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    ChildProtectionConference,
    ChildProtectionPlan,
    MissingEpisode,
    PathwayPlan,
    Referral,
    Section47Enquiry,
)
from continuum.statutory.calendar import working_days_between
from continuum.statutory.timescales import ENGLAND

EET = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
SHORT_BREAKS = ("V3", "V4")  # left out of the looked-after count (DfE CLA statistics)


def children_in_area() -> int:
    """The profile's child population: children (0-17) on the register at the reference date."""
    return Person.objects.filter(kind="child").count()


def year_figures(year: int, children: int) -> dict[str, float]:
    """Every 2019/20-style figure for the year starting 1 April `year` (2019 for 2019/20)."""
    first, last = date(year, 4, 1), date(year + 1, 3, 31)
    referrals = Referral.objects.filter(referral_date__range=(first, last))
    count = referrals.count()
    s47 = Section47Enquiry.objects.filter(started__range=(first, last))
    s47_count = s47.count()
    figures: dict[str, float] = {
        "referrals": count,
        "referral_rate": _rate(count, children),
        "further_action": _share(referrals.filter(no_further_action=False).count(), count),
        "re_referrals": _share(_re_referrals(referrals).count(), count),
        "section_47": s47_count,
        "section_47_rate": _rate(s47_count, children),
        "section_47_to_icpc": _share(
            s47.filter(outcome=Section47Outcome.INITIAL_CONFERENCE).count(), s47_count
        ),
        "icpc_children": ChildProtectionConference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__range=(first, last)
        )
        .values("referral__person")
        .distinct()
        .count(),
        **_assessments(first, last),
        **_at_31_march(last, children),
        **_missing(first, last),
    }
    return figures


def contacts_in_year(first: date, last: date) -> int:
    start = _start_of(first)
    return Contact.objects.filter(
        received_at__gte=start, received_at__lt=_start_of(last + timedelta(days=1))
    ).count()


def _start_of(day: date) -> object:
    from datetime import datetime, time

    return datetime.combine(day, time(0), tzinfo=ENGLAND)


def _re_referrals(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    earlier = Referral.objects.filter(
        person=OuterRef("person"),
        referral_date__lt=OuterRef("referral_date"),
        referral_date__gte=OuterRef("referral_date") - timedelta(days=365),
    )
    return referrals.filter(Exists(earlier))


def _assessments(first: date, last: date) -> dict[str, float]:
    completed = list(
        Assessment.objects.filter(authorised__range=(first, last)).values_list("started", "authorised")
    )
    in_time = sum(
        working_days_between(started, authorised) <= 45 for started, authorised in completed if authorised
    )
    return {"assessments": len(completed), "assessments_in_time": _share(in_time, len(completed))}


def _at_31_march(day: date, children: int) -> dict[str, float]:
    cp = _open_plans(day).values("referral__person").distinct().count()
    looked_after = (
        CareEpisode.objects.filter(started__lte=day)
        .filter(Q(ended__isnull=True) | Q(ended__gt=day))
        .exclude(legal_status__in=SHORT_BREAKS)
        .values("person")
        .distinct()
        .count()
    )
    in_need = Referral.objects.filter(referral_date__lte=day).filter(
        Q(closed__isnull=True) | Q(closed__gt=day)
    )
    return {
        "cp_plans": cp,
        "cp_rate": _rate(cp, children),
        "children_in_need": in_need.count(),
        "looked_after": looked_after,
        "looked_after_rate": _rate(looked_after, children),
    }


def _open_plans(day: date) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(started__lte=day).filter(
        Q(ended__isnull=True) | Q(ended__gt=day)
    )


def _missing(first: date, last: date) -> dict[str, float]:
    episodes = MissingEpisode.objects.filter(
        went_missing__gte=_start_of(first), went_missing__lt=_start_of(last + timedelta(days=1))
    )
    in_care = CareEpisode.objects.filter(
        person=OuterRef("person"), started__lte=OuterRef("went_missing")
    ).filter(Q(ended__isnull=True) | Q(ended__gte=OuterRef("went_missing")))
    return {
        "missing": episodes.values("person").distinct().count(),
        "missing_from_care": episodes.filter(Exists(in_care)).values("person").distinct().count(),
    }


def plans_and_care_leavers(year: int) -> dict[str, float]:
    """The 2020/21 figures: plans at 31 March by duration, and the care leaver indicators."""
    first, last = date(year, 4, 1), date(year + 1, 3, 31)
    plans = _open_plans(last)
    one_year, two_years = _years_before(last, 1), _years_before(last, 2)
    leavers = (
        CareLeaver.objects.filter(started__lte=last, category__in=("relevant", "former_relevant"))
        .filter(Q(ended__isnull=True) | Q(ended__gt=last))
        .values("person")
        .distinct()
    )
    supported = leavers.count()
    planned = PathwayPlan.objects.filter(care_leaver__person=OuterRef("person"), held_on__lte=last)
    contacts = CareLeaverContact.objects.filter(contact_on__range=(first, last))
    total = contacts.count()
    return {
        "cp_plans_2021": plans.values("referral__person").distinct().count(),
        "cp_1_to_2_years": plans.filter(started__lte=one_year, started__gt=two_years).count(),
        "cp_over_2_years": plans.filter(started__lte=two_years).count(),
        "care_leavers": supported,
        "care_leavers_in_touch": _share(contacts.filter(in_touch="YES").count(), total),
        "care_leavers_eet": _share(contacts.filter(activity__in=EET).count(), total),
        "care_leavers_suitable": _share(contacts.filter(accommodation__endswith="1").count(), total),
        "care_leavers_pathway": _share(leavers.filter(Exists(planned)).count(), supported),
    }


def _years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def _rate(count: int, children: int) -> float:
    return round(count * 10_000 / children, 1) if children else 0.0


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
