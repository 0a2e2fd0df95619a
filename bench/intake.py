"""Benchmark intake as it surges: filings per second under gunicorn, and what a filing and a
300-listing notice cost in SQL statements; one JSON line.

On a PostgreSQL database of its own (DATABASE_URL names the server), Redress runs as in production
(gunicorn, 2 gthread workers, REDRESS_ENV=production, rate limits in Redis database 13, one trusted
proxy) and CLIENTS clients post complaints to `POST /api/v1/complaints` for SECONDS seconds, each
request from its own address (X-Forwarded-For), NLP inline. Then the bare app of bench.bare_intake
(the same JSON parsed, one INSERT) takes the same load. Every 201 must be one stored complaint and
nothing else stored. `ratio` = Redress filings/s ÷ bare inserts/s (aim: at least 0.25).

In-process, on the same database: SQL statements per filing (an SQLAlchemy event listener over
FILINGS filings; aim: at most 12) and per listing of one 300-listing notice, with its time.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine

import core
from bench.cases import own_database
from core import migrate
from core.config import Config
from core.db import engine, session
from core.demo import load_demo_data
from core.users import find_user_by_email
from ipr.demo import HOLDER_EMAIL
from ipr.models import Channel, IpRight
from ipr.services.filing import NewNotice, file_notice
from ipr.services.listing_input import ReportedListing
from wsgi import PACKAGES

CLIENTS = 16
SECONDS = 20
FILINGS = 30
LISTINGS = 300
REDIS_DB = 13
ROOT = Path(__file__).resolve().parent.parent
TEXTS = (
    (
        "en",
        "Ordered a pair of running shoes, paid 89 EUR, the parcel never came and the shop "
        "stopped answering after two weeks. Tracking shows nothing since it left Shenzhen.",
    ),
    (
        "en",
        "The power bank I got swells when charging and got very hot on my desk, I am afraid "
        "it will catch fire. Seller says it is normal and will not take it back.",
    ),
    (
        "en",
        "Charged twice for the same order of phone cases, the bank shows two payments of "
        "23.50 and the store only refunds one of them.",
    ),
    ("zh", "买的蓝牙耳机用了三天就没声音了，联系客服一直不回，申请退货也被拒绝，太差了。"),
    ("zh", "收到的包和图片完全不一样，颜色不对做工很差，怀疑是假货，商家不给退款。"),
)
# Openers and closers vary the texts as real ones vary: the same few grievances, told differently.
OPENERS = (
    "Hello,",
    "I need help with an order.",
    "Writing for the second time now.",
    "This is about my purchase last month.",
    "Dear team,",
    "Please read this, nobody at the shop answers.",
    "Complaint about an online shop.",
)
CLOSERS = (
    "I want my money back.",
    "Please help me, I have tried everything.",
    "What can I do now?",
    "I attached screenshots of the chat.",
    "This is not acceptable.",
    "I would accept a replacement.",
    "Thank you for looking into it.",
    "I have waited long enough.",
    "They ignore every message I send.",
    "My card statement shows the payment.",
    "Please tell me my rights here.",
)
SELLERS = ("Shenzhen Bright Store", "Lucky Home Goods", "杭州优品贸易有限公司", "Northwind Outlet")
PLATFORMS = ("AliExpress", "Temu", "淘宝", "Amazon")


def _body(n: int) -> dict[str, Any]:
    language, description = TEXTS[n % len(TEXTS)]
    return {
        "consumer": {
            "name": f"Bench Consumer {n}",
            "email": f"c{n}@bench.example",
            "country": "DE",
        },
        "platform": PLATFORMS[n % len(PLATFORMS)],
        "seller": {"name": SELLERS[(n // 3) % len(SELLERS)]},
        "order_number": f"BENCH-{n:08d}",
        "purchase_date": "2026-01-15",
        "amount": "49.99",
        "currency": "EUR",
        "description": f"{OPENERS[n % len(OPENERS)]} {description} {CLOSERS[n % len(CLOSERS)]}",
        "desired_resolution": "refund",
        "consent_forward_to_seller": True,
        "language": language,
    }


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count_one(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count_one)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count_one)


def _in_process(url: str) -> dict[str, Any]:
    """Migrate, load the demo, then count statements per filing and per listing."""
    app = core.create_app(Config.from_env(redress_env="testing", database_url=url), PACKAGES)
    with app.app_context():
        migrate.upgrade(engine())
        load_demo_data()
        session.commit()
    client = app.test_client()
    bodies = [_body(1_000_000 + n) for n in range(FILINGS + 1)]
    client.post("/api/v1/complaints", json=bodies.pop())  # warm: model loaded, caches filled
    with app.app_context(), _statements(engine()) as seen:
        for n, body in enumerate(bodies):
            address = {"REMOTE_ADDR": f"10.9.{n // 250}.{n % 250 + 1}"}
            answer = client.post("/api/v1/complaints", json=body, environ_base=address)
            assert answer.status_code == 201, answer.get_json()
    per_filing = len(seen) / FILINGS
    with app.app_context():
        holder = find_user_by_email(HOLDER_EMAIL)
        right = session.scalar(select(IpRight.id).order_by(IpRight.id))
        notice = NewNotice(
            rights=(right,),
            description="Copies of our BRIGHTLINE earbuds sold with our logo on the box.",
            listings=tuple(
                ReportedListing(
                    url=f"https://www.aliexpress.com/item/{1005000000000 + n}.html",
                    explanation="Our registered mark on a product we never made.",
                    platform="AliExpress",
                    seller=f"Shop{1102000000 + n // 10} Store",
                )
                for n in range(LISTINGS)
            ),
            good_faith=True,
            accurate=True,
            signature="Helen Holder, brand protection manager",
        )
        with _statements(engine()) as listing_statements:
            began = time.perf_counter()
            file_notice(holder, notice, Channel.API)
            session.commit()
            notice_s = time.perf_counter() - began
    return {
        "statements_per_filing": round(per_filing, 1),
        "notice_ms_per_listing": round(notice_s * 1000 / LISTINGS, 2),
        "statements_per_listing": round(len(listing_statements) / LISTINGS, 1),
    }


@contextmanager
def _gunicorn(app: str, env: dict[str, str], config: str) -> Iterator[int]:
    port = 20000 + secrets.randbelow(20000)
    log = open(os.devnull, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            config,
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=log,
    )
    try:
        for _ in range(120):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
                break
            except OSError:
                time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def _load(port: int, first: int) -> dict[str, Any]:
    """CLIENTS keep-alive clients posting for SECONDS; each request from an address of its own."""
    numbers = count(first)
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    answers: list[dict[str, Any]] = []
    warm_until = time.perf_counter() + 2
    stop = warm_until + SECONDS

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (now := time.perf_counter()) < stop:
            with lock:
                n = next(numbers)
            payload = json.dumps(_body(n))
            headers = {
                "Content-Type": "application/json",
                "X-Forwarded-For": f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}",
            }
            connection.request("POST", "/api/v1/complaints", payload, headers)
            response = connection.getresponse()
            answer = json.loads(response.read() or b"{}")
            took = time.perf_counter() - now
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status == 201:
                    answers.append(answer)
                    if now >= warm_until:
                        latencies.append(took)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "per_s": len(latencies) / SECONDS,
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1) if latencies else None,
        "statuses": statuses,
        "answers": answers,
    }


def _count(url: str, table: str, create: str = "") -> int:
    """Rows in `table` (made first, with columns `create`, when given)."""
    database = create_engine(url)
    try:
        with database.begin() as connection:
            if create:
                connection.execute(text(f"CREATE TABLE {table} {create}"))
            return int(connection.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
    finally:
        database.dispose()


def _stored(url: str, references: list[str]) -> int:
    database = create_engine(url)
    try:
        with database.connect() as connection:
            return int(
                connection.scalar(
                    text("SELECT count(*) FROM cases WHERE reference = ANY(:refs)"),
                    {"refs": references},
                )
                or 0
            )
    finally:
        database.dispose()


def main() -> None:
    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    with own_database("intake") as url:
        figures = _in_process(url)
        before = _count(url, "complaints")
        production = {
            "REDRESS_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "DATABASE_URL": url,
            "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "TRUSTED_PROXIES": "1",
            "MAIL_SERVER": "",
        }
        with _gunicorn("wsgi:create_app()", production, "gunicorn.conf.py") as port:
            redress = _load(port, first=0)
        references = [a["reference"] for a in redress["answers"]]
        if _stored(url, references) != len(references):
            sys.exit("bench.intake: a complaint answered 201 is not stored")
        if _count(url, "complaints") != before + len(references):
            sys.exit("bench.intake: complaints were stored beyond those answered 201")
        bare_env = {"DATABASE_URL": url}
        _count(url, "bare_filings", create="(id serial PRIMARY KEY, body text NOT NULL)")
        with _gunicorn("bench.bare_intake:app", bare_env, "/dev/null") as port:
            bare = _load(port, first=0)
        if _count(url, "bare_filings") != len(bare["answers"]):
            sys.exit("bench.intake: the bare app's 201s and its stored rows differ")
    print(
        json.dumps(
            {
                "bench": "intake",
                "database": "postgresql",
                "workers": 2,
                "clients": CLIENTS,
                "seconds": SECONDS,
                "redress_filings_per_s": round(redress["per_s"], 1),
                "redress_p50_ms": redress["p50_ms"],
                "redress_p99_ms": redress["p99_ms"],
                "redress_statuses": redress["statuses"],
                "bare_inserts_per_s": round(bare["per_s"], 1),
                "bare_p50_ms": bare["p50_ms"],
                "bare_p99_ms": bare["p99_ms"],
                **figures,
                "ratio": round(redress["per_s"] / bare["per_s"], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
