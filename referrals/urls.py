from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("cases/<int:case_id>/help-in-kind/", views.help_in_kind, name="help_in_kind"),
    path(
        "cases/<int:case_id>/help-in-kind/<int:item_id>/cancel/",
        views.help_in_kind_cancel,
        name="help_in_kind_cancel",
    ),
]
