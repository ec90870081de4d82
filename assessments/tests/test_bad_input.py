"""Issue 28, finding 14: very long texts and characters that are not text in the assessment
form get a translated error with everything typed kept; nothing is stored."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, Need
from assessments.tests.factories import JANIS_LEVELS
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.forms import TEXT_MAX_LENGTH
from tests.security.raw_posts import post_in_charset

pytestmark = pytest.mark.django_db


def _answers(**extra: str) -> dict[str, str]:
    data = {"assessed_on": timezone.localdate().isoformat()}
    data |= {f"level_{need}": str(JANIS_LEVELS[need]) for need in Need.values}
    return data | extra


def test_a_very_long_text_is_a_field_error_and_everything_typed_is_kept(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 14: long texts are refused on their field, not stored unbounded."""
    case = open_case(org_a.social_worker, org_a.organisation)
    data = _answers(
        comment_shelter="Dzīvo pie mātes", strengths="Ā" * (TEXT_MAX_LENGTH + 1),
        resources="Māsa Liepājā",
    )  # fmt: skip
    response = client_for(org_a.social_worker, "en").post(
        reverse("assessments:new", args=[case.pk]), data
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert f"at most {TEXT_MAX_LENGTH:,}" in page or f"at most {TEXT_MAX_LENGTH}" in page
    assert 'value="Dzīvo pie mātes"' in page
    assert "Māsa Liepājā" in page
    assert not Assessment.objects.exists()


def test_a_request_too_large_to_read_gets_a_translated_error_page(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 14: the probe's very long comments got a bare 143-byte 400."""
    case = open_case(org_a.social_worker, org_a.organisation)
    data = _answers(comment_shelter="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    response = client_for(org_a.social_worker, "lv").post(
        reverse("assessments:new", args=[case.pk]), data
    )
    page = response.content.decode()
    assert response.status_code == 413
    assert '<html lang="lv"' in page
    assert "Nosūtītā veidlapa ir pārāk liela" in page  # "The form you sent is too large"
    assert not Assessment.objects.exists()


def test_lone_surrogates_are_refused_with_the_rest_of_the_input_kept(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 14: lone surrogates were accepted and stored."""
    case = open_case(org_a.social_worker, org_a.organisation)
    data = _answers(comment_shelter="Dzīvo \ud800 pie mātes", strengths="Mūrnieka prasmes")
    response = post_in_charset(
        client_for(org_a.social_worker, "en"), reverse("assessments:new", args=[case.pk]), data
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "not valid text" in page
    assert "Mūrnieka prasmes" in page
    assert 'value="Dzīvo \ufffd pie mātes"' in page
    assert not Assessment.objects.exists()
