"""Insight's logic, one module per subject: the facts noted from the timeline (recording,
backfill), the rollups and figures, workload, alerts, the transparency report, open data and its
narratives. Services flush; the request, the job or the command commits."""
