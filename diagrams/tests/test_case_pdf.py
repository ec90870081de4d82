"""Issue 8 (E1, E2, E4): the case file as PDF with each diagram drawn as vector graphics and
its text alternative; the case's access rules (404 outside the user's view, 403 without the
case plan), the read in audit.AccessLog, health shading only for `cases.view_health`."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AccessLog
from cases import services as case_services
from cases.models import Case, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from diagrams import demo

pytestmark = pytest.mark.django_db

ILLNESS_FILL = "0.6941 0.7059 0.7137 rg"  # the genogram's #b1b4b6 shading for serious illness


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    case = open_case(org_a.social_worker, org_a.organisation)  # Jānis Bērziņš
    assert demo.seed() == 5
    return case


def _url(case: Case) -> str:
    return reverse("diagrams:case_pdf", args=[case.pk])


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _streams(content: bytes) -> str:
    """Every page's content stream, inflated: the drawing operators."""
    streams = [page.get_contents() for page in PdfReader(io.BytesIO(content)).pages]
    return "\n".join(s.get_data().decode("latin-1") for s in streams if s is not None)


def test_the_owner_gets_the_case_file_with_every_diagram(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    response = client_for(org_a.social_worker).get(_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert case.number in response["Content-Disposition"]
    assert "Bērziņš" not in response["Content-Disposition"]
    content = response.content
    text = _text(content)
    assert "Jānis Bērziņš" in text  # the summary, diacritics intact
    assert case.number in text
    for heading in ("Ekokarte", "Genogramma", "Ģimenes karte", "Sociālā tīklojuma karte",
                    "Kultūrgramma"):  # fmt: skip
        assert heading in text, heading
    assert "Māte Ilga" in text  # the genogram's labels and its table
    assert "Jānis" in text  # the index person's label
    assert "Narkologs" in text  # the latest ecomap, not the first
    streams = _streams(content)
    assert " re" in streams or " l" in streams  # vector paths, not a raster image
    assert "/Im" not in streams
    assert ILLNESS_FILL in streams  # the lead worker sees health data
    assert "slimība" in text


def test_the_read_is_logged(org_a: OrganisationWithStaff, case: Case) -> None:
    client_for(org_a.social_worker).get(_url(case))
    logged = set(
        AccessLog.objects.filter(user=org_a.social_worker, case_id=case.pk).values_list(
            "object_type", flat=True
        )
    )
    assert {"case_pdf", "ecomap", "genogram", "family_map", "network_map", "culturagram"} <= logged


def test_other_organisations_get_404_and_no_case_plan_403(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    outsider = client_for(org_b.social_worker)
    assert outsider.get(_url(case)).status_code == 404
    consent_for(case, org_b.organisation, "identity")
    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role=TeamRole.values[0]
    )
    assert outsider.get(_url(case)).status_code == 403
    assert not AccessLog.objects.filter(user=org_b.social_worker, case_id=case.pk).exists()


def test_no_health_shading_without_the_health_permission(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    """A partner's worker with consent to the case plan but not to health: the genogram is
    drawn without illness or abuse shading, and the tables leave those marks out."""
    consent_for(case, org_b.organisation, "identity", "case_plan")
    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role=TeamRole.values[0]
    )
    assert not org_b.social_worker.has_perm("cases.view_health", case)
    response = client_for(org_b.social_worker).get(_url(case))
    assert response.status_code == 200
    assert ILLNESS_FILL not in _streams(response.content)
    text = _text(response.content)
    assert "Māte Ilga" in text
    assert "slimība" not in text
    assert "narkotiku lietošana" not in text
    page = client_for(org_b.social_worker).get(reverse("diagrams:genogram", args=[case.pk]))
    assert 'class="illness"' not in page.content.decode()
    assert 'class="substance-abuse"' not in page.content.decode()


def test_russian_speaking_clients_get_their_language(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Иван",
                     last_name="Петров", preferred_language="ru")  # fmt: skip
    response = client_for(org_a.social_worker).get(_url(case))
    assert response.status_code == 200
    assert "Иван Петров" in _text(response.content)


def test_the_overview_links_to_the_case_file(org_a: OrganisationWithStaff, case: Case) -> None:
    page = client_for(org_a.social_worker).get(reverse("diagrams:overview", args=[case.pk]))
    assert f'href="{_url(case)}"' in page.content.decode()


def test_a_tall_picture_is_scaled_to_fit_its_page() -> None:
    """A family drawn taller than A4 keeps its aspect ratio and ends above the bottom margin."""
    from core.pdf import Document
    from diagrams.pdf import _picture

    document = Document("Tests")
    document.add_page()
    top = document.get_y()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 2000" width="100%">'
        '<rect x="0" y="0" width="200" height="2000" fill="#ffffff" stroke="#0b0c0c"/></svg>'
    )
    _picture(document, svg)
    bottom = document.get_y()
    assert top < bottom <= document.h - document.b_margin
    assert (bottom - top) < document.epw * 10  # shrunk, not drawn at the text width
    assert document.bytes().startswith(b"%PDF")  # output closes the font files fpdf2 opened
