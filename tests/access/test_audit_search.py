"""Alex, the system administrator, searches the audit trail and downloads what he finds."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from continuum.access import audit
from continuum.access.audit import Action, Actor, Channel
from continuum.access.models import AuditEntry, User

SignedIn = Callable[[str], Client]
AUDIT = "/access/audit/"
DOWNLOAD = "/access/audit/download/"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def trail(personas: dict[str, User]) -> dict[str, AuditEntry]:
    """Tom views child 1042 at the front door; Dan (police) searches by API; Priya signs in."""
    tom = Actor(personas["tom"], Channel.PAGE, "10.0.0.7", "/people/1042/")
    dan = Actor(personas["dan"], Channel.API, "10.0.0.9", "/api/search")
    priya = Actor(personas["priya"], Channel.PAGE, "10.1.0.3", "/sign-in/")
    return {
        "priya_signs_in": audit.record(priya, Action.SIGN_IN),
        "tom_views": audit.record(
            tom, Action.VIEW, person_id=1042, purpose="Front door decision on a contact"
        ),
        "dan_searches": audit.record(dan, Action.SEARCH, details={"query": "surname"}),
        "tom_views_again": audit.record(tom, Action.VIEW, person_id=1042, purpose='=HYPERLINK("http://x")'),
    }


def _entry_ids(page_html: str) -> list[int]:
    rows = page_html.split('data-testid="audit-entries"')[1].split("<tbody")[1].split("<tr")[1:]
    return [int(row.split('<td class="govuk-table__cell">')[1].split("<")[0]) for row in rows]


def _csv_rows(response: StreamingHttpResponse) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    return list(csv.reader(io.StringIO(text)))


def test_alex_sees_the_whole_trail_newest_first(signed_in: SignedIn, trail: dict[str, AuditEntry]) -> None:
    page = signed_in("alex").get(AUDIT)

    assert page.status_code == 200
    html = page.content.decode()
    assert _entry_ids(html) == sorted((entry.pk for entry in trail.values()), reverse=True)
    assert "Front door decision on a contact" in html and "10.0.0.7" in html and "Person 1042" in html


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"username": "TO"}, ["tom_views_again", "tom_views"]),
        ({"person_id": "1042"}, ["tom_views_again", "tom_views"]),
        ({"action": "search"}, ["dan_searches"]),
        ({"channel": "api"}, ["dan_searches"]),
        ({"username": "priya", "action": "sign_in"}, ["priya_signs_in"]),
    ],
)
def test_alex_narrows_the_trail_with_filters(
    signed_in: SignedIn, trail: dict[str, AuditEntry], filters: dict[str, str], expected: list[str]
) -> None:
    html = signed_in("alex").get(AUDIT, filters).content.decode()

    assert _entry_ids(html) == [trail[name].pk for name in expected]


def test_dates_are_whole_days_in_uk_time_with_both_ends_included(signed_in: SignedIn) -> None:
    moments = {
        "before": datetime(2026, 3, 26, 23, 59, tzinfo=LONDON),
        "first_day": datetime(2026, 3, 27, 0, 0, tzinfo=LONDON),
        "last_day": datetime(2026, 3, 29, 23, 30, tzinfo=LONDON),  # the clocks went forward that morning
        "after": datetime(2026, 3, 30, 0, 0, tzinfo=LONDON),
    }
    ids = {name: _entry_at(moment).pk for name, moment in moments.items()}

    html = signed_in("alex").get(AUDIT, {"date_from": "27/3/2026", "date_to": "29/03/2026"}).content.decode()

    assert _entry_ids(html) == [ids["last_day"], ids["first_day"]]


def _entry_at(moment: datetime) -> AuditEntry:
    # audit.record() always stamps the present; searching by date needs entries from other days.
    entry = AuditEntry(
        at=moment, username="tom", action=Action.VIEW, channel=Channel.PAGE, previous_hash="0" * 64
    )
    entry.entry_hash = audit.compute_hash(entry)
    entry.save()
    return entry


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"person_id": "Ava"}, "Person record ID must be a number, like 1042"),
        ({"date_from": "31/2/2026"}, "Date from must be a real date, like 27/3/2026"),
        ({"date_from": "2/4/2026", "date_to": "1/4/2026"}, "Date to must be the same as or after date from"),
    ],
)
def test_a_mistake_in_the_filters_is_explained(
    signed_in: SignedIn, trail: dict[str, AuditEntry], filters: dict[str, str], message: str
) -> None:
    html = signed_in("alex").get(AUDIT, filters).content.decode()

    assert "There is a problem" in html and message in html
    assert 'data-testid="audit-entries"' not in html


def test_when_nothing_matches_the_page_says_so(signed_in: SignedIn, trail: dict[str, AuditEntry]) -> None:
    html = signed_in("alex").get(AUDIT, {"person_id": "999999"}).content.decode()

    assert "No entries match your filters" in html
    assert "Download" not in html


def test_long_trails_are_split_into_pages_that_keep_the_filters(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    actor = Actor(personas["tom"], Channel.PAGE)
    for _ in range(55):
        audit.record(actor, Action.VIEW, person_id=1042)

    html = signed_in("alex").get(AUDIT, {"person_id": "1042", "page": "2"}).content.decode()

    assert len(_entry_ids(html)) == 5
    assert "page 2 of 2" in html
    assert "?person_id=1042&amp;page=1" in html


def test_alex_downloads_the_filtered_trail_as_csv(signed_in: SignedIn, trail: dict[str, AuditEntry]) -> None:
    response = signed_in("alex").get(DOWNLOAD, {"person_id": "1042"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    header, *rows = _csv_rows(response)  # type: ignore[arg-type]
    assert header[:4] == ["Entry", "When", "Username", "Action"]
    assert [row[0] for row in rows] == [str(trail["tom_views_again"].pk), str(trail["tom_views"].pk)]
    assert rows[1][7] == "Front door decision on a contact"


def test_a_formula_typed_as_a_purpose_is_not_run_by_a_spreadsheet(
    signed_in: SignedIn, trail: dict[str, AuditEntry]
) -> None:
    response = signed_in("alex").get(DOWNLOAD, {"person_id": "1042"})

    newest = _csv_rows(response)[1]  # type: ignore[arg-type]
    assert newest[7] == '\'=HYPERLINK("http://x")'


def test_the_download_is_itself_audited(signed_in: SignedIn, trail: dict[str, AuditEntry]) -> None:
    response = signed_in("alex").get(DOWNLOAD, {"action": "view"})
    rows = _csv_rows(response)  # type: ignore[arg-type]

    export = AuditEntry.objects.get(action=Action.EXPORT)
    assert export.username == "alex" and export.channel == Channel.EXPORT
    assert export.details == {"export": "audit trail", "filters": {"action": "view"}, "rows": 2}
    assert len(rows) == 1 + 2  # the export's own entry is not in the file it describes


def test_a_download_with_a_mistake_in_the_filters_goes_back_to_the_search(signed_in: SignedIn) -> None:
    response = signed_in("alex").get(DOWNLOAD, {"person_id": "Ava"})

    assert response.status_code == 302 and response["Location"] == f"{AUDIT}?person_id=Ava"
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.parametrize("persona", ["tom", "priya"])
@pytest.mark.parametrize("url", [AUDIT, DOWNLOAD])
def test_people_who_are_not_administrators_cannot_search_or_download_the_trail(
    signed_in: SignedIn, trail: dict[str, AuditEntry], persona: str, url: str
) -> None:
    response = signed_in(persona).get(url)

    assert response.status_code == 403
    assert "Front door decision" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()
