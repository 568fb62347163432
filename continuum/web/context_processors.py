"""Navigation by role: each person sees the sections their roles open, nothing more."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from continuum.access import policy
from continuum.access.policy import Permission
from continuum.access.roles import AgencyType


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation(request: HttpRequest) -> dict[str, list[NavItem]]:
    user = request.user
    if not user.is_authenticated or (user.needs_second_factor and not user.is_verified()):
        return {"navigation": []}
    items = [NavItem("Home", reverse("home"))]
    if policy.can(user, Permission.WORK_FRONT_DOOR):
        items.append(NavItem("Front door", reverse("frontdoor:queue")))
    if policy.can(user, Permission.SIGN_OFF_DECISION):
        items.append(NavItem("Sign-off", reverse("frontdoor:sign-off")))
    if policy.can(user, policy.Permission.SEARCH):
        items.append(NavItem("Find a person", reverse("people:search")))
    if policy.can(user, Permission.SEE_OWN_WORK):
        items.append(NavItem("My work", reverse("journey:my-work")))
    team = policy.teams_whose_work_is_seen_by(user).order_by("name").first()
    if team is not None:
        items.append(NavItem("Team's work", reverse("journey:team-work", args=[team.pk])))
    if policy.can(user, Permission.SUBMIT_REFERRAL):
        items.append(NavItem("My referrals", reverse("frontdoor:my-referrals")))
    # Partners lead early help; staff who can look children up work it from the journey instead.
    if policy.can(user, Permission.REGISTER_EARLY_HELP) and not policy.can(user, Permission.SEARCH):
        items.append(NavItem("My early help registrations", reverse("earlyhelp:my-registrations")))
    if policy.can(user, Permission.PROCESS_EARLY_HELP):
        items.append(NavItem("Early help registrations", reverse("earlyhelp:queue")))
    if user.agency is not None and policy.can(user, Permission.ANSWER_PARTNER_CHECK):
        items.append(NavItem("Partner checks", reverse("frontdoor:checks")))
        if user.agency.agency_type == AgencyType.SCHOOL:
            items.append(NavItem("Operation Encompass", reverse("frontdoor:encompass")))
    if policy.can(user, Permission.SEE_FIGURES):
        items.append(NavItem("Dashboard", reverse("insight:dashboard")))
        items.append(NavItem("Front door figures", reverse("frontdoor:figures")))
    if policy.can(user, Permission.MAKE_RETURNS):
        items.append(NavItem("Returns", reverse("returns:index")))
    if policy.can(user, policy.Permission.MANAGE_USERS):
        items.append(NavItem("Users", reverse("access:users")))
    if policy.can(user, policy.Permission.SEARCH_AUDIT):
        items.append(NavItem("Audit trail", reverse("access:audit")))
    return {"navigation": items}
