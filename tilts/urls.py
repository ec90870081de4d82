from allauth.account import views as allauth_views
from django.contrib import admin
from django.urls import include, path, re_path

from accounts import views as accounts_views

# Only the allauth views Tilts uses: sign-in, sign-out, password change and reset.
# Sign-up is not routed at all (accounts come from invitations).
handler400 = "core.views.bad_request"

account_urls = [
    # The first code of a new authenticator is the session's second-factor step (issue 28).
    path("2fa/totp/activate/", accounts_views.activate_second_factor, name="mfa_activate_totp"),
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
    # allauth's pattern: the key itself contains "-" (a path converter split it wrongly).
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
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
    # The admin site signs in through the app's sign-in and its second step (issue 28).
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
