"""Settings for the Xujing Town government information disclosure portal.

Everything that differs between a laptop and production comes from the
environment; see README.md for the list. Bad values stop start-up loudly.
"""

from __future__ import annotations

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

PRODUCTION = env_bool("PORTAL_PRODUCTION", False)
# Off unless a developer asks for Django's debug pages (DEBUG=1): the quick start shows
# the portal's own Chinese 404 and 500 pages, as production does.
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PORTAL_PRODUCTION is on.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when PORTAL_PRODUCTION is on.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-xujing-portal"
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names when PORTAL_PRODUCTION is on.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "xujing_portal.errors.csrf_failure"  # a Chinese page, not Django's English one
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "csp",
    "organisations",
    "privacy",
    "documents",
    "workdays",
    "notifications",
    "deadlines",
    "search",
    "interpretations",
    "consultations",
    "decisions",
    "applications",
    "compliance",
    "reports",
    "workpoints",
    "figures",
    "accounts",
    "xxgk",
    "elder",
    "subscriptions",
    "events",
    "relay",
]

MIDDLEWARE = [
    # Outermost: reads what is left of a refused request body, so the client gets the answer.
    "xujing_portal.requests.DrainUnreadBodyMiddleware",
    # Compress text answers, then give them an ETag of what they say (304 when unchanged).
    "xujing_portal.compression.TextGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "elder.middleware.VaryOnDisplayModeMiddleware",  # pages differ by the 长辈版 cookie
    # A change saved in the admin drops the cached anonymous pages (xujing_portal.pagecache).
    "xujing_portal.pagecache.AdminChangeMiddleware",
    # Innermost, so its 400 for an unreadable charset carries every header above.
    "xujing_portal.requests.RejectUnreadableRequestMiddleware",
    # A statement cut off by DB_STATEMENT_TIMEOUT_MS: a Chinese 503, not a 500.
    "xujing_portal.errors.DatabaseTimeoutMiddleware",
]

ROOT_URLCONF = "xujing_portal.urls"
WSGI_APPLICATION = "xujing_portal.wsgi.application"

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
                "elder.context_processors.display_mode",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# Default: a SQLite file in the project folder, in WAL mode so readers never
# block the writer, and BEGIN IMMEDIATE so two writers queue instead of
# failing with "database is locked".
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL this portal understands: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif _db["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
# PostgreSQL ends any statement running longer than this (milliseconds; 0 = no limit), so
# one heavy page cannot hold a web worker and a database connection: the visitor gets a
# Chinese 503 (xujing_portal.errors.DatabaseTimeoutMiddleware). Web processes default to
# 10 s (gunicorn.conf.py); management commands and Celery have no limit unless set.
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 0)
if _db["ENGINE"] == "django.db.backends.postgresql" and DB_STATEMENT_TIMEOUT_MS:
    _db.setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"
DATABASES = {"default": _db}

# Anonymous public pages kept in the cache (xujing_portal.pagecache) at most this many
# seconds; every change they show drops them at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache ----------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")

if REDIS_URL:
    # Redis, answered from process memory while Redis is unreachable (xujing_portal.cache).
    CACHES = {"default": {"BACKEND": "xujing_portal.cache.FailoverRedisCache", "LOCATION": REDIS_URL}}
    # The public counts and their version (documents.aggregates), the page cache's version:
    # every process must see a change.
    CACHES["shared"] = CACHES["default"]
    CELERY_BROKER_URL = REDIS_URL
    # Publishing fails within a second when Redis is down (the outbox sends later),
    # instead of holding a web request through kombu's default retries.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "socket_connect_timeout": 2,
    }
