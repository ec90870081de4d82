from django.urls import path

from . import client_views, register_views

app_name = "employment"

urlpatterns = [
    path("cases/<int:case_id>/employment/", client_views.profile, name="profile"),
    path("cases/<int:case_id>/employment/profile/", client_views.profile_edit, name="profile_edit"),
    path(
        "cases/<int:case_id>/employment/qualifications/",
        client_views.qualification_add,
        name="qualification_add",
    ),
    path(
        "cases/<int:case_id>/employment/qualifications/<int:item_id>/remove/",
        client_views.qualification_remove,
        name="qualification_remove",
    ),
    path(
        "cases/<int:case_id>/employment/experience/",
        client_views.experience_add,
        name="experience_add",
    ),
    path(
        "cases/<int:case_id>/employment/experience/<int:item_id>/remove/",
        client_views.experience_remove,
        name="experience_remove",
    ),
    path(
        "cases/<int:case_id>/employment/limitations/",
        client_views.limitations_edit,
        name="limitations_edit",
    ),
    path("cases/<int:case_id>/employment/vacancies/", client_views.matches, name="matches"),
    path(
        "cases/<int:case_id>/employment/vacancies/<int:vacancy_id>/plan-steps/",
        client_views.match_step_add,
        name="match_step_add",
    ),
    path("cases/<int:case_id>/employment/placements/", client_views.placements, name="placements"),
    path("follow-ups/<int:follow_up_id>/", client_views.follow_up, name="follow_up"),
    path("employment/follow-ups/", register_views.follow_ups, name="follow_ups"),
    path("employers/", register_views.employers, name="employers"),
    path("employers/new/", register_views.employer_create, name="employer_create"),
    path("employers/<int:organisation_id>/", register_views.employer, name="employer"),
    path(
        "employers/<int:organisation_id>/edit/", register_views.employer_edit, name="employer_edit"
    ),
    path(
        "employers/<int:organisation_id>/feedback/",
        register_views.feedback_add,
        name="feedback_add",
    ),
    path(
        "employers/<int:organisation_id>/vacancies/new/",
        register_views.vacancy_create,
        name="vacancy_create",
    ),
    path("vacancies/", register_views.vacancies, name="vacancies"),
    path("vacancies/<int:vacancy_id>/", register_views.vacancy, name="vacancy"),
    path("vacancies/<int:vacancy_id>/edit/", register_views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:vacancy_id>/close/", register_views.vacancy_close, name="vacancy_close"),
]
