"""The served application tunes the garbage collector once it is loaded (issue 10)."""

import gc
import importlib
from collections.abc import Iterator

import pytest

from core.garbage_collection import THRESHOLDS


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_loading_the_wsgi_application_freezes_start_up_objects_and_raises_the_thresholds() -> None:
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    import tilts.wsgi

    importlib.reload(tilts.wsgi)
    assert gc.get_threshold() == THRESHOLDS
    assert gc.get_freeze_count() > 10_000  # the modules and objects loaded so far
    assert callable(tilts.wsgi.application)
