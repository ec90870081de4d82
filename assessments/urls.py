from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("cases/<int:case_id>/assessments/", views.assessment_list, name="list"),
    path("cases/<int:case_id>/assessments/new/", views.assessment_new, name="new"),
    path(
        "cases/<int:case_id>/assessments/<int:assessment_id>/",
        views.assessment_detail,
        name="detail",
    ),
]
