"""Scheduled jobs of sellers."""

from core.jobs import Job
from sellers.services.ledger import recompute_expired_credit

JOBS = (
    Job(
        "credit_recompute",
        "30 2 * * *",
        recompute_expired_credit,
        "Nightly: recompute the tier of every seller whose credit events expired since.",
    ),
)
