"""Lists name the consumer, the seller and the subject of each case, read for the whole page at
once: the queries a page costs do not grow with the cases on it."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from core.models import Role
from tests.complaints.walk import file, known_seller
from tests.conftest import sign_in
from tests.factories import at, make_queue


@contextmanager
def counted(app):
    """Count the SQL statements run meanwhile."""
    engine = app.extensions["redress.db"].engine
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_lists_show_consumer_seller_and_subject_at_a_fixed_cost(app, client, make_user) -> None:
    known_seller(app)
    with app.app_context():
        make_queue(name="Complaints", rule={"kind": "complaint", "position": 1})
    at("2026-03-02 10:00")
    reference, _token = file(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    html = staff.get("/officer/cases").get_data(as_text=True)
    row = html.split(f">{reference}<", 1)[1].split("</tr>", 1)[0]
    assert "Anna Berg" in row and "Shenzhen Bright Store" in row
    assert "I ordered wireless earbuds on AliExpress" in row  # the subject, cut short
    with counted(app) as few:
        staff.get("/officer/cases")
    for number in range(12):
        file(
            client,
            order_number=f"81234{number:05d}",
            consumer={
                "name": f"Consumer {number}",
                "email": f"c{number}@example.org",
                "phone": None,
                "country": "DE",
            },
        )
    with counted(app) as many:
        html = staff.get("/officer/cases").get_data(as_text=True)
    assert "Consumer 11" in html
    assert len(many) <= len(few) + 2, (len(few), len(many))
