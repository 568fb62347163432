"""The front door's queue: open contacts the user may work on, filtered and sorted in SQL.

Kept apart from the page so that the benchmark and any report can build the same queryset.
Every filter is a WHERE clause and every sort an ORDER BY on an indexed column (`due_at`,
`received_at`), so a page of 25 costs the same with a hundred contacts or a hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from continuum.access import policy
from continuum.access.models import User

from .catalogue import CheckStatus
from .models import Contact, ContactChild, ContactQuerySet, Decision, PartnerCheck

# What ?sort= may say, and the ORDER BY each means. The primary key breaks ties, so a contact
# never moves between pages when others share its due time.
SORTS: dict[str, tuple[str, ...]] = {
    "due": ("due_at", "pk"),
    "-due": ("-due_at", "-pk"),
    "received": ("received_at", "pk"),
    "-received": ("-received_at", "-pk"),
}
DEFAULT_SORT = "due"

# The "allocated to" filter: these words, or a worker's id.
ANYONE = "anyone"
ME = "me"
UNALLOCATED = "unallocated"


@dataclass(frozen=True)
class QueueFilters:
    """What the worker asked to see. Empty values mean "do not filter on this"."""

    overdue_only: bool = False
    agency_type: str = ""
    referral_source: str = ""
    level: int | None = None
    allocated_to: str = ANYONE  # ANYONE, ME, UNALLOCATED or a worker's id
    sort: str = DEFAULT_SORT


def contacts_in_queue(
    user: User, filters: QueueFilters | None = None, now: datetime | None = None
) -> QuerySet[Contact]:
    """Open contacts `user` may work on, narrowed by `filters`, with what each row shows.

    "Overdue" means the one-working-day clock ran out before `now`. An unknown sort falls back
    to the earliest due first; an allocated worker id that is not a number matches nothing.
    """
    filters = filters or QueueFilters()
    visible = cast(ContactQuerySet, policy.contacts_visible_to(user))
    contacts: QuerySet[Contact] = visible.overdue(now) if filters.overdue_only else visible.open()
    if filters.agency_type:
        contacts = contacts.filter(referrer_agency__agency_type=filters.agency_type)
    if filters.referral_source:
        contacts = contacts.filter(referral_source=filters.referral_source)
    if filters.level is not None:
        contacts = contacts.filter(referrer_level__number=filters.level)
    contacts = _allocated(contacts, user, filters.allocated_to)
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    return (
        contacts.select_related("referrer_level", "allocated_to", "referrer_agency")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=ContactChild.objects.only(
                    "pk", "contact_id", "given_name", "family_name", "is_unborn"
                ).order_by("pk"),
            )
        )
        .order_by(*order)
    )


def _allocated(contacts: QuerySet[Contact], user: User, allocated_to: str) -> QuerySet[Contact]:
    if allocated_to == ME:
        return contacts.filter(allocated_to=user)
    if allocated_to == UNALLOCATED:
        return contacts.filter(allocated_to__isnull=True)
    if allocated_to in ("", ANYONE):
        return contacts
    if not allocated_to.isdigit():
        return contacts.none()
    return contacts.filter(allocated_to_id=int(allocated_to))


def front_door_workers() -> QuerySet[User]:
    """Active staff who may be allocated a contact: those who decide at the front door."""
    return policy.users_who_may(policy.Permission.DECIDE_CONTACT).order_by("first_name", "last_name", "pk")


def decisions_awaiting_sign_off(user: User) -> QuerySet[Decision]:
    """Decisions waiting for a manager, oldest first, on contacts `user` may work on."""
    return (
        Decision.objects.filter(
            needs_sign_off=True,
            completed_at__isnull=True,
            child__contact__in=policy.contacts_visible_to(user).values("pk"),
        )
        .select_related("child__contact", "level", "decided_by")
        .order_by("decided_at", "pk")
    )


def checks_to_answer(user: User) -> QuerySet[PartnerCheck]:
    """Checks put to `user`'s agency: those still to answer first, soonest due first."""
    waiting_first = Case(
        When(status=CheckStatus.ASKED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        policy.checks_for(user)
        .select_related("contact", "asked_by", "agency")
        .prefetch_related(
            Prefetch(
                "contact__children",
                queryset=ContactChild.objects.only(
                    "pk", "contact_id", "given_name", "family_name", "is_unborn"
                ).order_by("pk"),
            )
        )
        .order_by(waiting_first, "due_at", "pk")
    )
