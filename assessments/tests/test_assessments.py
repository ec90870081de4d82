"""B1–B4: the eight needs on a 0–3 scale, checklists, versions never overwritten, the chart."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import Assessment, Need
from assessments.services import NeedInput, assessment_record
from assessments.tests.factories import JANIS_LEVELS, assess
from audit.models import AccessLog
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_reassessment_adds_a_version_and_keeps_the_earlier_one(
    org_a: OrganisationWithStaff,
) -> None:
    """B4: a re-assessment never overwrites; change between versions is visible."""
    case = open_case(org_a.social_worker, org_a.organisation)
    today = timezone.localdate()
    first = assess(case, org_a.social_worker, on=today - timedelta(days=30))
    second = assess(case, org_a.social_worker, {**JANIS_LEVELS, Need.SHELTER: 1}, on=today)
    assert (first.version, second.version) == (1, 2)
    assert first.scores.get(need=Need.SHELTER).level == 3
    assert second.scores.get(need=Need.SHELTER).level == 1
    assert first.scores.count() == 8
    assert set(first.problems.values_list("problem", flat=True)) == {"no_home", "dependency"}


def test_every_need_needs_a_level_and_dates_run_forward(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    today = timezone.localdate()
    with pytest.raises(DomainError) as info:
        assessment_record(
            actor=org_a.social_worker,
            case=case,
            assessed_on=today,
            needs={Need.FOOD: NeedInput(level=1)},
        )
    assert "level_shelter" in info.value.message_dict
    assess(case, org_a.social_worker, on=today)
    with (
        translation.override("lv"),
        pytest.raises(DomainError, match="agrāks par iepriekšējo") as info,
    ):
        assess(case, org_a.social_worker, on=today - timedelta(days=1))
    assert "assessed_on" in info.value.message_dict
    assert Assessment.objects.filter(case=case).count() == 1


def test_a_stranger_cannot_assess(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    with pytest.raises(PermissionDenied):
        assess(case, org_b.social_worker)


def test_assessment_pages_are_hidden_from_other_organisations(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Olegs")
    assessment = assess(case, org_a.social_worker)
    client = client_for(org_b.social_worker)
    for url in [
        reverse("assessments:list", args=[case.pk]),
        reverse("assessments:new", args=[case.pk]),
        reverse("assessments:detail", args=[case.pk, assessment.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Olegs" not in response.content.decode()


def test_chart_and_table_show_each_need_over_time_with_constant_queries(
    org_a: OrganisationWithStaff,
) -> None:
    """B4: an SVG per need (role=img, title, desc) and a data table beside it; the number of
    queries does not grow with the number of versions; the read is logged."""
    case = open_case(org_a.social_worker, org_a.organisation)
    today = timezone.localdate()
    assess(case, org_a.social_worker, on=today - timedelta(days=60))
    client = client_for(org_a.social_worker)
    url = reverse("assessments:list", args=[case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert page.count('role="img"') == 8
    assert '<title id="chart-shelter-title">pajumte</title>' in page
    assert "style=" not in page.split("<main", 1)[1]
    assess(case, org_a.social_worker, {**JANIS_LEVELS, Need.SHELTER: 1}, on=today)
    with CaptureQueriesContext(connection) as two:
        page = client.get(url).content.decode()
    assert len(two) == len(one)
    table = page.split('id="need-table"', 1)[1].split("</table>", 1)[0]
    shelter_row = table.split("pajumte", 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in shelter_row.split('numeric">')[1:]] == ["3", "1"]
    assert AccessLog.objects.filter(user=org_a.social_worker, object_type="assessment").exists()


def test_form_with_a_missing_level_keeps_the_input(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    data = {
        "assessed_on": timezone.localdate().isoformat(),
        "level_shelter": "3",
        "comment_shelter": "Dzīvo pie mātes vienistabas dzīvoklī",
        "problem_no_home": "on",
        "strengths": "Mūrnieka prasmes",
    }
    response = client_for(org_a.social_worker).post(
        reverse("assessments:new", args=[case.pk]), data
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert "Izvēlieties līmeni" in page
    assert 'value="Dzīvo pie mātes vienistabas dzīvoklī"' in page
    assert "Mūrnieka prasmes" in page
    assert not Assessment.objects.exists()


def test_form_saves_a_new_version(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    data = {"assessed_on": timezone.localdate().isoformat()}
    for need in Need.values:
        data[f"level_{need}"] = str(JANIS_LEVELS[need])
    data["barrier_fear_of_change"] = "on"
    data["barrier_fear_of_change_comment"] = "Baidās no pārmaiņām"
    response = client_for(org_a.social_worker).post(
        reverse("assessments:new", args=[case.pk]), data
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert assessment.barriers.get().comment == "Baidās no pārmaiņām"
