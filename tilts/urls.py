from allauth.account import views as allauth_views
from django.contrib import admin
from django.urls import include, path

# Only the allauth views Tilts uses: sign-in, sign-out, password change and reset.
# Sign-up is not routed at all (accounts come from invitations).
handler400 = "core.views.bad_request"

account_urls = [
    path("2fa/", include("allauth.mfa.urls")),
    path("login/", allauth_views.login, name="account_login"),
    path("logout/", allauth_views.logout, name="account_logout"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("password/change/", allauth_views.password_change, name="account_change_password"),
    path("password/reset/", allauth_views.password_reset, name="account_reset_password"),
    path(
        "password/reset/done/",
        allauth_views.password_reset_done,
        name="account_reset_password_done",
    ),
    path(
        "password/reset/key/<uidb36>-<key>/",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "password/reset/key/done/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("cases.urls")),
    path("", include("consent.urls")),
    path("", include("privacy.urls")),
    path("", include("audit.urls")),
    path("", include("inbox.urls")),
    path("", include("tasks.urls")),
    path("", include("conferences.urls")),
    path("", include("assessments.urls")),
    path("", include("plans.urls")),
    path("", include("diagrams.urls")),
    path("", include("employment.urls")),
    path("", include("directory.urls")),
    path("", include("referrals.urls")),
    path("account/", include(account_urls)),
    path("admin/", admin.site.urls),
]
