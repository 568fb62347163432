"""A request the front door cannot take is refused, naming each problem, and leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from continuum.access.models import Agency

from .helpers import CONTACTS, counts, police_notification, send

pytestmark = pytest.mark.django_db


def _without(field: str) -> dict[str, Any]:
    body = police_notification()
    del body[field]
    return body


def _with_child(**changes: Any) -> dict[str, Any]:
    body = police_notification()
    body["children"][0].update(changes)
    return body


def _with_consent(**consent: Any) -> dict[str, Any]:
    return police_notification(consent=consent)


REFUSED: dict[str, tuple[Any, str, str]] = {
    "no children": (police_notification(children=[]), "children", "Add at least one child"),
    "children missing": (_without("children"), "children", "This field is required"),
    "a date of birth in the wrong format": (
        _with_child(date_of_birth="11/02/2014"),
        "children[0].date_of_birth",
        "Date has wrong format",
    ),
    "a date of birth in the future": (
        _with_child(date_of_birth=(timezone.localdate() + timedelta(days=3)).isoformat()),
        "children[0].date_of_birth",
        "must be today or in the past",
    ),
    "an unknown sex code": (_with_child(sex="X"), "children[0].sex", '"X" is not a valid choice'),
    "an unknown worry code": (
        police_notification(worries=["domestic_abuse", "witchcraft"]),
        "worries[1]",
        '"witchcraft" is not a valid choice',
    ),
    "no worries": (police_notification(worries=[]), "worries", "at least 1"),
    "an invalid NHS number": (
        _with_child(nhs_number="943 476 5918"),
        "children[0].nhs_number",
        "check digit",
    ),
    "a received time in the future": (
        police_notification(received_at=(timezone.now() + timedelta(days=1)).isoformat()),
        "received_at",
        "must be in the past",
    ),
    "no incident time on a police notification": (
        police_notification(incident_at=None),
        "incident_at",
        "Enter the date and time of the incident",
    ),
    "no police reference on a police notification": (
        police_notification(police_reference=""),
        "police_reference",
        "Enter the police reference",
    ),
    "a school URN no partner school has": (
        _with_child(school_urn="999999"),
        "children[0].school_urn",
        "No school with URN 999999",
    ),
    "consent not sought with no reason given": (
        _with_consent(status="not_sought"),
        "consent.not_obtained_reason",
        "Enter why consent was not obtained",
    ),
    "consent given with no one named": (
        _with_consent(status="obtained"),
        "consent.given_by",
        "Enter who gave consent",
    ),
    "no way to reach the referrer": (
        police_notification(referrer={"name": "PC 4471 Rowan Ellis"}),
        "referrer.email",
        "Enter an e-mail address or phone number",
    ),
    "no referrer": (_without("referrer"), "referrer", "This field is required"),
    "an unknown field": (police_notification(colour="blue"), "colour", "not part of the API"),
    "an unknown field on a child": (
        _with_child(date_of_brith="2014-02-11"),
        "children[0].date_of_brith",
        "spelling",
    ),
    "a level of need that does not exist": (
        police_notification(referrer_level=9),
        "referrer_level",
        "no level 9",
    ),
    "a list where an object belongs": ([police_notification()], "body", "Expected a dictionary"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_request_with_a_problem_is_refused_naming_the_field_and_nothing_is_written(
    case: str, api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    body, field, problem = REFUSED[case]
    before = counts()

    response = send(api(police_key), body)

    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert field in errors, errors
    assert any(problem in message for message in errors[field]), errors[field]
    assert counts() == before


def test_every_problem_is_named_at_once(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    body = _with_child(sex="X", date_of_birth="not a date")
    body["worries"] = ["witchcraft"]
    body["surprise"] = True

    response = send(api(police_key), body)

    assert set(response.json()["errors"]) == {
        "children[0].sex",
        "children[0].date_of_birth",
        "worries[0]",
        "surprise",
    }


def test_a_body_that_is_not_json_is_refused_naming_the_body(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    before = counts()

    response = api(police_key).post(
        CONTACTS,
        '{"route": "police_notification",',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["errors"]["body"][0]
    assert counts() == before


def test_a_body_that_is_not_sent_as_json_is_refused_naming_the_content_type(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    before = counts()

    response = api(police_key).post(
        CONTACTS, "route=police_notification", content_type="text/plain", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert response.status_code == 415
    assert "application/json" in response.json()["errors"]["Content-Type"][0]
    assert counts() == before


def test_a_school_cannot_send_a_police_notification(
    api: Callable[[str | None], APIClient], school_key: str, school: Agency
) -> None:
    before = counts()

    response = send(api(school_key), police_notification())

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"route": ["Only a police force sends domestic-abuse notifications"]}
    }
    assert counts() == before


def test_a_system_account_without_the_right_to_refer_is_refused_with_403(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    from continuum.api.models import AgencyToken

    token = AgencyToken.objects.get()
    token.user.role_assignments.all().delete()
    before = counts()

    response = send(api(police_key), police_notification())

    assert response.status_code == 403
    assert response.json() == {"errors": {"request": ["your role does not refer children to the front door"]}}
    assert counts() == before
