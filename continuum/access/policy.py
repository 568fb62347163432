"""The access policy: may this user do this to this person's record, and why.

This is the only place that decides access to people's records. Views get records through
`people_visible_to()` (a queryset already scoped to the user) or `decide()` for one record;
templates and views never test roles themselves. See docs/access.md for the model.

Need-to-know, in order:
1. A restricted record opens only to the users named on it (and to break-glass).
2. Front-door roles see every standard record: they must look children up to decide.
3. Casework roles see the people allocated to them or to a team they belong to.
4. Anyone allowed to break glass may do so with a reason, for a limited time.
5. Everyone else (partner practitioners, analysts, administrators) sees no person's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from continuum.earlyhelp.models import EarlyHelpRegistration
from continuum.frontdoor.models import Contact, ContactChild, EncompassNotification, PartnerCheck
from continuum.people.models import Allocation, Person, RestrictionLevel

from .models import BreakGlassGrant, RecordRestriction, Team, User
from .roles import (
    BREAK_GLASS_ROLES,
    CASEWORK_ROLES,
    DRILL_DOWN_ROLES,
    EARLY_HELP_COORDINATOR_ROLES,
    FIGURES_ENTRY_ROLES,
    FIGURES_ROLES,
    FRONT_DOOR_DECISION_ROLES,
    FRONT_DOOR_ROLES,
    PARTNER_CHECK_ROLES,
    REFERRER_ROLES,
    RETURNS_ROLES,
    SEARCH_ROLES,
    SIGN_OFF_ROLES,
    TEAM_WORK_ROLES,
    Role,
)

# Police and health officers in the front door see records to screen them, but the record's
# access log is a matter for the council's social care staff who hold the record.
ACCESS_LOG_ROLES = CASEWORK_ROLES | {Role.FRONT_DOOR_PRACTITIONER, Role.FRONT_DOOR_MANAGER}


class Permission(StrEnum):
    SEARCH = "search"  # look people up in the index
    VIEW = "view"  # open the record
    EDIT = "edit"  # change identifiers, names, addresses, relationships
    VIEW_ACCESS_LOG = "view_access_log"  # see who has viewed the record
    BREAK_GLASS = "break_glass"  # ask for emergency access with a reason
    MANAGE_USERS = "manage_users"
    SEARCH_AUDIT = "search_audit"
    # The front door.
    SUBMIT_REFERRAL = "submit_referral"  # fill in and submit a MARF
    WORK_FRONT_DOOR = "work_front_door"  # the queue, recording contacts, screening, partner checks
    DECIDE_CONTACT = "decide_contact"  # decide the outcome for a child on a contact
    SIGN_OFF_DECISION = "sign_off_decision"
    ANSWER_PARTNER_CHECK = "answer_partner_check"
    SEE_FIGURES = "see_figures"
    REGISTER_EARLY_HELP = "register_early_help"  # a partner registers early help they will lead
    PROCESS_EARLY_HELP = "process_early_help"  # find the child and accept or decline a registration
    # The child's journey.
    SEE_OWN_WORK = "see_own_work"  # "My work": what is due for the children allocated to you
    SEE_TEAM_WORK = "see_team_work"  # a manager's view of what is due across their team
    RECORD_WORK = "record_work"  # record a step of the journey on a child's record
    # Insight: the dashboard and the annual report.
    ENTER_FIGURES = "enter_figures"  # the child population, comparators and the report's narrative
    SEE_CHILDREN_BEHIND_FIGURES = "see_children_behind_figures"  # the drill-down from a figure
    # Statutory returns: download them and check them with the DfE's rules.
    MAKE_RETURNS = "make_returns"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def can(user: User, permission: Permission) -> Decision:
    """Permissions that are not about one record."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "not signed in")
    if permission == Permission.SEARCH:
        return _by_role(user, SEARCH_ROLES, "looking people up is for front door and casework roles")
    if permission in (Permission.MANAGE_USERS, Permission.SEARCH_AUDIT):
        return _by_role(
            user, {Role.ADMINISTRATOR}, "only administrators manage users and search the audit trail"
        )
    if permission in _GENERAL_RULES:
        roles, refusal = _GENERAL_RULES[permission]
        return _by_role(user, roles, refusal)
    raise ValueError(f"{permission} is decided per record: use decide()")