else:
    # No server needed: kombu's filesystem transport keeps messages as files
    # (xujing_portal.broker writes each one atomically).
    from xujing_portal import broker

    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Seen by every process on this machine (web server, worker, management commands):
        # the public counts and their version (documents.aggregates), the page cache's version.
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
    }
    _queue_dir = VAR_DIR / "celery-queue"
    CELERY_BROKER_URL = f"{broker.SCHEME}://localhost/"  # the host is ignored; naming it silences kombu
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        # Exchange tables; kombu's default is ./control, inside the checkout.
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
    # The transport expects its folders to exist; create them so that a fresh
    # clone's first task (or test) does not depend on bin/run-portal having run.
    for _folder in ("celery-queue", "celery-processed", "celery-control"):
        (VAR_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# --- Auth ---------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.password_validation.MinimumLengthValidator"},  # Django's, with a Chinese message
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff pages send visitors to the admin's sign-in; the public pages of accounts/ (我的,
# password change) send them to the public one, /accounts/login/, with their own login_url.
LOGIN_URL = "/admin/login/"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Both sign-in pages lock: the admin's and the public one (/accounts/login/).
AXES_ONLY_ADMIN_SITE = False
# The lockout answer: a portal page (429) with AXES_COOLOFF_MESSAGE, not axes's bare text.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定。请 1 小时后再试，或联系系统管理员解锁。"
# The combination: five wrong passwords lock that user name from that address, so an
# attacker cannot lock staff out from elsewhere, and one address cannot try every name.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Reverse proxies in front of the portal (each appends to X-Forwarded-For); 0: none, the
# header is ignored. The lockout and the public forms' rate limits read the client's
# address through xujing_portal.client_address.
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "xujing_portal.client_address.client_ip"
RATELIMIT_IP_META_KEY = "xujing_portal.client_address.client_ip"
# Password-reset e-mails requested per address (django-ratelimit), against e-mail bombing.
ACCOUNTS_PASSWORD_RESET_RATE = env_str("ACCOUNTS_PASSWORD_RESET_RATE", "5/h")
_reset_count, _, _reset_unit = ACCOUNTS_PASSWORD_RESET_RATE.partition("/")
if not (
    _reset_count.isascii() and _reset_count.isdigit() and int(_reset_count) > 0 and _reset_unit in {"s", "m", "h", "d"}
):
    raise ImproperlyConfigured("ACCOUNTS_PASSWORD_RESET_RATE must look like 5/h (a count per s, m, h or d).")

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Admin strings Django's own zh_Hans catalogue lacks or words awkwardly (see the .po files in locale/zh_Hans/).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production whitenoise serves static/ straight from the apps' folders, so the
# quick start needs no collectstatic even with DEBUG off.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Attachments are served only through documents.views, never from MEDIA_URL.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds an SMTP connection may block: bounds a hand-over, which the outbox's claim
# timeout (notifications.delivery.CLAIM_TIMEOUT, 10 minutes) must outlast.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "徐泾镇政务公开 <noreply@xujing.gov.cn>")

# --- Security -----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: no inline scripts, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- API ----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend", "search.api.SiteSearchFilter"],
    # page and page_size (at most 100), with Chinese messages for bad values.
    "DEFAULT_PAGINATION_CLASS": "documents.api_defaults.PortalPagination",
    "PAGE_SIZE": 20,
    # Every error body in Chinese, 404s included.
    "EXCEPTION_HANDLER": "documents.api_defaults.portal_exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "徐泾镇政务公开门户 API",
    "DESCRIPTION": (
        "只读接口：已公开的政策文件、政策解读、重大行政决策、常见问题和留言选登。"
        "查询参数留空与不传相同；取值格式正确但没有匹配的条目时，返回空列表。"
        "参数有误返回 400，响应体逐个参数用中文说明应当怎样填写；"
        "编号不存在或尚未公开、页码超出总页数返回 404。"
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # After drf-spectacular's own: the 400/404 answers of every operation (documents.api_defaults).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "documents.api_defaults.document_error_answers",
    ],
}

# --- Domain -------------------------------------------------------------------
# Documents expiring within this many days warn their drafting organisation.
EXPIRY_WARNING_DAYS = env_int("EXPIRY_WARNING_DAYS", 183, minimum=1)

