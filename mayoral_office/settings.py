"""Settings for the Mayor's Office, read from the environment with django-environ.

Development (the default) runs on SQLite in var/ with no Redis: Celery tasks run eagerly.
Production (DJANGO_ENV=production) requires SECRET_KEY and turns on every deploy-time protection.
Council policy (targets, thresholds, closure days, case types) lives in the database, not here.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    if "SECRET_KEY" in env:
        return env.str("SECRET_KEY")
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DJANGO_ENV=production "
            "(for example: export SECRET_KEY=\"$(python -c 'import secrets; print(secrets.token_urlsafe(50))')\")."
        )
    # Development: generate one key and keep it, so sessions survive a restart.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

COUNCIL_NAME = env.str("COUNCIL_NAME", default="London Borough of Eastbridge")
SERVICE_NAME = env.str("SERVICE_NAME", default=f"{COUNCIL_NAME} — Mayor's Office")

INSTALLED_APPS = [
    "mayoral_office",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "mayoral_office.apps.TwoFactorDevicesConfig",
    "django_otp.plugins.otp_static",
    "mayoral_office.apps.SignInLockoutsConfig",
    "auditlog",
    "csp",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "django_celery_beat",
    "phonenumber_field",
    "casework",
    "diary",
    "briefings",
    "decisions",
    "procurement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mayoral_office.middleware.SessionLifetimeMiddleware",
    "mayoral_office.middleware.TwoFactorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mayoral_office.middleware.AuditlogMiddleware",
    "mayoral_office.middleware.NoStoreMiddleware",
    "mayoral_office.middleware.ServiceErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mayoral_office.urls"
WSGI_APPLICATION = "mayoral_office.wsgi.application"
AUTH_USER_MODEL = "mayoral_office.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mayoral_office.context_processors.office",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: Redis when REDIS_URL is set, otherwise local memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Forgiving: with Redis down the pages carry on from the database (mayoral_office/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "mayoral_office.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with no broker configured, tasks run eagerly in the web process (make run needs no Redis).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/London"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# With the broker down, queuing a task gives up quickly: the outbox row waits for the sweep (send-outbox).
# Short socket timeouts too, so an unreachable (not just stopped) Redis cannot hold a web request.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# The schedules are rows of django-celery-beat's tables (seeded by migration mayoral_office 0009), changed by the
# Head of Mayor's Office on the configuration site ("Periodic tasks"); none here, since beat would put a settings
# entry back over their change each time it starts. Each job is also a management command.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {}

# Links in emails (the chase digests) point here.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# A failed send is retried after OUTBOX_RETRY_SECONDS, doubling each time, up to OUTBOX_MAX_ATTEMPTS attempts.
OUTBOX_RETRY_SECONDS = env.int("OUTBOX_RETRY_SECONDS", default=60)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # seconds: a stalled mail server never holds a sender for long
# GOV.UK Notify instead of SMTP: with NOTIFY_API_KEY set, every outbox email is sent through Notify's API, into one
# Notify email template whose subject is ((subject)) and whose message is ((body)) (mayoral_office/notify.py).
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_ID = env.str("NOTIFY_TEMPLATE_ID", default="")
if NOTIFY_API_KEY:
    if not NOTIFY_TEMPLATE_ID:
        raise ImproperlyConfigured(
            "NOTIFY_TEMPLATE_ID must be set when NOTIFY_API_KEY is: the id of a GOV.UK Notify email template whose "
            "subject is ((subject)) and whose message is ((body))."
        )
    EMAIL_BACKEND = "mayoral_office.notify.NotifyEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="mayors.office@eastbridge.gov.uk")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "mayoral_office.backends.ModelBackend",
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

# Two-factor: TOTP, enrolled on first sign-in. Always required in production; the demo may relax it. Turning it off
# in production needs a second, explicitly named variable saying the risk is accepted (and check --deploy warns).
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=PRODUCTION)
MFA_OFF_RISK_ACCEPTED = env.bool("MFA_OFF_IN_PRODUCTION_RISK_ACCEPTED", default=False)
if PRODUCTION and not MFA_REQUIRED and not MFA_OFF_RISK_ACCEPTED:
    raise ImproperlyConfigured(
        "MFA_REQUIRED=false would turn two-factor sign-in off in production. Remove it, or, if the council has "
        "accepted that risk in writing, also set MFA_OFF_IN_PRODUCTION_RISK_ACCEPTED=true."
    )
OTP_TOTP_ISSUER = COUNCIL_NAME

# Lock-out after 5 failed attempts (the sixth is refused, even with the right password).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field, which holds the email address
AXES_USERNAME_CALLABLE = "mayoral_office.middleware.axes_username"
# Lock the account, not the address: the whole office signs in from one council IP, so locking by IP would let one
# mistyping colleague (or an attacker) lock everyone out. See docs/decisions/0003-sign-in-security.md.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
PROXY_COUNT = env.int("PROXY_COUNT", default=0)  # trusted reverse proxies in front of the app
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None

# Sessions: 30 minutes idle (refreshed by a request a minute or more after the last refresh: SessionLifetimeMiddleware),
# 10 hours at most from sign-in.
SESSION_COOKIE_AGE = 30 * 60
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_LIFETIME = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy with nonces and no 'unsafe-inline' anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Audit: every create/update/delete of a domain model (django-auditlog; see docs/decisions/0002-audit.md).
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "contenttypes",
    "admin",
    "auditlog",
    "axes",
    "django_celery_beat",
    "mayoral_office.accesslog",
    "mayoral_office.notification",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = (
    "password",
    "last_login",
    "key",
    "secret",
    "token",  # backup codes (otp_static)
    "last_t",
    "last_used_at",
    "throttling_failure_count",
    "throttling_failure_timestamp",
    "version",  # optimistic-locking counters (F() expressions); the change itself is recorded
)
AUDITLOG_DISABLE_REMOTE_ADDR = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
FORMAT_MODULE_PATH = ["mayoral_office.formats"]
# Phone numbers (django-phonenumber-field): typed as UK numbers, stored in E.164, shown as "+44 20 7946 0000".
PHONENUMBER_DEFAULT_REGION = "GB"
PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production WhiteNoise serves straight from the source folders, so `make run` (DEBUG off) needs no
# collectstatic and picks up edited CSS.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
