from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages built outside a request read in English in these tests; pages follow the
    signed-in user's language as always."""
    with translation.override("en"):
        yield
