from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("cases/<int:case_id>/data-request/", views.data_request, name="data_request"),
    path("cases/<int:case_id>/data-request/export.json", views.data_export, name="data_export"),
    path("cases/<int:case_id>/data-request/export.pdf", views.data_export_pdf, name="data_pdf"),
    path("cases/<int:case_id>/data-request/erase/", views.anonymise, name="anonymise"),
]
