"""gunicorn's settings, read from the working directory (the checkout) whatever the command line.

Threaded workers (gthread): a client that sends its request slowly, or half of it and then
nothing, holds one thread, not a whole worker; with sync workers four such connections stalled
a four-worker site. Each worker has THREADS threads (default 8): `--workers N` and `--threads N`
on the command line still win. Behind nginx with request buffering (docs/deploy.md) slow clients
never reach gunicorn at all.

Several workers in production need shared rate limits (Redis): with memory:// each worker counts
on its own, so gunicorn refuses to start (on_starting below).

gunicorn's own access log stays off (Redress writes a request line of its own); when an operator
turns it on (`--access-logfile`), its lines have secret links redacted like every other log.
"""

import os
from typing import Any

from gunicorn.glogging import Logger

from core.config import Config
from core.logs import redact_secrets

worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))


class RedactingLogger(Logger):
    """gunicorn's logger, with the request line, path, query and headers of each access line
    cleared of secret links (a tracking token in a query, a seller's key in a path)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        found = super().atoms(resp, req, environ, request_time)
        return {
            name: redact_secrets(value) if isinstance(value, str) else value
            for name, value in found.items()
        }


logger_class = RedactingLogger


def on_starting(server: Any) -> None:
    """Refuse to serve production from several workers that would each count the rate limits
    on their own (memory://): 20 filings an hour would become 20 per worker, unwarned."""
    config = Config.from_env()
    if (
        server.cfg.workers > 1
        and not config.is_development
        and config.ratelimit_storage_uri.startswith("memory://")
    ):
        raise SystemExit(
            f"RATELIMIT_STORAGE_URI=memory:// counts limits in each of the {server.cfg.workers}"
            " workers apart: set RATELIMIT_STORAGE_URI=redis://host:6379/N (pip install"
            " 'redress[redis]'), or run one worker"
        )
