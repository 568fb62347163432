"""Every early help registration page passes axe-core's WCAG 2.2 AA checks: empty, with rows, with errors."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.earlyhelp import registration as steps
from continuum.people.models import Person
from tests.people.test_pages_are_accessible import _violations

from .helpers import actor, registered_by, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_early_help_registration_pages_have_no_accessibility_violations(
    personas: dict[str, User], priya: User, erin: User
) -> None:
    html: dict[str, str] = {}

    def get(user: User, url: str) -> None:
        html[f"{user.username} GET {url}"] = signed_in(Client(), user).get(url).content.decode()

    def post(user: User, url: str, data: dict[str, object]) -> None:
        html[f"{user.username} POST {url} {sorted(data)}"] = (
            signed_in(Client(), user).post(url, data).content.decode()
        )

    # Empty states.
    get(priya, "/early-help/my-registrations/")
    get(erin, "/early-help/registrations/")
    get(priya, "/early-help/register/")
    post(priya, "/early-help/register/", {"postcode": "QQ1", "date_of_birth_day": "40"})

    Person.objects.create(given_name="Mia", family_name="Fairweather", date_of_birth=date(2017, 3, 14))
    waiting = registered_by(priya)
    accepted = steps.add_child_and_accept(actor(erin), registered_by(priya, given_name="Noah"))
    declined = steps.decline(
        actor(erin), registered_by(priya, given_name="Ella"), "Already helped by the family hub"
    )

    get(priya, f"/early-help/my-registrations/{waiting.public_id}/sent/")
    get(priya, "/early-help/my-registrations/")
    get(priya, "/early-help/registrations/")  # refused
    get(erin, "/early-help/registrations/")
    get(erin, f"/early-help/registrations/{waiting.public_id}/")
    post(erin, f"/early-help/registrations/{waiting.public_id}/", {})
    get(erin, f"/early-help/registrations/{waiting.public_id}/decline/")
    post(erin, f"/early-help/registrations/{waiting.public_id}/decline/", {"reason": ""})
    get(erin, f"/early-help/registrations/{accepted.public_id}/")
    get(erin, f"/early-help/registrations/{declined.public_id}/")

    with_errors = [name for name in html if "POST" in name]
    assert [name for name in with_errors if "There is a problem" not in html[name]] == []
    assert _violations(html) == {}
