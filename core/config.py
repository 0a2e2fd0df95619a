"""Typed, frozen configuration read from the environment once, at start-up."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

Environment = Literal["development", "testing", "production"]
DEFAULT_SECRET_KEY = "redress-development-only"  # noqa: S105 - refused outside development
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says what to set."""


def _as_bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True, slots=True)
class Config:
    """Everything Redress can be told from outside: each field is read from its upper-cased name."""

    redress_env: Environment = "production"
    secret_key: str = DEFAULT_SECRET_KEY
    instance_path: str = str(PROJECT_ROOT / "instance")
    database_url: str = ""  # empty: SQLite in the instance folder
    # Files: file:///folder (empty: <instance>/files) or s3://bucket/prefix (core.storage).
    storage_url: str = ""
    # Mail: without MAIL_SERVER every message is written to the log instead of sent.
    mail_server: str = ""
    mail_port: int = 25
    mail_username: str = ""
    mail_password: str = ""
    mail_use_tls: bool = False
    mail_use_ssl: bool = False
    mail_sender: str = "Redress <noreply@redress.example>"
    mail_timeout_s: int = 10
    mail_message_id_domain: str = ""  # right of the @ in Message-IDs; empty: MAIL_SENDER's domain
    mail_lease_s: int = 600  # a message claimed this long ago (its sender died) is sent again
    mail_body_retention_days: int = 30  # then a sent message keeps its headers, not its text
    # Throttling: memory:// serves one process; use redis://host:6379 when several workers run.
    ratelimit_storage_uri: str = "memory://"
    login_rate_limit: str = "5 per minute"
    api_rate_limit: str = "120 per minute"  # per API token (or per address without one)
    api_address_rate_limit: str = "600 per minute"  # per address, whatever the token
    password_reset_max_age_s: int = 3600
    api_token_days: int = 365  # a new API token expires after this many days unless told otherwise
    session_lifetime_hours: int = 12  # a session without "keep me signed in" ends after this
    # Idle time-outs (core.sessions): staff sessions end sooner when nobody uses them.
    session_idle_minutes_staff: int = 120
    session_idle_minutes: int = 720
    remember_days: int = 7  # "keep me signed in": the session ends this long after sign-in
    # Lockout: after LOCKOUT_THRESHOLD failures in a row an address waits LOCKOUT_FIRST_S seconds,
    # doubling with each further failure up to LOCKOUT_MAX_S (core.lockout).
    lockout_threshold: int = 5
    lockout_first_s: int = 60
    lockout_max_s: int = 3600
    # Officers, supervisors and admins must turn on a second factor before anything else.
    # Unset: on in production, off in development and testing.
    require_staff_totp: bool | None = None
    max_upload_mb: int = 110
    public_base_url: str = "http://127.0.0.1:5000"
    trusted_proxies: int = 0  # how many reverse proxies set X-Forwarded-* in front of us
    # Jobs: "name=schedule;name=schedule" replaces declared schedules (crontab or "every 30s").
    job_schedules: str = ""
    scheduler_in_process: bool = False  # `make run` only: the dev server runs the scheduler too
    # /metrics answers a bearer METRICS_TOKEN, or addresses in METRICS_ALLOW ("10.0.0.0/8,::1").
    metrics_token: str = ""
    metrics_allow: str = ""
    retention_days: int = 3 * 365  # closed cases keep personal data this long, then anonymised

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Config:
        """Build a config from environment variables, then apply explicit overrides."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = environ.get(field.name.upper())
            if raw is None:
                continue
            if field.type == "bool":
                values[field.name] = _as_bool(raw)
            elif field.type == "bool | None":  # empty: let the environment decide
                values[field.name] = _as_bool(raw) if raw.strip() else None
            elif field.type == "int":
                try:
                    values[field.name] = int(raw)
                except ValueError as exc:
                    raise ConfigError(f"{field.name.upper()} must be a whole number") from exc
            else:
                values[field.name] = raw
        return replace(cls(**values), **overrides)

    @property
    def is_development(self) -> bool:
        return self.redress_env in ("development", "testing")

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            # Accept the URLs hosting providers hand out; we speak psycopg 3.
            for prefix in ("postgres://", "postgresql://"):
                if self.database_url.startswith(prefix):
                    return "postgresql+psycopg://" + self.database_url[len(prefix) :]
            return self.database_url
        return f"sqlite:///{Path(self.instance_path) / 'redress.sqlite3'}"

    def check(self) -> None:
        """Refuse settings that would be unsafe in production."""
        if self.redress_env not in ("development", "testing", "production"):
            raise ConfigError("REDRESS_ENV must be development, testing or production")
        if not self.is_development and self.secret_key == DEFAULT_SECRET_KEY:
            raise ConfigError(
                "SECRET_KEY is the development default. Set SECRET_KEY to a long random value "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
                "or set REDRESS_ENV=development on a developer machine."
            )
        if len(self.secret_key) < 16:
            raise ConfigError("SECRET_KEY must be at least 16 characters long")
        for setting, value, extra, module in (
            ("RATELIMIT_STORAGE_URI", self.ratelimit_storage_uri, "redis", "redis"),
            ("STORAGE_URL", self.storage_url, "s3", "boto3"),
        ):
            if value.startswith(f"{extra}") and importlib.util.find_spec(module) is None:
                raise ConfigError(
                    f"{setting}={extra}://... needs {module}: pip install 'redress[{extra}]'"
                )

    def job_schedule_overrides(self) -> dict[str, str]:
        pairs = (item.split("=", 1) for item in self.job_schedules.split(";") if "=" in item)
        return {name.strip(): schedule.strip() for name, schedule in pairs}

    def flask_settings(self) -> dict[str, Any]:
        """The subset Flask and its extensions read from app.config."""
        secure_cookies = self.redress_env == "production"
        return {
            "SECRET_KEY": self.secret_key,
            "TESTING": self.redress_env == "testing",
            "MAX_CONTENT_LENGTH": self.max_upload_mb * 1024 * 1024,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": secure_cookies,
            "REMEMBER_COOKIE_HTTPONLY": True,
            "REMEMBER_COOKIE_SAMESITE": "Lax",
            "REMEMBER_COOKIE_SECURE": secure_cookies,
            "PERMANENT_SESSION_LIFETIME": timedelta(hours=self.session_lifetime_hours),
            "PASSWORD_RESET_MAX_AGE_S": self.password_reset_max_age_s,
            "SESSION_ABSOLUTE_HOURS": self.session_lifetime_hours,
            "SESSION_IDLE_MINUTES_STAFF": self.session_idle_minutes_staff,
            "SESSION_IDLE_MINUTES": self.session_idle_minutes,
            "REMEMBER_DAYS": self.remember_days,
            "REMEMBER_COOKIE_DURATION": timedelta(days=self.remember_days),
            "LOCKOUT_THRESHOLD": self.lockout_threshold,
            "LOCKOUT_FIRST_S": self.lockout_first_s,
            "LOCKOUT_MAX_S": self.lockout_max_s,
            "REQUIRE_STAFF_TOTP": (
                not self.is_development
                if self.require_staff_totp is None
                else self.require_staff_totp
            ),
            "LOGIN_RATE_LIMIT": self.login_rate_limit,
            "RATELIMIT_STORAGE_URI": self.ratelimit_storage_uri,
            "RATELIMIT_HEADERS_ENABLED": True,
            "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
            "BABEL_DEFAULT_LOCALE": "en",
            "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        }