_GENERAL_RULES: dict[Permission, tuple[frozenset[str], str]] = {
    Permission.SUBMIT_REFERRAL: (REFERRER_ROLES, "your role does not refer children to the front door"),
    Permission.WORK_FRONT_DOOR: (FRONT_DOOR_ROLES, "the front door queue is for front door staff"),
    Permission.DECIDE_CONTACT: (
        FRONT_DOOR_DECISION_ROLES,
        "front door social workers and managers decide what happens to a contact",
    ),
    Permission.SIGN_OFF_DECISION: (SIGN_OFF_ROLES, "only front door managers sign off decisions"),
    Permission.ANSWER_PARTNER_CHECK: (PARTNER_CHECK_ROLES, "your role does not answer partner checks"),
    Permission.SEE_FIGURES: (FIGURES_ROLES, "the figures are for managers, analysts and the board"),
    Permission.REGISTER_EARLY_HELP: (REFERRER_ROLES, "your role does not register early help"),
    Permission.PROCESS_EARLY_HELP: (
        EARLY_HELP_COORDINATOR_ROLES,
        "early help practitioners and team managers accept or decline early help registrations",
    ),
    Permission.SEE_OWN_WORK: (CASEWORK_ROLES, "only practitioners with a caseload have My work"),
    Permission.SEE_TEAM_WORK: (TEAM_WORK_ROLES, "only team managers see their team's work"),
    Permission.ENTER_FIGURES: (
        FIGURES_ENTRY_ROLES,
        "performance analysts and the partnership business unit enter populations, comparators and "
        "the report's words",
    ),
    Permission.MAKE_RETURNS: (
        RETURNS_ROLES,
        "performance analysts make the statutory returns and check them with the DfE's rules",
    ),
    Permission.SEE_CHILDREN_BEHIND_FIGURES: (
        DRILL_DOWN_ROLES,
        "the children behind a figure are for analysts and for managers who may open their records; "
        "the figures themselves are shown without them",
    ),
}


def users_who_may(permission: Permission) -> QuerySet[User]:
    """Active users whose roles give them `permission` (one not about a record): the same rule as `can`."""
    roles, _ = _GENERAL_RULES[permission]
    return User.objects.filter(is_active=True, role_assignments__role__in=roles).distinct()


def _by_role(user: User, roles: set[str] | frozenset[str], refusal: str) -> Decision:
    held = user.roles.intersection(roles)
    if held:
        return Decision(True, f"held role: {Role(sorted(held)[0]).label}")
    return Decision(False, refusal)


