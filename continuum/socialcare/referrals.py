"""Rules about referrals that other apps ask about, by name."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from continuum.statutory.timescales import add_months

from .models import Referral

RE_REFERRAL_MONTHS = 12


def re_referral_window_start(on: date) -> date:
    """The first day a previous referral counts towards a re-referral on `on` (DfE: within 12 months)."""
    return add_months(on, -RE_REFERRAL_MONTHS)


def previous_referral_within_12_months(person_id: int, on: date) -> Referral | None:
    """The latest referral of this person in the 12 months before `on`, if there is one.

    A referral within 12 months of a previous one is a re-referral in the DfE's sense; one on
    the same day as another is not counted (it is the same episode).
    """
    return (
        Referral.objects.filter(
            person_id=person_id, referral_date__gte=re_referral_window_start(on), referral_date__lt=on
        )
        .order_by("-referral_date")
        .first()
    )


def referrals_of(person_id: int) -> QuerySet[Referral]:
    return Referral.objects.filter(person_id=person_id).order_by("-referral_date")
