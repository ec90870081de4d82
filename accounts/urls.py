from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<int:organisation_id>/invitations/",
        views.invitation_create,
        name="invitation_create",
    ),
    path(
        "invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path(
        "memberships/<int:membership_id>/active/",
        views.membership_set_active,
        name="membership_set_active",
    ),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
]
