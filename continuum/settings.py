"""Settings for Continuum, read from the environment.

SQLite is the embedded default so that `make run` works on a fresh machine; set DATABASE_URL
(for example postgres://postgres@127.0.0.1:5432/continuum) for PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CONTINUUM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
# The fallback key is for local demos only; production must set DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-demo-key-set-DJANGO_SECRET_KEY-in-production")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "continuum.statutory",
    "continuum.access",
    "continuum.people",
    "continuum.frontdoor",
    "continuum.earlyhelp",
    "continuum.socialcare",
    "continuum.journey",
    "continuum.insight",
    "continuum.returns",
    "continuum.synthetic",
    "continuum.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "continuum.access.middleware.SignInRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "continuum.urls"
WSGI_APPLICATION = "continuum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "continuum" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "continuum.web.context_processors.navigation",
            ],
        },
    }
]
FORM_RENDERER = "continuum.web.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'continuum.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a generator writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# The council's DfE number (the CIN census LEA, characters 2-4 of its UPNs) and its ONS code (SSDA903
# checks). The demo partnership is the size and shape of Bradford: 380, E08000032.
LOCAL_AUTHORITY_NUMBER = os.environ.get("CONTINUUM_LA_NUMBER", "380")
LOCAL_AUTHORITY_ONS_CODE = os.environ.get("CONTINUUM_LA_ONS_CODE", "E08000032")
# The Python of the DfE validators' own virtualenv (`make setup`; continuum/returns/validation.py).
VALIDATORS_PYTHON = os.environ.get(
    "CONTINUUM_VALIDATORS_PYTHON", str(BASE_DIR / ".venv-validators" / "bin" / "python")
)
# How many database connections count the dashboard's figures at once (`insight.figures.figures`).
FIGURE_THREADS = int(os.environ.get("CONTINUUM_FIGURE_THREADS", str(min(4, os.cpu_count() or 1))))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"

AUTHENTICATION_BACKENDS = [
    # Axes first so that a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"

# Lock-out after repeated failures (django-axes), per account name.
AXES_FAILURE_LIMIT = int(os.environ.get("CONTINUUM_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("CONTINUUM_LOCKOUT_HOURS", "0.5"))
# Per account, not per address: staff sit behind shared council and NHS networks, where locking
# an address would lock out a whole office because of one person's mistakes.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 follows from locking per account (above). models.W040: the figures' indexes carry the
# key as an INCLUDE column for PostgreSQL's index-only scans; SQLite, without INCLUDE, leaves it out.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_VERBOSE = False

# Idle time-out: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = int(os.environ.get("CONTINUUM_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and env_bool("CONTINUUM_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000

OTP_TOTP_ISSUER = "Continuum"
# Break-glass access lasts this long before it must be asked for again.
# Front-door outcomes a manager must sign off before they take effect (comma-separated codes
# from continuum.frontdoor.catalogue.Outcome). By default managers check "no further action".
FRONT_DOOR_SIGN_OFF_OUTCOMES = frozenset(
    code.strip() for code in os.environ.get("CONTINUUM_SIGN_OFF_OUTCOMES", "nfa").split(",") if code.strip()
)
BREAK_GLASS_MINUTES = int(os.environ.get("CONTINUUM_BREAK_GLASS_MINUTES", "60"))

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("CONTINUUM_FROM_EMAIL", "continuum@partnership.example")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Front-end packages come from the npm registry into node_modules; nothing is vendored.
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("moj", BASE_DIR / "node_modules" / "@ministryofjustice" / "frontend" / "moj"),
    VAR_DIR / "build",  # continuum.css, compiled from continuum/static_src by `make`
]
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CONTINUUM_LOG_LEVEL", "WARNING")},
}

# --- The API for partner agencies' systems (continuum.api; see docs/api.md) -------------------
# Token authentication only (no sessions, so no CSRF and no sign-in pages), JSON only, and one
# error shape: {"errors": {"<field path, header or 'request'>": ["<message>", ...]}}.
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "continuum.api"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["continuum.api.authentication.AgencyTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["continuum.api.throttling.PerTokenRateThrottle"],
    # Per token; "N/second", "N/minute", "N/hour" or "N/day".
    "DEFAULT_THROTTLE_RATES": {
        "api_writes": os.environ.get("CONTINUUM_API_WRITE_RATE", "120/minute"),
        "api_reads": os.environ.get("CONTINUUM_API_READ_RATE", "600/minute"),
    },
    "EXCEPTION_HANDLER": "continuum.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "LIST_SERIALIZER_ERRORS_AS_DICT": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Continuum front door API",
    "DESCRIPTION": (
        "For partner agencies' systems to send contacts to the front door (police domestic-abuse "
        "notifications and others) and read back their status and outcome. Every request carries "
        "the agency's token (`Authorization: Bearer ...`); every POST an `Idempotency-Key`. "
        'Errors are `{"errors": {"<where>": ["<what is wrong>"]}}`. See docs/api.md.'
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema says nothing about anyone: partners' developers read it before they have a token.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ApiRouteEnum": "continuum.api.serializers.API_ROUTE_CHOICES",
        "RouteEnum": "continuum.frontdoor.catalogue.Route",
        "ConsentEnum": "continuum.frontdoor.catalogue.Consent",
        "WorryEnum": "continuum.frontdoor.catalogue.Worry",
        "StatusEnum": "continuum.frontdoor.catalogue.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "continuum.api.schema.forbid_unknown_fields",
    ],
}
