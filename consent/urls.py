from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("cases/<int:case_id>/consents/", views.consents, name="consents"),
    path(
        "cases/<int:case_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "cases/<int:case_id>/consents/legal-basis/",
        views.legal_basis_record,
        name="legal_basis_record",
    ),
    path(
        "cases/<int:case_id>/consents/legal-basis/<int:basis_id>/withdraw/",
        views.legal_basis_withdraw,
        name="legal_basis_withdraw",
    ),
]
