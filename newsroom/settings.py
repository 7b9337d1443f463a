"""Settings for newsroom, read from the environment with safe local defaults.

The embedded default is one machine: SQLite in WAL mode, a local-memory cache and media on disk.
Set DATABASE_URL (PostgreSQL) and REDIS_URL to run several servers against shared state.
"""

import importlib.util
import os
import secrets
import urllib.parse
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# DJANGO_PRODUCTION=1: a public deployment. It refuses to start without its own key and host
# names, and turns on the HTTPS settings (`manage.py check --deploy` is clean under it).
PRODUCTION = env_bool("DJANGO_PRODUCTION")
if PRODUCTION:
    missing = [
        name
        for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")
        if not os.environ.get(name, "").strip()
    ]
    if missing:
        raise ImproperlyConfigured(
            f"DJANGO_PRODUCTION=1 requires {' and '.join(missing)} in the environment. "
            f"운영 모드(DJANGO_PRODUCTION=1)에서는 환경 변수 {', '.join(missing)}을(를) "
            "반드시 설정해야 합니다."
        )
    if DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_PRODUCTION=1 refuses DJANGO_DEBUG=1. "
            "운영 모드에서는 DJANGO_DEBUG를 켤 수 없습니다."
        )


def embedded_secret_key(path):
    """The embedded setup's key: generated once into var/secret-key, readable by us only."""
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def private_folder(path):
    """The embedded setup's var folder: the database, its journal, sessions, the key and the
    media inside belong to the service alone, whatever mode each file gets."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as error:
        # A folder mounted read-only, or owned and moded by the deployment: the site starts
        # (pages serve from a read-only database) and says why the mode was left as it is.
        warnings.warn(f"{path}: mode left as it is ({error})", RuntimeWarning, stacklevel=2)


# The key comes from the environment. The embedded setup (SQLite, no DATABASE_URL) keeps its own
# in var/secret-key; a deployment with DATABASE_URL and no key refuses to start.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if "DATABASE_URL" in os.environ and not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DATABASE_URL is.")
    try:
        SECRET_KEY = embedded_secret_key(VAR_DIR / "secret-key")
    except FileExistsError:  # another process wrote it at the same moment
        SECRET_KEY = (VAR_DIR / "secret-key").read_text().strip()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its sitemap templates
    "taggit",
    "django_prose_editor",
    "reversion",
    "django_tasks",
    "newsroom.apps.TaskQueueAppConfig",  # django-tasks' database backend, named in Korean
    "newsroom.apps.AxesAppConfig",  # django-axes, named in Korean
    "articles",
]
# The demo content and its `manage.py load_demo` (which `make run` calls) belong to the source
# tree only: the production wheel leaves the `demo` package out, so an installed site has no
# command that writes invented articles, and its settings must not name an app it lacks.
if importlib.util.find_spec("demo") is not None:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: every other middleware's log lines carry the request id.
    "newsroom.requestid.RequestIdMiddleware",
    # Every answer says how long it may be kept, those of the middleware below too.
    "newsroom.cache.pages.NoStoreByDefaultMiddleware",
    "newsroom.charset.FormCharsetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.csp.ContentSecurityPolicyMiddleware",
    "newsroom.staticfiles.StaticFilesMiddleware",  # whitenoise, q values read
    # Before sessions and auth: a shared page is answered without touching either.
    "newsroom.cache.pages.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.visitors.VisitorMiddleware",
    # A browser that signs in to the admin gets its known-device cookie (newsroom/auth.py).
    "newsroom.auth.KnownDeviceMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

if "DATABASE_URL" not in os.environ:
    private_folder(VAR_DIR)

# Database: SQLite by default, tuned for several gunicorn workers writing at once.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each worker keeps its connection: opening one (and reading the schema) cost more than
    # a reaction's whole write. Connections are opened after gunicorn forks, never shared.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = {
        # Take the write lock at BEGIN so that concurrent writers queue on the busy timeout
        # instead of failing with "database is locked" when upgrading a read lock.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=30000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A pool of connections in each process (psycopg's pool, Django 5.2's "pool" option), kept
    # open between requests: a server opens DB_POOL_MAX_SIZE per gunicorn worker process (one
    # per thread at most), plus as many for its task worker. See README "Running beyond one
    # machine" for the sum against max_connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them, not Django
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    pool_max = env_int("DB_POOL_MAX_SIZE", env_int("WEB_THREADS", 8))
    # A process with one thread keeps one connection, not the two it could never use.
    pool_min = env_int("DB_POOL_MIN_SIZE", min(2, pool_max))
    if not (0 <= pool_min <= pool_max and pool_max >= 1):
        # Refused here, not by psycopg's pool on the first query of every request.
        raise ImproperlyConfigured(
            f"DB_POOL_MIN_SIZE ({pool_min}) must be at least 0 and at most DB_POOL_MAX_SIZE "
            f"({pool_max}, which defaults to WEB_THREADS and must be at least 1)."
        )
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": pool_min,
        "max_size": pool_max,
        "timeout": 10,  # seconds a request waits for a free connection before failing
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every process on every host), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis errors are logged and treated as misses: the site keeps serving, uncached.
            "BACKEND": "newsroom.cache.redis.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            # Pages are stored compressed (about 10 KB each).
            "OPTIONS": {"MAX_ENTRIES": env_int("LOCAL_CACHE_MAX_ENTRIES", 3000)},
        }
    }

AUTHENTICATION_BACKENDS = [
    "newsroom.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin sign-in lockout (django-axes, newsroom/auth.py). ADMIN_LOGIN_FAILURE_LIMIT failed
# sign-ins lock the pair (username, address) for ADMIN_LOGIN_COOLOFF_MINUTES: never the account
# from every address (anyone could keep a colleague out) nor an address for every account (one
# typist would lock the whole office behind it). Tries during the lock do not extend it.
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "newsroom.clients.client_address"  # an IPv6 client by its /64
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.auth.lockout_response"
# A browser that signed in to the account before gets through with the right password.
AXES_WHITELIST_CALLABLE = "newsroom.auth.is_known_device"
# Guessing from many addresses, or many accounts from one: past this many failures (within the
# cool-off) for one username, or from one address, each try waits 1, 2, 4… seconds after the
# last failure, at most ADMIN_LOGIN_SLOWDOWN_MAX_SECONDS. Slowed, never locked.
ADMIN_LOGIN_SLOWDOWN_AFTER = env_int("ADMIN_LOGIN_SLOWDOWN_AFTER", 20)
ADMIN_LOGIN_SLOWDOWN_MAX_SECONDS = env_int("ADMIN_LOGIN_SLOWDOWN_MAX_SECONDS", 60)
# The known-device cookie: how long a browser is remembered, and how many sign-ins an hour it
# may make past a lock (a stolen cookie buys that many guesses, no more).
ADMIN_KNOWN_DEVICE_DAYS = env_int("ADMIN_KNOWN_DEVICE_DAYS", 90)
ADMIN_KNOWN_DEVICE_RATE = os.environ.get("ADMIN_KNOWN_DEVICE_RATE", "10/h")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Korean for everyone, whatever language the browser asks for: no LocaleMiddleware.
LANGUAGE_CODE = "ko-kr"
LOCALE_PATHS = [BASE_DIR / "locale"]  # Korean for django-taggit, which ships none
# Times where no page names a format (the admin's lists and forms): 2026-12-08 12:54, not
# Django's Korean "2026년 12월 8일 12:54 오전". Public pages name their own (news_time).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# The embedded setup serves uploaded media from Django itself; set SERVE_MEDIA=0 when a web
# server or object storage in front serves MEDIA_URL.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Media: on the disk by default (var/media, served by Django itself); MEDIA_STORAGE=s3 keeps
# uploads, renditions and share images in an S3-compatible bucket instead (django-storages,
# newsroom/storage.py), linked from MEDIA_URL: the bucket's own address, or a CDN in front.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in ("filesystem", "s3"):
    raise ImproperlyConfigured("MEDIA_STORAGE must be filesystem or s3.")
if MEDIA_STORAGE == "s3":
    MEDIA_URL = os.environ.get("MEDIA_URL", "")
    if not MEDIA_URL.startswith(("http://", "https://")):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_URL, the bucket's public address.")
    SERVE_MEDIA = False
    _media = urllib.parse.urlsplit(MEDIA_URL)
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "newsroom.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "newsroom-media"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # Links go to MEDIA_URL (a CDN, or the bucket itself), never signed: public files.
            "custom_domain": f"{_media.netloc}{_media.path.rstrip('/')}",
            "url_protocol": f"{_media.scheme}:",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "newsroom.staticfiles.StaticFilesStorage",
        )
    },
}

# Uploads: photos larger than this are refused in the admin form.
PHOTO_MAX_UPLOAD_BYTES = env_int("PHOTO_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 40_000_000)
PHOTO_RENDITION_WIDTHS = (480, 960, 1440)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A reader's repeated visits to one article count as one view within this many seconds.
VIEW_COUNT_WINDOW = env_int("VIEW_COUNT_WINDOW", 60 * 60)
# Views one client address may add to one article (whatever keys its beacons carry): enough for
# an office or a carrier's shared address, too few to push an article into 많이 본 뉴스.
VIEW_RATE_PER_CLIENT_ARTICLE = os.environ.get("VIEW_RATE_PER_CLIENT_ARTICLE", "60/h")

SITE_NAME = os.environ.get("SITE_NAME", "뉴스룸경제")
SITE_URL = os.environ.get("SITE_URL") or f"http://127.0.0.1:{env_int('PORT', 8000)}"

# Public pages (newsroom/cache/pages.py): anonymous GETs are shared by every reader and tagged
# with what they show; a change invalidates exactly those tags (articles/invalidation.py), in
# the server's own cache and in a cache in front. So a page may be kept long: EDGE_MAX_AGE at
# most (and never past midnight: pages show the day), shorter when a part of it changes
# without any write (the side boxes' most-viewed counts, reaction counts).
# PAGE_CACHE=0 bypasses the server's page cache (the responses stay shareable).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
EDGE_MAX_AGE = env_int("EDGE_MAX_AGE", 3600)
# Parts of pages kept apart by tag (an article's body, its related news, the header, the front
# page's lists), also when the page itself is drawn again.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
# The side boxes (많이 본 뉴스 moves with every view, which purges nothing): drawn again this
# often. A page shows them as they were when it was drawn; its script asks for them as they
# are (articles/views/live.py), kept this long.
SIDE_BOXES_CACHE_SECONDS = env_int("SIDE_BOXES_CACHE_SECONDS", 60)
# Reaction counts change with every press, which purges nothing either: the page's script (and
# the frame readers without JavaScript get) asks for them, kept this long.
REACTIONS_LIVE_SECONDS = env_int("REACTIONS_LIVE_SECONDS", 1)
# A page drawn while something it shows changed may hold the state before the change: a cache
# in front keeps it this long only, the server not at all.
CHANGED_WHILE_DRAWN_SECONDS = 1
# The servers' clocks agree within this (NTP on one network does better): a change this close
# to the start of drawing a page counts as made while it was drawn (newsroom/cache/tags.py).
CACHE_CLOCK_MARGIN_MS = env_int("CACHE_CLOCK_MARGIN_MS", 50)
# How long a tag's version is remembered: longer than anything is kept under it.
TAG_VERSION_SECONDS = 2 * max(EDGE_MAX_AGE, FRAGMENT_CACHE_SECONDS, 86_400)
# Search pages (articles/search/), whose addresses anyone can make up without end: the
# server's page cache takes at most this many new ones site-wide per window, so that made-up
# queries never push the other pages out.
SEARCH_PAGE_STORE_RATE = os.environ.get("SEARCH_PAGE_STORE_RATE", "300/m")
# Which articles a list page holds (articles/queries/listing.py): kept this long (an article
# joining or leaving the list purges it), for this many.
LISTING_SECONDS = env_int("LISTING_SECONDS", 3600)
LISTING_IDS_CAP = env_int("LISTING_IDS_CAP", 10_000)

# Work done off the request (django-tasks, the backport of Django 6's django.tasks): purges,
# photo renditions, e-mails, search indexing, view counts. Queued in the database and run by
# `manage.py worker` (newsroom/worker.py; `make run` starts one beside gunicorn).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The cache in front (Varnish, Fastly, Cloudflare; see README "Running beyond one machine").
# CACHE_TAG_HEADER: the header that carries a page's tags to it: "xkey" for Varnish,
# "Surrogate-Key" for Fastly, "Cache-Tag" for Cloudflare; empty without one, and then no page
# names its tags. EDGE_PURGE: how it is told to purge them (newsroom/cache/edge.py).
CACHE_TAG_HEADER = os.environ.get("CACHE_TAG_HEADER", "")
EDGE_PURGE = os.environ.get("EDGE_PURGE", "")
if EDGE_PURGE not in ("", "varnish", "fastly", "cloudflare"):
    raise ImproperlyConfigured("EDGE_PURGE must be varnish, fastly or cloudflare (or empty).")
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS", [])  # each Varnish, e.g. http://127.0.0.1:6081/
EDGE_PURGE_RETRY_MAX_SECONDS = env_int("EDGE_PURGE_RETRY_MAX_SECONDS", 60)
FASTLY_API_URL = os.environ.get("FASTLY_API_URL", "https://api.fastly.com")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")

# Views are counted in the cache and written to the database in batches, at most this many
# seconds or VIEW_FLUSH_EVERY views apart (articles/pageviews.py).
VIEW_FLUSH_SECONDS = env_int("VIEW_FLUSH_SECONDS", 5)
VIEW_FLUSH_EVERY = env_int("VIEW_FLUSH_EVERY", 200)
# Review notifications (articles/notifications.py). The console backend prints them locally.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "뉴스룸 <newsroom@localhost>")

# The visitor cookie identifies an anonymous reader (reactions, comment votes); it is signed.
VISITOR_COOKIE_NAME = "nr_visitor"
VISITOR_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2
# After a reader's own action their pages are rendered for them alone this long, showing it.
FRESH_COOKIE_NAME = "nr_fresh"
FRESH_COOKIE_MAX_AGE = env_int("FRESH_COOKIE_MAX_AGE", 120)
ACTED_COOKIE_NAME = "nr_acted"

# Security: safe defaults that also hold behind plain HTTP on 127.0.0.1.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSP_ENABLED = env_bool("CSP_ENABLED", True)  # newsroom/csp.py: public pages and the admin
# The only hosts a public page may frame: the video players of articles/video.py, loaded when a
# reader presses play (a system check holds the two lists together).
CSP_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://tv.naver.com"]
# 카카오톡 share through Kakao's JavaScript SDK: only with a Kakao app's JavaScript key (its
# site domain registered with Kakao). Then, and only then, article pages load the SDK from
# KAKAO_SDK_URL and the CSP names its host; without a key the button opens the phone's share
# sheet, and is left out where there is none.
KAKAO_JS_KEY = os.environ.get("KAKAO_JS_KEY", "")
KAKAO_SDK_URL = os.environ.get(
    "KAKAO_SDK_URL", "https://t1.kakaocdn.net/kakao_js_sdk/2.7.4/kakao.min.js"
)
# Images come from this site, and from the media's own host when it is elsewhere (a bucket, a
# CDN): the paper's own files, never a third party's.
CSP_IMG_SOURCES = ["'self'", "data:"]
if MEDIA_URL.startswith(("http://", "https://")):
    CSP_IMG_SOURCES.append(f"{_media.scheme}://{_media.netloc}")
SESSION_COOKIE_HTTPONLY = True
# Production turns these on by default (each variable can still turn one off).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
# A load balancer's health probe speaks plain HTTP to the server itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
# How many proxies in front append the client's address to X-Forwarded-For (nginx:
# proxy_add_x_forwarded_for). 0: the connection's address is the client's (newsroom/clients.py).
TRUSTED_PROXY_HOPS = env_int("DJANGO_TRUSTED_PROXY_HOPS", 0)
# Every limit counts an IPv6 client by its network of this many bits: one subscriber is handed a
# whole /64 and can take a new address from it for every request (newsroom/clients.py).
IPV6_CLIENT_PREFIX = env_int("IPV6_CLIENT_PREFIX", 64)
if env_bool("DJANGO_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every log line names its request (newsroom/requestid.py): id, method and path, never the
# query, body, cookies or client address. Django's mail_admins handler, which mails the whole
# request, is not used.
TRUST_REQUEST_ID_HEADER = env_bool("DJANGO_TRUST_REQUEST_ID")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "newsroom.requestid.RequestContextFilter"}},
    "formatters": {
        "request": {
            "format": "%(levelname)s %(name)s [%(request_id)s %(method)s %(path)s] %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": "request",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's loggers reach the console through the root; mail_admins is dropped.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# Rate limits and once-per-window marks: in Redis with REDIS_URL, else in this file, shared by
# every process on the machine (newsroom/counters.py).
RATE_LIMIT_FILE = Path(os.environ.get("RATE_LIMIT_FILE", VAR_DIR / "counters.sqlite3"))

# Reactions: presses allowed per visitor (signed cookie) and per client address (keyed hash),
# as "count/period" with period s, m, h or d. The address limit is generous because offices and
# mobile carriers put many readers behind one address; a load test raises both from the env.
REACTION_RATE_PER_VISITOR = os.environ.get("REACTION_RATE_PER_VISITOR", "60/m")
REACTION_RATE_PER_CLIENT = os.environ.get("REACTION_RATE_PER_CLIENT", "600/m")
# Presses one address may make on one article, and votes on one comment, whatever its cookies:
# room for an office of a few hundred readers, not for a script that drops its cookie.
REACTION_RATE_PER_CLIENT_ARTICLE = os.environ.get("REACTION_RATE_PER_CLIENT_ARTICLE", "300/h")

# Comments (DESIGN.md §4). Lengths count characters as a person sees them (grapheme clusters).
# Rates are "count/period" (s, m, h or d); the address limit is generous because offices and
# mobile carriers put many readers behind one address. Votes, reports and deletes share the
# ACTION limits.
COMMENT_MAX_LENGTH = 300
COMMENT_NICKNAME_MAX_LENGTH = 12
COMMENT_PAGE_SIZE = env_int("COMMENT_PAGE_SIZE", 20)
COMMENT_REPORT_THRESHOLD = env_int("COMMENT_REPORT_THRESHOLD", 3)
COMMENT_MIN_FILL_SECONDS = env_int("COMMENT_MIN_FILL_SECONDS", 3)
COMMENT_MAX_LINKS = env_int("COMMENT_MAX_LINKS", 2)
COMMENT_RATE_PER_VISITOR = os.environ.get("COMMENT_RATE_PER_VISITOR", "5/m")
COMMENT_RATE_PER_CLIENT = os.environ.get("COMMENT_RATE_PER_CLIENT", "60/m")
COMMENT_RATE_PER_ARTICLE = os.environ.get("COMMENT_RATE_PER_ARTICLE", "120/m")
COMMENT_ACTION_RATE_PER_VISITOR = os.environ.get("COMMENT_ACTION_RATE_PER_VISITOR", "60/m")
COMMENT_ACTION_RATE_PER_CLIENT = os.environ.get("COMMENT_ACTION_RATE_PER_CLIENT", "600/m")
COMMENT_VOTE_RATE_PER_CLIENT_COMMENT = os.environ.get(
    "COMMENT_VOTE_RATE_PER_CLIENT_COMMENT", "30/h"
)
# Tries at a comment's delete password, counted per address (an IPv6 /64) before hashing: at
# one comment, and at any. Never per comment alone, or anyone's wrong guesses would stop its
# writer deleting it.
COMMENT_DELETE_RATE_PER_CLIENT_COMMENT = os.environ.get(
    "COMMENT_DELETE_RATE_PER_CLIENT_COMMENT", "5/h"
)
COMMENT_DELETE_RATE_PER_CLIENT = os.environ.get("COMMENT_DELETE_RATE_PER_CLIENT", "30/h")
# The same text from the same address is refused within this many seconds.
COMMENT_REPEAT_WINDOW = env_int("COMMENT_REPEAT_WINDOW", 600)