# Message board (consultations): anti-spam and answer time limits (working days per channel;
# staff may override each channel in the admin).
RATELIMIT_USE_CACHE = "default"
CONSULTATION_ASK_RATE = env_str("CONSULTATION_ASK_RATE", "5/h")
CONSULTATION_TRACK_RATE = env_str("CONSULTATION_TRACK_RATE", "20/h")
# Requests for a new query code: per address, and per message.
CONSULTATION_RESEND_RATE = env_str("CONSULTATION_RESEND_RATE", "5/h")
CONSULTATION_RESEND_PER_MESSAGE_RATE = env_str("CONSULTATION_RESEND_PER_MESSAGE_RATE", "3/d")
CONSULTATION_MIN_FILL_SECONDS = env_int("CONSULTATION_MIN_FILL_SECONDS", 5)
CONSULTATION_DEFAULT_WORKING_DAYS = env_int("CONSULTATION_DEFAULT_WORKING_DAYS", 5, minimum=1)
CONSULTATION_ANSWER_WORKING_DAYS = {
    "online": CONSULTATION_DEFAULT_WORKING_DAYS,
    "hotline": 5,
    "leader_mailbox": 10,
    "opinion_mailbox": 10,
    "state_council": 5,
    "window": 5,
}
# Decisions: public comments and representative applications per IP address (django-ratelimit).
SUBSCRIPTIONS_SUBSCRIBE_RATE = env_str("SUBSCRIPTIONS_SUBSCRIBE_RATE", "10/h")
# Relay push (item 7): working days a partner has to confirm a relay package before it is
# reminded (and staff see it overdue); how long its signed link works; how far back the
# periodic match looks for newly published policies (it catches up after downtime).
RELAY_ACK_WORKING_DAYS = env_int("RELAY_ACK_WORKING_DAYS", 5, minimum=1)
RELAY_ACK_LINK_DAYS = env_int("RELAY_ACK_LINK_DAYS", 90, minimum=1)
RELAY_MATCH_WINDOW_DAYS = env_int("RELAY_MATCH_WINDOW_DAYS", 30, minimum=1)
DECISIONS_SUBMIT_RATE = env_str("DECISIONS_SUBMIT_RATE", "10/h")
_count, _, _unit = DECISIONS_SUBMIT_RATE.partition("/")
if not (_count.isascii() and _count.isdigit() and int(_count) > 0 and _unit in {"s", "m", "h", "d"}):
    raise ImproperlyConfigured("DECISIONS_SUBMIT_RATE must look like 10/h (a count per s, m, h or d).")
# Disclosure on application: an application arriving online, by fax or by e-mail at or
# after this local time (HH:MM), or on a day off, counts as received on the next working
# day (《政府信息公开条例》 Art. 31; applications.clock.received_on).
APPLICATIONS_CLOSING_TIME = env_str("APPLICATIONS_CLOSING_TIME", "17:00")
if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", APPLICATIONS_CLOSING_TIME):
    raise ImproperlyConfigured("APPLICATIONS_CLOSING_TIME must be a time of day as HH:MM, e.g. 17:00.")
# Answers and online corrections an applicant may send from the tracking page, per IP
# address; the largest file they may attach (applications.views, applications.scans).
APPLICATIONS_ANSWER_RATE = env_str("APPLICATIONS_ANSWER_RATE", "10/h")
if not re.fullmatch(r"[1-9][0-9]*/[smhd]", APPLICATIONS_ANSWER_RATE):
    raise ImproperlyConfigured("APPLICATIONS_ANSWER_RATE must look like 10/h (a count per s, m, h or d).")
APPLICATIONS_EXCHANGE_FILE_MAX_BYTES = env_int("APPLICATIONS_EXCHANGE_FILE_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
# Working days before a statutory deadline that its organisation is reminded.
DEADLINE_REMIND_BEFORE_DAYS = env_int("DEADLINE_REMIND_BEFORE_DAYS", 3, minimum=0)
# Who is reminded of a deadline that no organisation holds yet (a message not yet
# dispatched): the staff in these role groups (consultations.permissions.DISPATCHER).
DEADLINE_UNASSIGNED_GROUPS = ["留言受理分派人"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Request bodies (which may hold phone numbers) are never logged.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # django-axes announces its version on every start-up at INFO: noise in every command's output.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint logs each rendering step of every letter at INFO; its warnings stay.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
