"""Each contact carries a DfE referral source code: worked out from its route and agency, or chosen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.access.roles import AgencyType
from continuum.frontdoor.catalogue import Route, referral_source_for
from continuum.statutory import codes

from .helpers import phone_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "agency_type", "expected"),
    [
        (Route.ANONYMOUS, None, "9"),
        (Route.SELF, None, "1C"),
        (Route.POLICE_NOTIFICATION, AgencyType.POLICE, "6"),
        (Route.MARF, AgencyType.SCHOOL, "2A"),
        (Route.PHONE, AgencyType.GP_PRACTICE, "3A"),
        (Route.PHONE, None, "10"),
    ],
)
def test_the_source_follows_the_route_and_agency(route: str, agency_type: str | None, expected: str) -> None:
    assert referral_source_for(route, agency_type) == expected
    assert expected in codes.REFERRAL_SOURCE


def test_every_agency_type_maps_to_a_current_code() -> None:
    for agency_type in AgencyType:
        code = referral_source_for(Route.MARF, agency_type)
        codes.REFERRAL_SOURCE.validate(code)


def test_a_worker_records_a_call_from_a_relative_with_its_own_source(personas: dict[str, User]) -> None:
    relative = phone_contact(personas["tom"], referral_source="1A")
    unknown = phone_contact(personas["tom"])
    assert (relative.referral_source, unknown.referral_source) == ("1A", "10")


def test_the_record_contact_form_offers_the_dfe_codes(signed_in: Callable[[str], Client]) -> None:
    page = signed_in("tom").get("/front-door/contacts/new/").content.decode()
    assert "Referral source (optional)" in page and "Individual: family member, relative or carer" in page
