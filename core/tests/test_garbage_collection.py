"""The served application tunes the garbage collector once it is loaded (issue 10)."""

import gc
import runpy
from collections.abc import Iterator
from pathlib import Path

import django.core.wsgi
import pytest

from core.garbage_collection import THRESHOLDS

WSGI = Path(__file__).resolve().parents[2] / "tilts" / "wsgi.py"


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_loading_the_wsgi_application_freezes_start_up_objects_and_raises_the_thresholds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def application(environ: object, start_response: object) -> list[bytes]:
        return []

    # The entry point run as gunicorn runs it, but without setting Django up again (that
    # would configure logging anew and drop the test run's log scanner).
    monkeypatch.setattr(django.core.wsgi, "get_wsgi_application", lambda: application)
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    served = runpy.run_path(str(WSGI))
    assert served["application"] is application
    assert gc.get_threshold() == THRESHOLDS
    assert gc.get_freeze_count() > 10_000  # the modules and objects loaded so far
