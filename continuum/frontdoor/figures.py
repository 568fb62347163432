"""The front door's figures over a period, counted by the database.

Each figure has a name, a plain-English definition, a numerator and a denominator; the
definitions are also in docs/figures.md, and tests work the answers out by hand. Counting is
done in SQL (conditional `Count`s and `Exists`), never by looping over rows in Python: every
figure on the page costs three queries, whatever the number of contacts.

A period runs from its first day to its last day inclusive, by the day a contact was received
in England (a contact received at 23:30 on 31 March belongs to March, whatever the server's
clock says). Referrals are counted by their referral date, which is the day their contact was
received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Trim
from django.db.models.lookups import Exact
from django.utils import timezone

from continuum.socialcare.models import Referral
from continuum.socialcare.referrals import RE_REFERRAL_MONTHS
from continuum.statutory import codes
from continuum.statutory.periods import Period, financial_year_of
from continuum.statutory.sql import YearsBefore

from .catalogue import Consent, NoFurtherActionReason, Outcome, Route
from .models import Contact, Decision

__all__ = ["Period", "financial_year_of"]


@dataclass(frozen=True)
class Proportion:
    """A figure that is a share: `numerator` of `denominator`."""

    name: str
    definition: str
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        """None when there is nothing to count (a percentage of nothing is not 0%)."""
        return 100 * self.numerator / self.denominator if self.denominator else None

    @property
    def percent_text(self) -> str:
        return "No data" if self.percent is None else f"{self.percent:.0f}%"

    @property
    def fraction_text(self) -> str:
        return f"{self.numerator:,} of {self.denominator:,}"


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: `count` of the breakdown's `total`."""

    code: str
    label: str
    count: int
    total: int

    @property
    def count_text(self) -> str:
        return f"{self.count:,}"

    @property
    def percent_text(self) -> str:
        return f"{100 * self.count / self.total:.0f}%" if self.total else "No data"


@dataclass(frozen=True)
class Breakdown:
    """A figure split into parts that add up to `total`."""

    name: str
    definition: str
    rows: tuple[Row, ...]
    total: int

    @property
    def total_text(self) -> str:
        return f"{self.total:,}"


@dataclass(frozen=True)
class FrontDoorFigures:
    period: Period
    as_at: datetime
    contacts: int
    by_source: Breakdown
    by_route: Breakdown
    timeliness: Proportion
    outcomes: Breakdown
    consent: Proportion
    consent_breakdown: Breakdown
    child_voice: Proportion
    referrer_feedback: Proportion
    re_referrals: Proportion

    @property
    def contacts_text(self) -> str:
        return f"{self.contacts:,}"

    @property
    def standards(self) -> tuple[Proportion, ...]:
        """The percentages, in the order the page shows them."""
        return (
            self.timeliness,
            self.consent,
            self.child_voice,
            self.referrer_feedback,
            self.re_referrals,
        )


def front_door_figures(period: Period, as_at: datetime | None = None) -> FrontDoorFigures:
    """Every front-door figure for the period, with open contacts judged as they stand at `as_at`.

    Three queries: one pass over the period's contacts, one over their children's decisions,
    one over the period's referrals.
    """
    as_at = as_at or timezone.now()
    totals = contact_totals(period, as_at)
    return FrontDoorFigures(
        period=period,
        as_at=as_at,
        contacts=totals["all"],
        by_source=_by_source(totals),
        by_route=_by_route(totals),
        timeliness=_timeliness(totals),
        outcomes=outcomes(period),
        consent=_consent_recorded(totals),
        consent_breakdown=_consent_breakdown(totals),
        child_voice=_child_voice(totals),
        referrer_feedback=_referrer_feedback(totals),
        re_referrals=re_referrals(period),
    )


def contacts_received(period: Period) -> QuerySet[Contact]:
    """Contacts received in the period (drafts are not contacts: nothing has been received)."""
    return Contact.objects.received().filter(
        received_at__gte=period.starts_at, received_at__lt=period.ends_before
    )


# One figure at a time, for reports and tests; the page asks for all of them at once.


def contacts_by_source(period: Period) -> Breakdown:
    return _by_source(contact_totals(period))


def contacts_by_route(period: Period) -> Breakdown:
    return _by_route(contact_totals(period))


def decided_within_one_working_day(period: Period, as_at: datetime | None = None) -> Proportion:
    return _timeliness(contact_totals(period, as_at))


def consent_breakdown(period: Period) -> Breakdown:
    return _consent_breakdown(contact_totals(period))


def consent_recorded(period: Period) -> Proportion:
    return _consent_recorded(contact_totals(period))


def child_voice_recorded(period: Period) -> Proportion:
    return _child_voice(contact_totals(period))


def referrer_feedback(period: Period) -> Proportion:
    return _referrer_feedback(contact_totals(period))


# --- One pass over the period's contacts ---------------------------------------------------------


def _blank(field: str) -> Q:
    """Nothing written, or only spaces: not a record of anything."""
    return Q(Exact(Trim(field), Value("")))