def decide(user: User, permission: Permission, person: Person) -> Decision:
    """May `user` do `permission` to `person`'s record? The reason is shown and audited."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "not signed in")
    if permission == Permission.BREAK_GLASS:
        return _by_role(user, BREAK_GLASS_ROLES, "your role cannot ask for emergency access")
    basis = _basis_for_access(user, person)
    if basis is None:
        return Decision(False, _refusal(user, person))
    if permission == Permission.VIEW_ACCESS_LOG and not user.roles & ACCESS_LOG_ROLES:
        return Decision(False, "only social care staff and managers see who has viewed a record")
    if permission in (Permission.EDIT, Permission.RECORD_WORK) and basis.startswith("emergency"):
        return Decision(False, "emergency access lets you read the record, not change it")
    if permission == Permission.RECORD_WORK and not user.roles & CASEWORK_ROLES:
        return Decision(False, "only the child's practitioners record their assessments, plans and visits")
    return Decision(True, basis)


def _basis_for_access(user: User, person: Person) -> str | None:
    if person.restriction == RestrictionLevel.RESTRICTED:
        if RecordRestriction.objects.filter(person=person, user=user).exists():
            return "named on this restricted record"
        return _break_glass_basis(user, person)
    if user.roles & FRONT_DOOR_ROLES:
        return "front door role: looks up every child referred"
    if user.roles & CASEWORK_ROLES:
        allocation = _open_allocations(user).filter(person=person).first()
        if allocation is not None:
            return "allocated worker" if allocation.worker_id == user.pk else "allocated to your team"
    return _break_glass_basis(user, person)


def _break_glass_basis(user: User, person: Person) -> str | None:
    grant = (
        BreakGlassGrant.objects.in_force().filter(user=user, person=person).order_by("-expires_at").first()
    )
    if grant is None:
        return None
    until = timezone.localtime(grant.expires_at).strftime("%H:%M")
    return f"emergency access until {until}: {grant.reason}"


def _refusal(user: User, person: Person) -> str:
    if person.restriction == RestrictionLevel.RESTRICTED:
        return "this record is restricted to named people"
    if user.roles & CASEWORK_ROLES:
        return "this person is not allocated to you or your team"
    return "your role does not give access to people's records"


def _open_allocations(user: User) -> QuerySet[Allocation]:
    today = timezone.localdate()
    return Allocation.objects.filter(Q(worker=user) | Q(team__in=user.teams.all())).filter(
        Q(ended__isnull=True) | Q(ended__gte=today)
    )


def people_visible_to(user: User) -> QuerySet[Person]:
    """Every person `user` may view, as a queryset: the same rules as `decide(..., VIEW, ...)`."""
    people = Person.objects.all()
    if not user.is_authenticated or not user.is_active:
        return people.none()
    named = RecordRestriction.objects.filter(person=OuterRef("pk"), user=user)
    glass = BreakGlassGrant.objects.in_force().filter(person=OuterRef("pk"), user=user)
    visible = Q(Exists(named)) | Q(Exists(glass))
    standard = Q(restriction=RestrictionLevel.STANDARD)
    if user.roles & FRONT_DOOR_ROLES:
        visible |= standard
    elif user.roles & CASEWORK_ROLES:
        allocated = _open_allocations(user).filter(person=OuterRef("pk"))
        visible |= standard & Q(Exists(allocated))
    return people.filter(visible)


def searchable_people(user: User) -> QuerySet[Person]:
    """People who may appear in `user`'s search results.

    Casework roles search the whole standard index (to find a child already known) but open
    only records they may view; restricted records appear only to people who may open them.
    """
    if not can(user, Permission.SEARCH):
        return Person.objects.none()
    named = RecordRestriction.objects.filter(person=OuterRef("pk"), user=user)
    glass = BreakGlassGrant.objects.in_force().filter(person=OuterRef("pk"), user=user)
    return Person.objects.filter(
        Q(restriction=RestrictionLevel.STANDARD) | Q(Exists(named)) | Q(Exists(glass))
    )


def caseload_of(user: User) -> QuerySet[Person]:
    """The children allocated to `user` themselves (not through a team): their "My work"."""
    if not can(user, Permission.SEE_OWN_WORK):
        return Person.objects.none()
    allocated = _open_allocations(user).filter(worker=user, person=OuterRef("pk"))
    return people_visible_to(user).filter(Exists(allocated))


def teams_whose_work_is_seen_by(user: User) -> QuerySet[Team]:
    """Teams whose caseload `user` may see: those they manage or belong to, for a team manager."""
    if not can(user, Permission.SEE_TEAM_WORK):
        return Team.objects.none()
    return Team.objects.filter(Q(manager=user) | Q(members=user)).distinct()


def team_caseload(user: User, team: Team) -> QuerySet[Person]:
    """Children allocated to `team`, if `user` may see that team's work (and each child's record)."""
    if not teams_whose_work_is_seen_by(user).filter(pk=team.pk).exists():
        return Person.objects.none()
    today = timezone.localdate()
    allocated = Allocation.objects.filter(person=OuterRef("pk"), team=team).filter(
        Q(ended__isnull=True) | Q(ended__gte=today)
    )
    return people_visible_to(user).filter(Exists(allocated))


def children_behind_figures(user: User, people: QuerySet[Person]) -> QuerySet[Person]:
    """Which of the children behind a figure `user` may see listed.

    Analysts see every standard record (they check and explain figures child by child) and a
    restricted one only if they are named on it; managers see the children whose records they
    may open anyway. Everyone else sees the figure without the children.
    """
    if not can(user, Permission.SEE_CHILDREN_BEHIND_FIGURES):
        return people.none()
    if Role.PERFORMANCE_ANALYST in user.roles:
        named = RecordRestriction.objects.filter(person=OuterRef("pk"), user=user)
        return people.filter(Q(restriction=RestrictionLevel.STANDARD) | Q(Exists(named)))
    return people.filter(pk__in=people_visible_to(user).values("pk"))


def break_glass_expiry() -> datetime:
    return timezone.now() + timedelta(minutes=settings.BREAK_GLASS_MINUTES)


# --- Contacts to the front door -------------------------------------------------------------
#
# Front-door staff see every contact received, except one about a child whose record is
# restricted and that they may not open. A referrer sees what they submitted, its status and
# its outcome, nothing of the child's record. A partner agency sees the checks put to it.


def contacts_visible_to(user: User) -> QuerySet[Contact]:
    """Contacts `user` may open at the front door: the same rules as `decide_contact`."""
    if not can(user, Permission.WORK_FRONT_DOOR):
        return Contact.objects.none()
    return Contact.objects.received().exclude(_about_a_hidden_child(user, OuterRef("pk")))


def decide_contact(user: User, permission: Permission, contact: Contact) -> Decision:
    """May `user` work on (or decide, or sign off) this contact at the front door?"""
    general = can(user, permission)
    if not general:
        return general
    if not contacts_visible_to(user).filter(pk=contact.pk).exists():
        return Decision(False, "this contact is about a child whose record is restricted")
    return general


def contacts_submitted_by(user: User) -> QuerySet[Contact]:
    """The referrer's own contacts, drafts included: what "My referrals" lists."""
    if not can(user, Permission.SUBMIT_REFERRAL):
        return Contact.objects.none()
    return Contact.objects.filter(submitted_by=user)


