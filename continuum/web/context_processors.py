"""Navigation by role: each person sees the sections their roles open, nothing more."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from continuum.access import policy


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation(request: HttpRequest) -> dict[str, list[NavItem]]:
    user = request.user
    if not user.is_authenticated or (user.needs_second_factor and not user.is_verified()):
        return {"navigation": []}
    items = [NavItem("Home", reverse("home"))]
    if policy.can(user, policy.Permission.SEARCH):
        items.append(NavItem("Find a person", reverse("people:search")))
    if policy.can(user, policy.Permission.MANAGE_USERS):
        items.append(NavItem("Users", reverse("access:users")))
    if policy.can(user, policy.Permission.SEARCH_AUDIT):
        items.append(NavItem("Audit trail", reverse("access:audit")))
    return {"navigation": items}
