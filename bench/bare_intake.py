"""The yardstick of bench.intake: a bare Flask + SQLAlchemy endpoint that parses the same JSON
body as POST /api/v1/complaints and stores it as one row, served by gunicorn like Redress.

    DATABASE_URL=postgresql+psycopg://... gunicorn -c /dev/null -k gthread bench.bare_intake:app
"""

from __future__ import annotations

import json
import os

from flask import Flask, request
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, insert

metadata = MetaData()
filings = Table(
    "bare_filings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text, nullable=False),
)
engine = create_engine(os.environ["DATABASE_URL"], pool_size=10, max_overflow=10)
app = Flask(__name__)


@app.post("/api/v1/complaints")
def file_complaint() -> tuple[dict[str, int], int]:
    body = request.get_json()
    with engine.begin() as connection:
        row = connection.execute(
            insert(filings).values(body=json.dumps(body)).returning(filings.c.id)
        )
        return {"id": row.scalar_one()}, 201
