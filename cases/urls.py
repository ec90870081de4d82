from django.urls import path

from . import cadence_settings, client_views, oversight_views, views

app_name = "cases"

urlpatterns = [
    path("cases/", views.caseload, name="caseload"),
    path("cases/search/", views.search, name="search"),
    path("cases/new/", views.case_open, name="open"),
    path("cases/calendar.ics", views.calendar, name="calendar"),
    path("cases/<int:case_id>/", views.case_detail, name="detail"),
    path("cases/<int:case_id>/notes/new/", views.note_add, name="note_add"),
    path("cases/<int:case_id>/meetings/new/", views.appointment_plan, name="appointment_plan"),
    path("cases/<int:case_id>/statements/", views.statement_add, name="statement_add"),
    path("cases/<int:case_id>/status/", views.status_change, name="status_change"),
    path("cases/<int:case_id>/lead/", views.lead_change, name="lead_change"),
    path("notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path("cases/<int:case_id>/person/", client_views.person_edit, name="person_edit"),
    path("cases/<int:case_id>/documents/", client_views.documents_edit, name="documents_edit"),
    path("cases/<int:case_id>/income/", client_views.income_add, name="income_add"),
    path(
        "cases/<int:case_id>/income/<int:income_id>/remove/",
        client_views.income_remove,
        name="income_remove",
    ),
    path("cases/<int:case_id>/health/", client_views.health_edit, name="health_edit"),
    path("cases/<int:case_id>/team/", client_views.team, name="team"),
    path("cases/<int:case_id>/access/", oversight_views.case_access, name="case_access"),
    path("cases/<int:case_id>/reads/", oversight_views.case_reads, name="case_reads"),
    path("cases/oversight/", oversight_views.oversight, name="oversight"),
    path(
        "organisations/<int:organisation_id>/follow-up/",
        cadence_settings.cadence_edit,
        name="cadence_edit",
    ),
    path(
        "cases/<int:case_id>/team/<int:member_id>/remove/",
        client_views.team_remove,
        name="team_remove",
    ),
    path(
        "meetings/<int:appointment_id>/outcome/",
        views.appointment_record,
        name="appointment_record",
    ),
]
