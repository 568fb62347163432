"""The figures page: managers and analysts choose a period and see counts, never a child."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from continuum.access.models import User
from continuum.frontdoor import clocks
from continuum.frontdoor.catalogue import Route, Status
from continuum.frontdoor.figures import financial_year_of
from continuum.frontdoor.models import Contact, ContactChild
from continuum.statutory.timescales import ENGLAND

pytestmark = pytest.mark.django_db
URL = "/front-door/figures/"


def _contact_received(when: datetime, source: str = "2A", **fields: object) -> Contact:
    contact = Contact.objects.create(
        status=Status.AWAITING_TRIAGE,
        route=Route.MARF,
        referral_source=source,
        received_at=when,
        due_at=clocks.decision_due(when),
        referrer_name="A referrer",
        **fields,
    )
    ContactChild.objects.create(contact=contact, given_name="Zebedee", family_name="Quaintly")
    return contact


@pytest.fixture
def contacts_this_year_and_last(personas: dict[str, User]) -> None:
    today = timezone.localdate()
    this_year = datetime.combine(today, datetime.min.time(), tzinfo=ENGLAND) + timedelta(hours=1)
    _contact_received(this_year, "6", child_voice="He said it was fine.")
    _contact_received(this_year, "2A")
    _contact_received(datetime(financial_year_of(today) - 1, 6, 1, 10, tzinfo=ENGLAND), "3A")


def test_the_url_is_named() -> None:
    assert reverse("frontdoor:figures") == URL


def test_tom_a_front_door_social_worker_cannot_see_the_figures(signed_in: Callable[[str], Client]) -> None:
    response = signed_in("tom").get(URL)
    assert response.status_code == 403
    assert "the figures are for managers, analysts and the board" in response.content.decode()


@pytest.mark.parametrize("persona", ["aisha", "sam"])
def test_aisha_and_sam_see_this_financial_year_to_date_by_default(
    persona: str, signed_in: Callable[[str], Client], contacts_this_year_and_last: None
) -> None:
    response = signed_in(persona).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    start = date(financial_year_of(timezone.localdate()), 4, 1)
    assert f"{start.day} {start:%B %Y} to" in page
    figures = response.context["figures"]
    assert figures.contacts == 2
    assert [row.code for row in figures.by_source.rows] == ["2A", "6"]
    assert figures.child_voice.fraction_text == "1 of 2"
    assert "Police" in page and "Schools" in page and "Health services: GP" not in page
    assert "<caption" in page and "Zebedee" not in page and "Quaintly" not in page


def test_last_financial_year_can_be_chosen(
    signed_in: Callable[[str], Client], contacts_this_year_and_last: None
) -> None:
    last_year = financial_year_of(timezone.localdate()) - 1
    response = signed_in("sam").get(URL, {"period": str(last_year)})
    figures = response.context["figures"]
    assert (figures.period.start, figures.period.end) == (date(last_year, 4, 1), date(last_year + 1, 3, 31))
    assert figures.contacts == 1 and figures.by_source.rows[0].code == "3A"


def test_custom_dates_are_typed_as_gov_uk_date_inputs(
    signed_in: Callable[[str], Client], contacts_this_year_and_last: None
) -> None:
    today = timezone.localdate()
    query = {
        "period": "custom",
        "start_day": "1", "start_month": "1", "start_year": str(today.year - 3),
        "end_day": str(today.day), "end_month": str(today.month), "end_year": str(today.year),
    }  # fmt: skip
    response = signed_in("aisha").get(URL, query)
    assert response.status_code == 200
    assert response.context["figures"].contacts == 3
    assert 'name="start_day"' in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (("", "", ""), ("31", "3", "2025"), "Enter the start date"),
        (("1", "4", "2025"), ("31", "3", "2025"), "End date must be the same as or after the start date"),
        (("1", "4", "2025"), ("31", "13", "2025"), "End date must be a real date"),
        (("1", "4", "2025"), ("1", "1", "2999"), "End date must be today or in the past"),
    ],
)
def test_wrong_dates_are_explained_and_no_figures_are_shown(
    signed_in: Callable[[str], Client], start: tuple[str, str, str], end: tuple[str, str, str], message: str
) -> None:
    query = {"period": "custom"}
    for name, parts in (("start", start), ("end", end)):
        query.update(zip((f"{name}_day", f"{name}_month", f"{name}_year"), parts, strict=True))
    response = signed_in("aisha").get(URL, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert response.context["figures"] is None


def test_a_period_that_is_not_offered_is_explained(signed_in: Callable[[str], Client]) -> None:
    response = signed_in("sam").get(URL, {"period": "1999"})
    assert "Select a financial year, or choose the dates" in response.content.decode()
    assert response.context["figures"] is None
