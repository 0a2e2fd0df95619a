"""Redress core: the app factory and the services every domain package plugs into."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from types import ModuleType

from flask import Flask, Response
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from core import api as core_api
from core import cli, db, errors, headers, input_guard, logs, metrics, scheduler, transaction
from core.account_views import bp as account_bp
from core.admin import bp as admin_bp
from core.api import register_api
from core.api_tokens import TokenScope, register_token_scope
from core.api_views import ACCOUNT_SCOPE
from core.api_views import blp as account_api
from core.auth_views import bp as auth_bp
from core.config import PROJECT_ROOT, Config
from core.converters import IdConverter
from core.countries import country_name
from core.demo import load_demo_users, register_demo_loader
from core.extensions import babel, csrf, limiter, login_manager
from core.files import bp as files_bp
from core.files import sweep_files
from core.forms import ROLE_LABELS
from core.health import bp as health_bp
from core.i18n import LANGUAGE_NAMES, select_locale, select_timezone
from core.jobs import Job, register_jobs
from core.mail import deliver_mail_job, purge_sent_mail_job, send_committed_mail_after
from core.models import Role
from core.security_views import bp as security_bp
from core.sessions import load_session_user
from core.storage import store_from_url
from core.views import bp as core_bp
from core.views import register_core_start_points

__all__ = ["Config", "create_app"]


def create_app(config: Config | None = None, packages: Iterable[ModuleType] = ()) -> Flask:
    """Build the Flask app from `config` (default: the environment) and the domain `packages`."""
    config = config or Config.from_env()
    config.check()
    app = Flask(
        __name__,
        instance_path=config.instance_path,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(config.flask_settings())
    app.url_map.converters["id"] = IdConverter
    app.extensions["redress.config"] = config
    app.extensions["redress.file_store"] = store_from_url(
        config.storage_url, config.instance_path, web_roots=(PROJECT_ROOT / "static",)
    )
    if config.trusted_proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=config.trusted_proxies,
            x_proto=config.trusted_proxies,
            x_host=config.trusted_proxies,
        )
    logs.configure_logging(config.is_development)
    logs.init_app(app)  # first: every later hook's log lines carry the request id
    metrics.init_app(app)

    db.init_app(app, config.sqlalchemy_url)
    _init_extensions(app)
    errors.init_app(app)
    headers.init_app(app)
    input_guard.init_app(app)
    cli.init_app(app)
    core_api.init_app(app)
    for blueprint in (core_bp, health_bp, auth_bp, admin_bp, account_bp, security_bp, files_bp):
        app.register_blueprint(blueprint)
    register_api(app, account_api)
    register_token_scope(
        app, TokenScope(ACCOUNT_SCOPE, _l("Read my account and tokens"), frozenset(Role))
    )
    register_jobs(app, CORE_JOBS)
    register_core_start_points(app)
    register_demo_loader(app, load_demo_users)

    for package in packages:
        package.init_app(app)
    transaction.init_app(app)  # last: its hook runs first, before mail goes out
    if config.scheduler_in_process:
        _start_scheduler_with_first_request(app)
    return app


CORE_JOBS = (
    Job(
        "deliver_mail",
        "every 1m",
        deliver_mail_job,
        "Send the outbox; retry what failed, with backoff.",
    ),
    Job(
        "purge_sent_mail",
        "25 3 * * *",
        purge_sent_mail_job,
        "Empty the text of mail sent longer ago than MAIL_BODY_RETENTION_DAYS.",
    ),
    Job(
        "sweep_files",
        "40 3 * * *",
        sweep_files,
        "Remove stored files that no case, notice or record uses any more.",
    ),
)


def _start_scheduler_with_first_request(app: Flask) -> None:
    """Development server only: run the scheduler in the process that serves requests.

    The reloader's watching process never serves a request, so the scheduler starts once.
    """
    started = threading.Lock()

    @app.before_request
    def _start_once() -> None:
        if started.acquire(blocking=False):
            scheduler.start_in_background(app)


def _init_extensions(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.globals["country_name"] = country_name  # macros get globals, not context
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None  # the sign-in page explains itself
    login_manager.session_protection = "basic"

    # The id Flask-Login keeps (session and remember cookie) is a server-side session's raw id.
    login_manager.user_loader(load_session_user)

    @app.context_processor
    def _template_globals() -> dict[str, object]:
        return {
            "LANGUAGE_NAMES": LANGUAGE_NAMES,
            "Role": Role,
            "ROLE_LABELS": ROLE_LABELS,
            "current_locale": select_locale,
        }

    @app.after_request
    def _after_request(response: Response) -> Response:
        send_committed_mail_after(response)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'",
        )
        return response
