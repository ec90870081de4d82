"""Settings shared by every environment. Values that differ per deployment come from
the environment (django-environ); development.py and production.py set safe defaults."""

from pathlib import Path

import django_stubs_ext
import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets generic Django classes be subscripted at run time (ModelAdmin[User] …).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "simple_history",
    "huey.contrib.djhuey",
    "core",
    "accounts",
    "audit",
    "people",
    "consent",
    "privacy",
    "inbox",
    "tasks",
    "conferences",
    "cases",
    "assessments",
    "plans",
    "diagrams",
    "employment",
    "directory",
    "referrals",
]

MIDDLEWARE = [
    # First: every later part (axes, allauth's limits, the sign-in log) sees the client's own
    # address behind the reverse proxy (core/client_address.py).
    "core.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files keep their caching), outside the rest: it sees every
    # other response, error and lockout pages included (issue 28, finding 11).
    "core.middleware.NoStoreMiddleware",
    "accounts.sessions.IdleTimeoutSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Writes the reads of case data each view declares, once its page is shown (issue 28).
    "audit.reads.AccessLogMiddleware",
    # A repeated POST of a create form's one-time token goes to the first one's result.
    "core.submit_once.SubmitOnceMiddleware",
    # Last, so that a lockout response wraps every other middleware's view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tilts.urls"
WSGI_APPLICATION = "tilts.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.layout",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries are small and many: PostgreSQL's JIT compiler spent ~45 ms of a 57 ms search
    # at 10,000 clients (bench/RESULTS.md). Off for the application's connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Parameters bound by the server, and a statement run 5 times on a connection prepared
    # there: planning took more of PostgreSQL's time than running for the small reads of every
    # page (0.68 of 0.76 ms for the memberships read; bench/RESULTS.md). Not through a pooler in
    # transaction mode (TILTS_DATABASE_PREPARE=0 turns it off).
    if env.bool("TILTS_DATABASE_PREPARE", default=True):
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at the same time; busy timeout waits
    # for the write lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: rendered case pages (core/fragments.py, issue 10) and allauth's short-lived keys.
# Memory of each process unless CACHE_URL names a shared one (redis://host:6379/1 with several
# application servers; README "Scale"). It holds personal data as the database does.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://tilts")}
# How long a rendered case page may be served at most (seconds; 0: render every time). Any
# change to what it shows ends it at once (cases/page_stamps.py).
TILTS_FRAGMENT_CACHE_SECONDS = env.int("TILTS_FRAGMENT_CACHE_SECONDS", default=600)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # allauth's, reading the signed-in user by a plain statement (accounts/auth_backends.py).
    "accounts.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: e-mail login, no self-registration (see accounts.adapters).
ACCOUNT_ADAPTER = "accounts.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.TiltsLoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset for an address without an account sends nothing and answers exactly as for
# a known one (issue 28, finding 2): allauth's "unknown account" mail would invite to sign up.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Second factor (issue 6): an authenticator app (TOTP) plus one-time recovery codes, required
# for every member of an organisation (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tilts"
MFA_RECOVERY_CODE_COUNT = 10
# The code is checked with an attempt limit kept in the sign-in log (accounts.forms, issue 28):
# after this many wrong codes within this many minutes the account's second step is blocked.
MFA_FORMS = {
    "authenticate": "accounts.forms.SecondFactorForm",
    "reauthenticate": "accounts.forms.SecondFactorReauthenticateForm",
}
TILTS_SECOND_FACTOR_FAILURE_LIMIT = env.int("TILTS_SECOND_FACTOR_FAILURE_LIMIT", default=5)
TILTS_SECOND_FACTOR_LOCKOUT_MINUTES = env.int("TILTS_SECOND_FACTOR_LOCKOUT_MINUTES", default=15)
# Background tasks: django.tasks on huey (issue 4). SQLite storage needs no extra server;
# production runs `manage.py run_huey` beside gunicorn (it also fires the daily digest).
# HUEY_IMMEDIATE runs tasks at once, in-process (development and tests).
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "tilts",
    "filename": env("HUEY_FILE", default=str(BASE_DIR / "huey.sqlite3")),
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
}
TASKS = {"default": {"BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend"}}

# Notifications also go by e-mail when this is on (the address the links in them start with).
TILTS_EMAIL_NOTIFICATIONS = env.bool("TILTS_EMAIL_NOTIFICATIONS", default=False)
TILTS_BASE_URL = env("TILTS_BASE_URL", default="http://127.0.0.1:8000")

# Retention (issue 6): people whose cases all closed this many years ago are anonymised by
# `manage.py apply_retention` (run daily; --dry-run reports).
TILTS_RETENTION_YEARS = env.int("TILTS_RETENTION_YEARS", default=5)
# Health and dependency data (GDPR Art. 9) goes sooner.
TILTS_HEALTH_RETENTION_YEARS = env.int("TILTS_HEALTH_RETENTION_YEARS", default=2)
TILTS_REQUIRE_MFA = env.bool("TILTS_REQUIRE_MFA", default=True)
# Referrals (issue 5) sent this many days ago without an answer are flagged on the caseload.
TILTS_REFERRAL_ANSWER_DAYS = env.int("TILTS_REFERRAL_ANSWER_DAYS", default=7)
# allauth's rate limits (issue 28, finding 3), kept in the cache (CACHE_URL: shared by every
# process only with Redis; with each process's own memory they count per process). django-axes
# locks an account+address pair after AXES_FAILURE_LIMIT wrong passwords (in the database);
# these limit what one address may try across accounts, and password resets.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",  # sign-in attempts
    "login_failed": "10/m/ip,5/15m/key",  # wrong passwords: per address, per account
    "reset_password": "10/m/ip,3/15m/key",  # reset mails: per address, per e-mail typed
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}

# django-axes: lock an account+address pair out after repeated failures.
# Proxies whose X-Real-IP names the client (core/client_address.py): none unless configured;
# production's default is the loopback, where deploy/nginx runs.
TILTS_TRUSTED_PROXIES = env.list("TILTS_TRUSTED_PROXIES", default=[])
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.adapters.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # axes would otherwise log the attempted e-mail address.

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Signed out after 30 minutes without a request (sliding: a request renews the session; it is
# written again at most once a minute, not on every request — accounts.sessions, issue 10).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = env.int("TILTS_IDLE_MINUTES", default=30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Django's built-in CSP: scripts only from us and only with the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("ru", _("Russian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "tilts_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Riga"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail (Django 6.1 mailers). Console in development; set EMAIL_BACKEND and EMAIL_OPTIONS
# (JSON, e.g. {"host": "smtp.example.lv", "port": 587, "use_tls": true}) in production.
MAILERS = {
    "default": {
        "BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": env.json("EMAIL_OPTIONS", default={}),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="tilts@localhost")

# Invitations to join an organisation stay valid this many days.
INVITATION_VALID_DAYS = 7

# Logs never carry personal data: formatters print only what we pass deliberately,
# and request logging is limited to status and path (paths never contain personal data).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
    },
}
