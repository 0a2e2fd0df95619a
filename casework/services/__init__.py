"""Casework's business logic, one module per subject (filing, transitions, stages, deadlines,
escalation, assignment, timeline, merging, bulk, corrections, retention, search, lists, access,
calendars). Services flush and raise refusals; the request or the job commits."""
