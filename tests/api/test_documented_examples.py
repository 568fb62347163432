"""The examples in the schema are requests the API accepts: partners copy them first."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from continuum.access.audit import Actor
from continuum.access.models import Agency
from continuum.access.roles import AgencyType
from continuum.api import schema, tokens

from .helpers import send

pytestmark = pytest.mark.django_db


def test_the_partner_contact_example_is_accepted_from_a_health_trust(
    api: Callable[[str | None], APIClient], personas: object
) -> None:
    trust = Agency.objects.create(name="Northbridge Community Health", agency_type=AgencyType.HEALTH_TRUST)
    key = tokens.issue_token(Actor.command("test"), trust, name="SystmOne").key

    response = send(api(key), copy.deepcopy(schema.PARTNER_CONTACT))

    assert response.status_code == 201, response.json()
    assert response.json()["children"] == [{"given_name": "Ava", "family_name": "Lin"}]


def test_the_police_notification_example_is_accepted_as_published(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    response = send(api(police_key), copy.deepcopy(schema.POLICE_NOTIFICATION))

    assert response.status_code == 201, response.json()
