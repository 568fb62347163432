"""Every people page passes axe-core's WCAG 2.2 AA checks, with results, errors and refusals showing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from continuum.people.models import NameKind
from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path

from .factories import OtherNameFactory, PersonFactory, RelationshipFactory, ResidenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# Target size and contrast depend on the styles: the compiled service stylesheet (`make`),
# which includes GOV.UK Frontend and MOJ Frontend.
STYLESHEETS = (Path(settings.BASE_DIR) / "var" / "build" / "continuum.css",)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(pages: dict[str, str]) -> dict[str, list[str]]:
    """axe-core's WCAG violations for each page's HTML, checked in Debian's chromium."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if chromium_path() is None:
        pytest.skip("chromium is not installed: `apt-get install chromium` to run the browser tests")
    if not AXE.exists() or not all(stylesheet.exists() for stylesheet in STYLESHEETS):
        pytest.skip("axe-core or the compiled stylesheet is missing (npm install; make)")
    found: dict[str, list[str]] = {}
    # Playwright runs an event loop in this thread, so all database work is done before it starts.
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for name, html in pages.items():
            page.set_content(html)
            for stylesheet in STYLESHEETS:
                page.add_style_tag(path=str(stylesheet))
            page.add_script_tag(path=str(AXE))
            script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            result = page.evaluate(script, WCAG_TAGS)
            violations = [
                f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in result["violations"]
            ]
            if violations:
                found[name] = violations
        browser.close()
    return found


def _child() -> int:
    child = PersonFactory.create(given_name="Jo", family_name="Smith", nhs_number="9434765919")
    OtherNameFactory.create(person=child, kind=NameKind.PREVIOUS)
    ResidenceFactory.create(person=child, moved_in=date(2018, 1, 1), moved_out=date(2024, 2, 1))
    ResidenceFactory.create(person=child, moved_in=date(2024, 2, 1))
    RelationshipFactory.create(relative=child)
    return child.pk


def test_the_people_pages_have_no_accessibility_violations(signed_in: Callable[[str], Client]) -> None:
    child = _child()
    for _ in range(25):
        PersonFactory.create(given_name="Jo", family_name="Smith")
    pages = {
        (
            "tom",
            "/people/?searched=1&name=Jo+Smith&date_of_birth_day=3&date_of_birth_month=7&date_of_birth_year=2015",
        ),
        ("tom", "/people/?searched=1&name=Nobody+Known"),
        ("tom", "/people/?searched=1&date_of_birth_day=31&date_of_birth_month=2&date_of_birth_year=2015"),
        ("tom", f"/people/{child}/"),
        ("tom", f"/people/{child}/edit/"),
        ("tom", "/people/new/"),
        ("tom", f"/people/{child}/addresses/new/"),
        ("tom", f"/people/{child}/other-names/new/"),
        ("aisha", f"/people/{child}/access-log/"),
        ("nadia", f"/people/{child}/"),
        ("nadia", f"/people/{child}/emergency-access/"),
        ("priya", "/people/"),
    }
    html = {
        f"{persona} {url}": signed_in(persona).get(url).content.decode() for persona, url in sorted(pages)
    }

    assert _violations(html) == {}