def checks_for(user: User) -> QuerySet[PartnerCheck]:
    """Partner checks put to `user`'s agency, which they may read and answer."""
    if user.agency_id is None or not can(user, Permission.ANSWER_PARTNER_CHECK):
        return PartnerCheck.objects.none()
    return PartnerCheck.objects.filter(agency_id=user.agency_id).exclude(
        _about_a_hidden_child(user, OuterRef("contact"))
    )


def _about_a_hidden_child(user: User, contact: OuterRef) -> Exists:
    """True for a contact naming a child whose restricted record `user` may not open.

    Only restricted records are looked at (the same rule as `people_visible_to` for them:
    named on the record, or break-glass in force), so the check stays cheap however large the
    register is.
    """
    named = RecordRestriction.objects.filter(person=OuterRef("person"), user=user)
    glass = BreakGlassGrant.objects.in_force().filter(person=OuterRef("person"), user=user)
    hidden = (
        ContactChild.objects.filter(contact=contact, person__restriction=RestrictionLevel.RESTRICTED)
        .exclude(Exists(named))
        .exclude(Exists(glass))
    )
    return Exists(hidden)


# --- Early help registered by a partner ---------------------------------------------------------
#
# The partner who registers early help (and will lead it) sees what they registered and its
# outcome, never the child's record. Early help practitioners and team managers take every
# registration: a registration is not yet about a child in the index, so there is no record to
# be allocated to them before they accept it.


def early_help_registrations_by(user: User) -> QuerySet[EarlyHelpRegistration]:
    """The partner's own early help registrations, newest first: what "My early help registrations" lists."""
    if not can(user, Permission.REGISTER_EARLY_HELP):
        return EarlyHelpRegistration.objects.none()
    return EarlyHelpRegistration.objects.filter(registered_by=user).order_by("-registered_at", "-pk")


def early_help_registrations_waiting(user: User) -> QuerySet[EarlyHelpRegistration]:
    """Registrations waiting for `user` (an early help coordinator) to accept or decline, oldest first."""
    if not can(user, Permission.PROCESS_EARLY_HELP):
        return EarlyHelpRegistration.objects.none()
    return EarlyHelpRegistration.objects.waiting()


# --- Operation Encompass ------------------------------------------------------------------------


def encompass_notices_for(user: User) -> QuerySet[EncompassNotification]:
    """Operation Encompass notices sent to `user`'s school, for its staff who answer partner checks.

    Like partner checks, a notice about a child whose restricted record the user may not open is
    left out.
    """
    if user.agency_id is None or not can(user, Permission.ANSWER_PARTNER_CHECK):
        return EncompassNotification.objects.none()
    return EncompassNotification.objects.filter(school_id=user.agency_id).exclude(
        _about_a_hidden_child(user, OuterRef("child__contact"))
    )