_NOT_NEEDED_REASON = ~_blank("consent_not_needed_reason")
_NOT_OBTAINED_REASON = ~_blank("consent_not_obtained_reason")
CONSENT_STATES: tuple[tuple[str, str, Q], ...] = (
    ("obtained", "Consent given", Q(consent=Consent.OBTAINED)),
    (
        "not_needed",
        "Not needed: child-protection threshold, reason recorded",
        Q(consent__in=(Consent.REFUSED, Consent.NOT_SOUGHT)) & _NOT_NEEDED_REASON,
    ),
    (
        "refused",
        "Asked for and refused, reason recorded",
        Q(consent=Consent.REFUSED) & ~_NOT_NEEDED_REASON & _NOT_OBTAINED_REASON,
    ),
    (
        "not_sought",
        "Not asked for, reason recorded",
        Q(consent=Consent.NOT_SOUGHT) & ~_NOT_NEEDED_REASON & _NOT_OBTAINED_REASON,
    ),
)
DECIDED = Q(decided_at__isnull=False)
DECIDED_IN_TIME = DECIDED & Q(decided_at__lt=F("due_at"))
# Anonymous contacts are left out of "referrer told": there is no one to tell.
REFERRER_CAN_BE_TOLD = DECIDED & ~Q(route=Route.ANONYMOUS)
REFERRER_TOLD = Q(referrer_told_at__isnull=False)

TIMELINESS_DEFINITION = (
    "Contacts received in the period that were decided before the end of the working day after "
    "the day they arrived, of all contacts decided plus those still open after that deadline. "
    "Open contacts still within their deadline are not counted yet."
)
REFERRER_FEEDBACK_DEFINITION = (
    "Decided contacts received in the period where the referrer was told the outcome, of all "
    "decided contacts received in the period except anonymous ones (there is no one to tell)."
)
RE_REFERRALS_DEFINITION = (
    "Referrals to children's social care in the period (by referral date) for a child who had "
    "another referral in the 12 months before it, of all referrals in the period. A referral on "
    "the same day as another is the same episode and is not counted as a re-referral."
)


def timeliness_known(as_at: datetime) -> Q:
    """Contacts whose timeliness is known at `as_at`: decided, or still open past their deadline."""
    return DECIDED | Q(decided_at__isnull=True, due_at__lte=as_at)


def contact_totals(period: Period, as_at: datetime | None = None) -> dict[str, int]:
    """Every count the contact-level figures need, in one pass over the period's contacts."""
    as_at = as_at or timezone.now()
    counts: dict[str, Count] = {"all": Count("pk")}
    counts |= {
        f"source:{code.code}": Count("pk", filter=Q(referral_source=code.code))
        for code in codes.REFERRAL_SOURCE
    }
    counts |= {f"route:{route.value}": Count("pk", filter=Q(route=route)) for route in Route}
    counts |= {
        "in_time": Count("pk", filter=DECIDED_IN_TIME),
        "timeliness_known": Count("pk", filter=timeliness_known(as_at)),
        "voice": Count("pk", filter=~_blank("child_voice")),
        "decided_named": Count("pk", filter=REFERRER_CAN_BE_TOLD),
        "told": Count("pk", filter=REFERRER_CAN_BE_TOLD & REFERRER_TOLD),
    }
    counts |= {f"consent:{key}": Count("pk", filter=condition) for key, _, condition in CONSENT_STATES}
    return contacts_received(period).aggregate(**counts)


def _by_source(totals: dict[str, int]) -> Breakdown:
    rows = [
        Row(code.code, code.label, totals[f"source:{code.code}"], 0)
        for code in codes.REFERRAL_SOURCE
        if totals[f"source:{code.code}"]
    ]
    # Through the services every contact gets a code; one without is shown, never dropped.
    others = totals["all"] - sum(row.count for row in rows)
    if others:
        rows.append(Row("", "Not recorded", others, 0))
    return _breakdown(
        "Contacts by referral source",
        "Contacts received in the period, by who made them, in the DfE's referral source codes "
        "(CIN census). Only sources with at least one contact are listed.",
        rows,
    )


def _by_route(totals: dict[str, int]) -> Breakdown:
    rows = [Row(route.value, route.label, totals[f"route:{route.value}"], 0) for route in Route]
    return _breakdown("Contacts by route", "Contacts received in the period, by how they came in.", rows)


def _timeliness(totals: dict[str, int]) -> Proportion:
    """Decided before the one-working-day clock ran out, of contacts whose result is known.

    The clock is the contact's `due_at`: the end of the working day after the day it arrived.
    A contact is decided when every child on it has a decision that has taken effect (after
    sign-off where sign-off is needed), so `decided_at` is the last of those. A contact still
    open when its clock has run out (at `as_at`) has already missed it: it counts in the
    denominator and not the numerator. A contact still open within its clock is left out until
    it is decided, because it may yet be in time.
    """
    return Proportion(
        "Decided within one working day",
        TIMELINESS_DEFINITION,
        totals["in_time"],
        totals["timeliness_known"],
    )


