"""Settings shared by every environment.

Every value that differs between machines comes from the environment through one ``environ.Env``;
README.md lists each variable. The embedded default (no variables at all) is SQLite with tasks run
in-process, so ``make run`` works on a fresh machine.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-change-me-0123456789abcdef")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("ANQUAN_SITE_URL", default="http://127.0.0.1:8000")
# Only the fallback: officers keep the company's name, address and logo in the app (company profile).
COMPANY_NAME = env("ANQUAN_COMPANY_NAME", default="Anquan Customer Service Co.")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "template_partials",
    "django_htmx",
    "simple_history",
    "axes",
    "django_celery_beat",
    "csp",
]
LOCAL_APPS = [
    "apps.core",
    "apps.organization",
    "apps.notifications",
    "apps.regulation",
    "apps.documents",
    "apps.hazards",
    "apps.inspections",
    "apps.training",
    "apps.incidents",
    "apps.emergency",
    "apps.responsibilities",
    "apps.rewards",
    "apps.archive",
    "apps.dashboards",
    "apps.demo",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.organization.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "apps.core.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "apps.core.context_processors.site",
                "apps.organization.context_processors.company",
                "apps.notifications.context_processors.unread",
            ],
            "builtins": ["django.templatetags.i18n", "template_partials.templatetags.partials"],
        },
    }
]


def tune_sqlite(database: dict, *, init_command: str = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;") -> None:
    """SQLite for several people clicking at once (the embedded default; PostgreSQL is left alone).

    ``BEGIN IMMEDIATE`` takes the write lock when a transaction starts, so two writers queue behind the
    busy ``timeout`` instead of one failing with "database is locked" when both try to upgrade a read
    lock; WAL lets pages read while someone writes. (Django 5.1+ options.)
    """
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    options = database.setdefault("OPTIONS", {})
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 20)
    options["init_command"] = init_command


DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
tune_sqlite(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organization.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# An attempt during a lock is refused without restarting the cool-off: otherwise one request every half
# hour keeps anyone locked out. Officers can lift a lock from the person page.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "apps.core.security.client_address"
# How many reverse proxies in front of the app append to X-Forwarded-For (README "Running in
# production"). 0: the client address is REMOTE_ADDR and the header is ignored, since anyone can send it.
ANQUAN_TRUSTED_PROXIES = env.int("ANQUAN_TRUSTED_PROXIES", default=0)

# Password reset: at most this many requests per e-mail address and per client address in an hour.
# Over the address limit nothing is sent but the answer looks the same; over the client limit the form
# says to wait. Neither reveals whether the address has an account.
ANQUAN_PASSWORD_RESET_PER_ADDRESS = env.int("ANQUAN_PASSWORD_RESET_PER_ADDRESS", default=3)
ANQUAN_PASSWORD_RESET_PER_CLIENT = env.int("ANQUAN_PASSWORD_RESET_PER_CLIENT", default=10)

# The cache holds the throttle counters only. Per process in memory by default; production uses the
# database (`createcachetable` in the entrypoint) so every gunicorn worker counts together.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10000)

# Sessions and cookies.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): scripts only from our own static files — no inline <script>,
# no onclick=, no eval (htmx's allowEval is off, see templates/base.html); behaviour is wired by data
# attributes in static/js/anquan.js. Styles still allow 'unsafe-inline': some two dozen templates set
# style="" (widths of progress bars and charts among them) and moving them all is left for later;
# style injection cannot run script. data: images are Bootstrap's inline SVG icons in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
# The company's default language: what a person who has not chosen one reads — pages, e-mails, PDFs,
# notifications (apps.core.i18n_messages.language_of). Chinese first; each person can switch to English.
LANGUAGE_CODE = env("DJANGO_LANGUAGE_CODE", default="zh-hans")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"DJANGO_LANGUAGE_CODE must be one of {[code for code, _name in LANGUAGES]}")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# One date format per language (config/formats/<locale>/formats.py): "2 Dec 2026" / "2026年12月2日".
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: images are checked by content (apps.core.uploads); this caps a single file.
ANQUAN_MAX_UPLOAD_MB = env.int("ANQUAN_MAX_UPLOAD_MB", default=10)
# Images above this many decoded pixels are refused from their header, before decoding (bomb guard).
ANQUAN_MAX_IMAGE_MEGAPIXELS = env.int("ANQUAN_MAX_IMAGE_MEGAPIXELS", default=40)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Safety-programme timings an operator may tune (defaults follow common Chinese practice).
ANQUAN_HAZARDS = {
    "DEADLINE_DAYS": {
        "general": env.int("ANQUAN_HAZARD_DEADLINE_DAYS_GENERAL", default=14),
        "major": env.int("ANQUAN_HAZARD_DEADLINE_DAYS_MAJOR", default=60),
    },
    "REMIND_DAYS_BEFORE": env.int("ANQUAN_HAZARD_REMIND_DAYS_BEFORE", default=3),
    "ESCALATE_AFTER_DAYS": env.int("ANQUAN_HAZARD_ESCALATE_AFTER_DAYS", default=7),
    "SIGN_OFF_REMIND_DAYS": env.int("ANQUAN_HAZARD_SIGN_OFF_REMIND_DAYS", default=3),
    "VERIFY_REMIND_DAYS": env.int("ANQUAN_HAZARD_VERIFY_REMIND_DAYS", default=3),
}
ANQUAN_DRILL_REMINDER_HOURS = env.int("ANQUAN_DRILL_REMINDER_HOURS", default=72)
ANQUAN_EXTERNAL_REPORT_HOURS = env.int("ANQUAN_EXTERNAL_REPORT_HOURS", default=24)
ANQUAN_EFFECTIVENESS_CHECK_DAYS = env.int("ANQUAN_EFFECTIVENESS_CHECK_DAYS", default=30)
# The regulation map: records older than this many months make a clause amber (stale).
ANQUAN_EVIDENCE_PERIOD_MONTHS = env.int("ANQUAN_EVIDENCE_PERIOD_MONTHS", default=12)
# The yearly archive: how many days a built ZIP is kept before the daily cleanup deletes it.
ANQUAN_ARCHIVE_KEEP_DAYS = env.int("ANQUAN_ARCHIVE_KEEP_DAYS", default=7)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Anquan <anquan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without CELERY_BROKER_URL, tasks run in-process (eager) and `make run` starts a beat
# process that executes the periodic tasks in-process too; see README "Scheduled work".
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request never waits long for the broker (README "Broker outage"). Publishing gives up after one
# connect attempt bounded by CELERY_BROKER_TIMEOUT plus one retry (a pooled connection that went stale
# when Redis restarted); a broker that accepts and never answers costs at most the socket timeout per
# attempt. apps.core.queueing then pauses this process's publishing for ANQUAN_QUEUE_PAUSE_SECONDS and
# what was not queued is picked up by a periodic job. Workers keep retrying their own connection.
_broker_timeout = env.float("CELERY_BROKER_TIMEOUT", default=1.0)
CELERY_BROKER_CONNECTION_TIMEOUT = _broker_timeout
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": _broker_timeout,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=_broker_timeout),
    "max_retries": 0,  # kombu's connect loop: no retries of its own (the publish policy below retries once)
    "retry_on_timeout": False,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
ANQUAN_QUEUE_PAUSE_SECONDS = env.float("ANQUAN_QUEUE_PAUSE_SECONDS", default=30)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Health check: whether /healthz must see the broker (set when a real broker is configured).
HEALTHZ_CHECK_BROKER = env.bool("HEALTHZ_CHECK_BROKER", default=not CELERY_TASK_ALWAYS_EAGER)

# Everything goes to the console (the container's log). The security log is the logger
# ``anquan.security`` (apps/core/security.py): one key=value line per sign-in, failure, lockout, unlock,
# throttled password reset and refused page; a 403 is that one line, not a warning with a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"omit_permission_denied": {"()": "apps.core.security.OmitPermissionDenied"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["omit_permission_denied"]},
        "anquan.security": {"level": "INFO"},  # kept at INFO whatever LOG_LEVEL says
    },
}
