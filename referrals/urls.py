from django.urls import path

from . import referral_views, views

app_name = "referrals"

urlpatterns = [
    path(
        "cases/<int:case_id>/referrals/",
        referral_views.case_referrals,
        name="case_referrals",
    ),
    path("referrals/incoming/", referral_views.incoming, name="incoming_referrals"),
    path(
        "referrals/<int:referral_id>/step/",
        referral_views.referral_step,
        name="referral_step",
    ),
    path("cases/<int:case_id>/help-in-kind/", views.help_in_kind, name="help_in_kind"),
    path(
        "cases/<int:case_id>/help-in-kind/<int:item_id>/cancel/",
        views.help_in_kind_cancel,
        name="help_in_kind_cancel",
    ),
]