def _consent_breakdown(totals: dict[str, int]) -> Breakdown:
    rows = [Row(key, label, totals[f"consent:{key}"], 0) for key, label, _ in CONSENT_STATES]
    rows.append(Row("not_recorded", "Not recorded", totals["all"] - sum(row.count for row in rows), 0))
    return _breakdown(
        "Consent",
        "Contacts received in the period, by what the contact records about the family's consent to "
        "share information and offer help. Consent was asked for where it was given or refused.",
        rows,
    )


def _consent_recorded(totals: dict[str, int]) -> Proportion:
    return Proportion(
        "Consent recorded",
        "Contacts received in the period that record the family's informed consent, or why it was "
        "not obtained, or why it was not needed (at the child-protection threshold), of all contacts "
        "received in the period. Anonymous contacts are included.",
        sum(totals[f"consent:{key}"] for key, _, _ in CONSENT_STATES),
        totals["all"],
    )


def _child_voice(totals: dict[str, int]) -> Proportion:
    return Proportion(
        "Child's voice recorded",
        "Contacts received in the period where the referrer recorded what the child said, or why "
        "they could not ask, of all contacts received in the period.",
        totals["voice"],
        totals["all"],
    )


def _referrer_feedback(totals: dict[str, int]) -> Proportion:
    return Proportion(
        "Referrer told the outcome",
        REFERRER_FEEDBACK_DEFINITION,
        totals["told"],
        totals["decided_named"],
    )


# --- Outcomes for each child ---------------------------------------------------------------------


def outcomes(period: Period) -> Breakdown:
    """What was decided for each child, with "no further action" split by its reason.

    Counts children, not contacts: each child on a contact has their own decision. Only
    decisions that have taken effect count; one waiting for a manager's sign-off does not yet.
    Information and advice, and notifications kept for the record ("information only"), are
    shown apart from other no-further-action reasons, so that they no longer swell the NFA figure.
    """
    decisions = Decision.objects.filter(
        completed_at__isnull=False,
        child__contact__received_at__gte=period.starts_at,
        child__contact__received_at__lt=period.ends_before,
    )
    counts: dict[tuple[str, str], int] = {
        (row["outcome"], row["no_further_action_reason"]): row["n"]
        for row in decisions.values("outcome", "no_further_action_reason").order_by().annotate(n=Count("pk"))
    }
    rows = []
    for outcome in Outcome:
        if outcome != Outcome.NO_FURTHER_ACTION:
            rows.append(Row(outcome.value, outcome.label, _sum(counts, outcome), 0))
            continue
        for reason in NoFurtherActionReason:
            label = f"{outcome.label}: {reason.label[0].lower()}{reason.label[1:]}"
            rows.append(Row(f"{outcome.value}:{reason.value}", label, counts.pop((outcome, reason), 0), 0))
        unexplained = _sum(counts, outcome)
        if unexplained:
            rows.append(Row(f"{outcome.value}:", f"{outcome.label}: no reason recorded", unexplained, 0))
    return _breakdown(
        "Outcomes for children",
        "Front-door decisions for each child on a contact received in the period, once they have "
        "taken effect (after sign-off where it is needed). No further action is split by its reason; "
        "information and advice is a separate outcome.",
        rows,
    )


def _sum(counts: dict[tuple[str, str], int], outcome: str) -> int:
    return sum(count for (each, _), count in counts.items() if each == outcome)


# --- Re-referrals ------------------------------------------------------------------------------


def had_a_referral_in_the_12_months_before() -> Exists:
    """For a referral: the same child had another in the 12 months before it.

    The rule is `socialcare.referrals.previous_referral_within_12_months`: an earlier referral
    counts from the same day `RE_REFERRAL_MONTHS` months before (29 February looks back to 28
    February) up to the day before; one on the same day is the same episode and does not count.
    """
    assert RE_REFERRAL_MONTHS % 12 == 0  # counted back in whole years
    this = OuterRef("referral_date")
    return Exists(
        Referral.objects.filter(
            person=OuterRef("person"),
            referral_date__lt=this,
            referral_date__gte=YearsBefore(this, RE_REFERRAL_MONTHS // 12),
        )
    )


def re_referrals(period: Period) -> Proportion:
    """Referrals in the period whose child had another referral in the 12 months before."""
    referrals = Referral.objects.filter(referral_date__gte=period.start, referral_date__lte=period.end)
    totals = referrals.aggregate(
        re_referrals=Count("pk", filter=had_a_referral_in_the_12_months_before()), all=Count("pk")
    )
    return Proportion(
        "Re-referrals within 12 months", RE_REFERRALS_DEFINITION, totals["re_referrals"], totals["all"]
    )


# --- Helpers -------------------------------------------------------------------------------------


def _breakdown(name: str, definition: str, rows: list[Row]) -> Breakdown:
    total = sum(row.count for row in rows)
    return Breakdown(
        name, definition, tuple(Row(row.code, row.label, row.count, total) for row in rows), total
    )
