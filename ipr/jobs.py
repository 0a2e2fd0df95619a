"""ipr's scheduled jobs."""

from __future__ import annotations

from core.jobs import Job
from ipr.services.repeat_infringers import refresh_repeat_infringers
from ipr.services.restoration import restore_listings
from ipr.services.standing import record_standing

JOBS = (
    Job(
        "restore_listings",
        "11 * * * *",
        restore_listings,
        "Restore listings whose rights holder showed no accepted proof of an action within the "
        "window after a counter-notice; tell both sides and the platform.",
    ),
    Job(
        "record_standing",
        "40 2 * * *",
        record_standing,
        "Recompute rights holders' good standing from their decided listings; record and mail "
        "each change.",
    ),
    Job(
        "refresh_repeat_infringers",
        "50 2 * * *",
        refresh_repeat_infringers,
        "Flag sellers with 3 unreversed takedowns within 365 days; clear flags that lapsed.",
    ),
)
