"""Browser test harness: Debian's Chromium driven by Playwright, axe-core on every page.

Every page load is counted; `page` fails the test at teardown if any loaded page was not
checked with axe (WCAG 2.x A and AA). Tests use `visit()` and `submit()`, which check for them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told the loop is not ours to worry about.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class AxeChecker:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.loads = 0
        self.checked_loads = 0
        self.csp_violations: list[str] = []
        page.on("load", self._on_load)
        page.on("console", self._on_console)

    def _on_load(self, _page: Page) -> None:
        self.loads += 1

    def _on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def check(self) -> None:
        """Run axe on the current page and fail on any WCAG A/AA violation."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(AXE_SOURCE)
        results = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        self.checked_loads = self.loads
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in results["violations"]
        ]
        assert not violations, f"axe violations on {self.page.url}:\n" + "\n".join(violations)
        assert not self.csp_violations, f"CSP violations: {self.csp_violations}"


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(locale="lv-LV", base_url=live_server.url)
    page = context.new_page()
    checker = AxeChecker(page)
    page.axe = checker  # type: ignore[attr-defined]
    yield page
    unchecked = checker.loads - checker.checked_loads
    context.close()
    assert unchecked == 0, f"{unchecked} page load(s) were not checked with axe"


@pytest.fixture
def visit(page: Page) -> Callable[[str], Page]:
    def go(path: str) -> Page:
        page.goto(path)
        page.axe.check()  # type: ignore[attr-defined]
        return page

    return go


@pytest.fixture
def submit(page: Page) -> Callable[[str], Page]:
    """Click a button that submits a form, wait for the next page, and check it with axe."""

    def click(selector: str) -> Page:
        with page.expect_navigation():
            page.click(selector)
        page.axe.check()  # type: ignore[attr-defined]
        return page

    return click


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """Save a screenshot under test-artifacts/ (for people reviewing a change)."""

    def save(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def sign_in(visit: Callable[[str], Page], submit: Callable[[str], Page]) -> Callable[[Any], Page]:
    """Sign a user in through the real login form and second step (Latvian interface)."""

    def go(user: Any) -> Page:
        from accounts.tests.factories import TEST_PASSWORD, current_totp_code

        page = visit("/account/login/")
        page.fill("#id_login", user.email)
        page.fill("#id_password", TEST_PASSWORD)
        submit("button[type=submit] >> text=Pierakstīties")
        page.fill("#id_code", current_totp_code())
        return submit("main button >> text=Turpināt")

    return go
