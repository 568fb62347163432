"""What the front door needs to know of a child already known: past contacts, referrals, open work.

Derived from the records themselves, never typed in: a re-referral is a referral within 12
months of an earlier one (`socialcare.referrals`), open involvement is an open allocation,
early help episode or referral.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.people.models import Allocation
from continuum.socialcare.models import Referral
from continuum.socialcare.referrals import previous_referral_within_12_months
from continuum.statutory.timescales import england_date

from .models import ContactChild

PREVIOUS_CONTACTS_SHOWN = 10


@dataclass(frozen=True)
class ChildHistory:
    previous_contacts: list[ContactChild]
    referrals: list[Referral]
    re_referral_of: Referral | None
    open_involvement: list[str] = field(default_factory=list)

    @property
    def is_re_referral(self) -> bool:
        return self.re_referral_of is not None


def history_of(child: ContactChild) -> ChildHistory | None:
    """The linked child's history as it stood when this contact arrived; None if not linked yet."""
    if child.person_id is None or child.contact.received_at is None:
        return None
    received = child.contact.received_at
    on: date = england_date(received)
    previous = list(
        ContactChild.objects.filter(person_id=child.person_id, contact__received_at__lt=received)
        .exclude(pk=child.pk)
        .select_related("contact", "decision")
        .order_by("-contact__received_at")[:PREVIOUS_CONTACTS_SHOWN]
    )
    referrals = list(Referral.objects.filter(person_id=child.person_id).order_by("-referral_date")[:10])
    return ChildHistory(
        previous_contacts=previous,
        referrals=referrals,
        re_referral_of=previous_referral_within_12_months(child.person_id, on),
        open_involvement=open_involvement(child.person_id, on),
    )


def open_involvement(person_id: int, on: date) -> list[str]:
    """Services working with the child on `on`, in words."""
    lines = []
    for allocation in (
        Allocation.objects.filter(person_id=person_id, started__lte=on)
        .exclude(ended__lt=on)
        .select_related("worker", "team")
    ):
        who = allocation.worker.display_name if allocation.worker else ""
        team = allocation.team.name if allocation.team else ""
        lines.append("Allocated to " + ", ".join(part for part in (who, team) if part))
    for episode in EarlyHelpEpisode.objects.filter(person_id=person_id, started__lte=on, ended__isnull=True):
        lines.append(f"Open to early help since {episode.started:%-d %B %Y}")
    for referral in Referral.objects.filter(person_id=person_id, referral_date__lte=on, closed__isnull=True):
        lines.append(f"Open to children's social care: referral of {referral.referral_date:%-d %B %Y}")
    return lines
