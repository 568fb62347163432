"""Browser tests: Playwright drives Debian's chromium; every page visited must pass axe-core.

Chromium is found on the PATH (`which chromium`); Playwright's own browser download is not used.
Without chromium these tests are skipped, unless CONTINUUM_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("CONTINUUM_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CONTINUUM_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "chromium is required for the browser tests (CONTINUUM_REQUIRE_BROWSER=1) but was not found"
            )
        pytest.skip("chromium is not installed: `apt-get install chromium` to run the browser tests")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class AccessiblePage:
    """A page whose every visited URL must be checked with axe-core before the test ends."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.visited: set[str] = set()
        self.checked: set[str] = set()
        page.on(
            "framenavigated", lambda frame: self._visited(frame.url) if frame == page.main_frame else None
        )

    def _visited(self, url: str) -> None:
        self.visited.add(url.split("#")[0])

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.assert_accessible()

    def assert_accessible(self) -> None:
        self.page.wait_for_load_state("load")
        self.page.add_script_tag(path=str(AXE_SCRIPT))
        result: dict[str, Any] = self.page.evaluate("async () => await axe.run(document)")
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
        ]
        assert violations == [], f"axe-core violations on {self.page.url}:\n" + "\n".join(violations)
        self.checked.add(self.page.url.split("#")[0])

    def unchecked_pages(self) -> set[str]:
        return {url for url in self.visited - self.checked if url.startswith(self.base_url)}


@pytest.fixture
def site(browser: Browser, live_server: Any) -> Iterator[AccessiblePage]:
    context = browser.new_context(base_url=live_server.url)
    accessible = AccessiblePage(context.new_page(), live_server.url)
    yield accessible
    context.close()
    assert accessible.unchecked_pages() == set(), "pages visited without an accessibility check"


def sign_in(site: AccessiblePage, username: str, password: str) -> None:
    site.goto("/sign-in/")
    site.page.get_by_label("Username").fill(username)
    site.page.get_by_label("Password").fill(password)
    site.page.get_by_role("button", name="Sign in").click()
    site.assert_accessible()
