"""The chronology page: opened only by those who may see the child, audited, filterable, printable.

Nadia (a social worker) has Jo allocated to her and reads Jo's chronology; Priya (a school's
designated safeguarding lead) and Nadia for a child not allocated to her are refused, and every
look and refusal is in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import AuditEntry, User
from continuum.people.models import Person
from continuum.socialcare import models as socialcare
from tests.people.factories import AllocationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jo(personas: dict[str, User]) -> Person:
    """Allocated to Nadia, with a referral, an assessment, a visit and a missing episode recorded."""
    nadia = personas["nadia"]
    child = PersonFactory.create(given_name="Jo", family_name="Chronochild", date_of_birth=date(2014, 6, 9))
    AllocationFactory.create(person=child, worker=nadia)
    referral = socialcare.Referral.objects.create(
        person=child, referral_date=date(2025, 1, 6), referral_source="2A", created_by=nadia
    )
    socialcare.Assessment.objects.create(referral=referral, started=date(2025, 1, 7), created_by=nadia)
    socialcare.Visit.objects.create(
        person=child, kind="assessment", visited_on=date(2025, 1, 9), created_by=nadia
    )
    return child


def url(child: Person, query: str = "") -> str:
    return f"/people/{child.pk}/chronology/{query}"


def test_nadia_reads_the_chronology_of_a_child_allocated_to_her(
    signed_in: Callable[[str], Client], personas: dict[str, User], jo: Person
) -> None:
    response = signed_in("nadia").get(url(jo))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Jo Chronochild</h1>' in html
    assert "9 June 2014" in html
    assert "Showing 3 of 3 events" in html
    assert (
        html.index("Assessment visit") < html.index("Assessment started") < html.index("Referral to children")
    )
    assert "You can see this record because: allocated worker" in html


def test_each_reading_is_audited_with_its_purpose(
    signed_in: Callable[[str], Client], personas: dict[str, User], jo: Person
) -> None:
    signed_in("nadia").get(url(jo))
    signed_in("nadia").get(url(jo, "?significance=key"))

    views = AuditEntry.objects.filter(action=Action.VIEW, person_id=jo.pk, user=personas["nadia"])
    assert list(views.values_list("purpose", flat=True)) == ["to read the chronology"] * 2


def test_nadia_is_refused_a_child_not_allocated_to_her_and_the_refusal_is_audited(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    stranger = PersonFactory.create(given_name="Sam", family_name="Notmine")

    response = signed_in("nadia").get(url(stranger))

    html = response.content.decode()
    assert response.status_code == 403
    assert "this person is not allocated to you or your team" in html
    assert "Notmine" not in html
    assert f'href="/people/{stranger.pk}/emergency-access/"' in html
    assert AuditEntry.objects.filter(
        action=Action.ACCESS_REFUSED, person_id=stranger.pk, user=personas["nadia"]
    ).exists()


def test_priya_a_partner_practitioner_is_refused_and_the_refusal_is_audited(
    signed_in: Callable[[str], Client], personas: dict[str, User], jo: Person
) -> None:
    response = signed_in("priya").get(url(jo))

    html = response.content.decode()
    assert response.status_code == 403
    assert "your role does not give access to people&#x27;s records" in html
    assert "Chronochild" not in html and "Referral to children" not in html
    assert AuditEntry.objects.filter(
        action=Action.ACCESS_REFUSED, person_id=jo.pk, user=personas["priya"]
    ).exists()


def test_a_child_who_does_not_exist_is_not_found(signed_in: Callable[[str], Client]) -> None:
    assert signed_in("nadia").get("/people/999999/chronology/").status_code == 404


def test_filtering_by_type_shows_the_count_and_keeps_the_boxes_ticked(
    signed_in: Callable[[str], Client], jo: Person
) -> None:
    html = signed_in("nadia").get(url(jo, "?kind=visit&kind=referral&significance=all")).content.decode()

    assert "Showing 3 of 3 events" in html
    assert 'value="visit" class="govuk-checkboxes__input" id="id_kind_8" checked' in html
    assert "All events: Referral and assessment, Visit" in html
    assert "Clear filters" in html


def test_key_events_only_leaves_out_visits_and_says_so(
    signed_in: Callable[[str], Client], jo: Person
) -> None:
    html = signed_in("nadia").get(url(jo, "?significance=key")).content.decode()

    assert "Showing 1 of 3 events" in html
    assert "Assessment visit" not in html
    assert "Key events only: every type" in html


def test_a_filter_that_matches_nothing_says_so_and_offers_to_clear_it(
    signed_in: Callable[[str], Client], jo: Person
) -> None:
    html = signed_in("nadia").get(url(jo, "?kind=care_leaver")).content.decode()

    assert "No events match your filters" in html
    assert "There are 3 events in this chronology" in html
    assert 'data-testid="chronology"' not in html


def test_a_child_with_nothing_recorded_has_an_empty_chronology(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    child = PersonFactory.create()
    AllocationFactory.create(person=child, worker=personas["nadia"])

    html = signed_in("nadia").get(url(child)).content.decode()

    assert "Nothing has been recorded yet" in html


def test_a_type_that_does_not_exist_is_ignored_not_an_error_page(
    signed_in: Callable[[str], Client], jo: Person
) -> None:
    response = signed_in("nadia").get(url(jo, "?kind=gossip&significance=everything"))

    assert response.status_code == 200
    assert "Showing 3 of 3 events" in response.content.decode()


def test_the_page_can_be_printed_with_the_child_and_filters_in_the_printed_header(
    signed_in: Callable[[str], Client], jo: Person
) -> None:
    html = signed_in("nadia").get(url(jo, "?significance=key")).content.decode()

    assert "Print this chronology" in html and "window.print()" in html
    assert 'class="govuk-!-display-none-print"' in html  # the filters
    assert "continuum-print-only" in html and "by Nadia Begum" in html
    header = html[html.index("<h1") : html.index("Filter the chronology")]
    assert "Jo Chronochild" in header and "9 June 2014" in header and "Key events only" in header
