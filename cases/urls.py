from django.urls import path

from . import views

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
    path("notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path(
        "meetings/<int:appointment_id>/outcome/",
        views.appointment_record,
        name="appointment_record",
    ),
]
