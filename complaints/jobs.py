"""The complaint jobs (DESIGN.md section 4): the deadlines that act by themselves. Their bodies
are in `complaints.services.deadlines`."""

from __future__ import annotations

from complaints.services.deadlines import (
    close_ended_complaints,
    mediation_overdue,
    odr_lane_overdue,
    seller_answer_overdue,
)
from core.jobs import Job

JOBS = (
    Job(
        "complaint_seller_deadline",
        "*/15 * * * *",
        seller_answer_overdue,
        "Complaints the seller did not answer in time go to mediation and count on its record",
    ),
    Job(
        "complaint_odr_deadline",
        "*/15 * * * *",
        odr_lane_overdue,
        "Complaints the seller did not settle first within 10 working days go to the officers",
    ),
    Job(
        "complaint_mediation_deadline",
        "0 * * * *",
        mediation_overdue,
        "Mediation that passed 45 working days from acceptance ends as failed",
    ),
    Job(
        "complaint_close",
        "30 2 * * *",
        close_ended_complaints,
        "Ended complaints are closed once the consumer's 60 days for feedback are over",
    ),
)
