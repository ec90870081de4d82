from django.urls import path

from . import supervision, views

app_name = "conferences"

urlpatterns = [
    path("cases/<int:case_id>/conferences/", views.case_conferences, name="case_conferences"),
    path("conferences/<int:conference_id>/", views.detail, name="detail"),
    path("conferences/<int:conference_id>/record/", views.record, name="record"),
    path("conferences/<int:conference_id>/actions/", views.action_add, name="action_add"),
    path("conferences/<int:conference_id>/sign-off/", views.sign_off, name="sign_off"),
    path("conferences/<int:conference_id>/record.pdf", views.record_pdf, name="record_pdf"),
    path("supervision/", supervision.supervision, name="supervision"),
]
