"""Notices and listings in the quarter's report and the open data (hand-computed).

- A trademark notice from a holder in good standing since September reports two listings, both
  filed Mon 12 Oct 2026 (2 working days to decide each):
  L1 taken down Tue 13 Oct (1 working day, in time); counter-noticed, forwarded, restored 30 Oct.
  L2 rejected Mon 19 Oct (5 working days, late).
- The holder was suspended for misuse on 20 Oct.
"""

from __future__ import annotations

import csv
import io
import json

from flask import Flask

from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.filing import open_case
from casework.services.transitions import transition
from core import clock
from core.db import session
from core.models import Role, User
from core.passwords import hash_password
from insight.services.opendata import export_open_data, folder
from insight.services.rollups import rebuild
from ipr.models import (
    Capacity,
    Channel,
    Listing,
    MisuseKind,
    MisuseMeasure,
    Notice,
    RightsHolder,
    StandingChange,
)
from tests.conftest import PASSWORD
from tests.factories import shanghai

HOLDER_PERSONAL = (
    "Jane Counsel",
    "jane.counsel@acme-brands.example",
    "+1 555 0100",
    "1 Brand Street",
)


def _seed(app: Flask) -> dict[str, str]:
    with app.app_context():
        officer = User(
            email="ipr-sup@example.org",
            name="Ipr Supervisor",
            role=Role.SUPERVISOR,
            password_hash=hash_password(PASSWORD),
        )
        member = User(
            email="jane.counsel@acme-brands.example",
            name="Jane Counsel",
            role=Role.RIGHTS_HOLDER,
            password_hash=hash_password(PASSWORD),
        )
        holder = RightsHolder(
            legal_name="Acme Brands Ltd",
            country="US",
            address="1 Brand Street",
            contact_name="Jane Counsel",
            contact_email="jane.counsel@acme-brands.example",
            contact_phone="+1 555 0100",
            capacity=Capacity.OWNER,
        )
        session.add_all([officer, member, holder])
        session.flush()
        session.add(
            StandingChange(
                holder_id=holder.id,
                at=shanghai("2026-09-01 00:00"),
                good_standing=True,
                decided=10,
                taken_down=10,
                reversed=0,
                reason="test",
            )
        )
        clock.set_now(shanghai("2026-10-12 09:00"))
        notice = Notice(
            reference="IP-2026-900001",
            holder_id=holder.id,
            submitted_by_id=member.id,
            channel=Channel.WEB,
            description="Counterfeit Acme goods.",
            good_faith=True,
            accurate=True,
            signature="Jane Counsel",
            infringement_type="trademark",
            created_at=clock.now(),
        )
        session.add(notice)
        session.flush()
        listings = []
        for position in (1, 2):
            listing = Listing(
                kind="ipr_listing",
                notice_id=notice.id,
                position=position,
                url=f"https://market.example/item/{position}",
                url_key=f"market.example/item/{position}",
                explanation="Logo copied.",
                category="trademark",
                language="en",
                reference=f"IP-2026-900001-00{position}",
            )
            open_case(listing)
            listings.append(listing)
        session.commit()
        l1, l2 = listings
        for when, case, target, actor in (
            ("2026-10-13 09:00", l1, "taken_down", officer),
            ("2026-10-15 09:00", l1, "counter_noticed", Actor("seller")),
            ("2026-10-16 09:00", l1, "awaiting_proof", officer),
            ("2026-10-30 09:00", l1, "restored", SYSTEM_ACTOR),
            ("2026-10-19 09:00", l2, "rejected", officer),
        ):
            clock.set_now(shanghai(when))
            transition(
                case, target, actor, "Not enough evidence." if target == "rejected" else None
            )
            session.commit()
        session.add(
            MisuseMeasure(
                holder_id=holder.id,
                kind=MisuseKind.SUSPENSION,
                reasons="Unfounded notices.",
                decided_by_id=officer.id,
                decided_at=shanghai("2026-10-20 10:00"),
            )
        )
        clock.set_now(shanghai("2026-11-02 12:00"))
        rebuild(clock.now())
        session.commit()
        return {"l1": l1.reference, "l2": l2.reference}


def test_notices_in_the_quarter_report(app, client) -> None:
    _seed(app)
    report = client.get("/transparency/2026-Q4.json").get_json()
    assert report["notices"]["received_by_type"] == [{"type": "trademark", "notices": 1}]
    assert report["notices"]["share_from_holders_in_good_standing"] == 100.0
    assert report["notices"]["misuse_suspensions"] == 1
    assert sorted((d["decision"], d["listings"]) for d in report["listing_decisions"]) == [
        ("rejected", 1),
        ("taken_down", 1),
    ]
    assert report["median_working_days_to_decide_a_listing"] == 3.0  # 1 and 5
    assert (report["counter_notices"], report["restorations"]) == (1, 1)
    text = json.dumps(report) + client.get("/transparency/2026-Q4").get_data(as_text=True)
    for value in HOLDER_PERSONAL:
        assert value not in text


def test_decided_listings_in_the_open_data(app, client) -> None:
    refs = _seed(app)
    with app.app_context():
        export_open_data(clock.now())
        files = {
            name: (folder() / name).read_text(encoding="utf-8")
            for name in ("notices.csv", "notices.json")
        }
    rows = {row["listing_id"]: row for row in csv.DictReader(io.StringIO(files["notices.csv"]))}
    assert rows[refs["l1"]]["decision"] == "taken_down"
    assert rows[refs["l1"]]["timely"] == "yes"
    assert rows[refs["l1"]]["current_state"] == "restored"
    assert rows[refs["l2"]]["decision"] == "rejected" and rows[refs["l2"]]["timely"] == "no"
    assert rows[refs["l1"]]["infringement_type"] == "trademark"
    for text in files.values():
        for value in HOLDER_PERSONAL:
            assert value not in text
