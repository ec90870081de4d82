"""The harness itself can fail: axe reports real violations (guards against a silent checker)."""

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import AxeChecker

pytestmark = pytest.mark.browser


def test_axe_check_fails_on_an_inaccessible_page(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="lv"><head><title>x</title></head><body><img src="x.png"></body></html>'
        )
        with pytest.raises(AssertionError, match="image-alt"):
            AxeChecker(page).check()
    finally:
        page.close()
