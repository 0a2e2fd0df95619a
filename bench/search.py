"""Benchmark case search at 10,000 and at 1,000,000 cases on PostgreSQL; one JSON line.

The generated cases get texts from a small vocabulary: a common word (in a third of them), a rare
word (one in 10,000) and a Chinese three-character term (one in five). An officer searches
/officer/cases?q=... for each; server time is the median of several requests through the app.
`ratio` is the total at 1,000,000 cases divided by the total at 10,000 (aim: below 3).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Flask
from sqlalchemy import text

from bench.cases import NOW, bench_app, generate_cases
from bench.queue import _signed_in, _timings
from core import clock
from core.db import session

SMALL, LARGE = 10_000, 1_000_000
QUERIES = {
    name: urlencode({"q": term})
    for name, term in (
        ("rare_word", "zirconium"),
        ("common_word", "refund"),
        ("chinese_term", "蓝牙耳"),
    )
}
TEXTS = text("""
    UPDATE cases SET search_text = reference || ' parcel from the shop '
        || CASE WHEN id % 3 = 0 THEN 'refund asked ' ELSE 'still waiting ' END
        || CASE WHEN id % 10000 = 7 THEN 'zirconium watch ' ELSE 'watch ' END
        || CASE WHEN id % 5 = 0 THEN '买的蓝牙耳机坏了' ELSE '快递太慢了' END
    WHERE id >= :first
""")


def _texts(app: Flask, first: int) -> None:
    with app.app_context():
        session.execute(TEXTS, {"first": first})
        session.commit()
        session.connection().exec_driver_sql("ANALYZE cases")
        session.commit()


def main() -> None:
    with bench_app("search") as app:
        clock.set_now(NOW)
        with app.app_context():
            generate_cases(SMALL)
        _texts(app, 1)
        client = _signed_in(app)
        small = _timings(client, QUERIES)
        with app.app_context():
            generate_cases(LARGE - SMALL)
        _texts(app, SMALL + 1)
        large = _timings(client, QUERIES)
    print(
        json.dumps(
            {
                "bench": "search",
                "database": "postgresql",
                "unit": "ms (median server time)",
                "small_cases": SMALL,
                "large_cases": LARGE,
                "small_ms": small,
                "large_ms": large,
                "ratio": round(sum(large.values()) / sum(small.values()), 3),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
