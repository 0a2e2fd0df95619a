"""What autogenerate and the migration tests leave alone: database objects that are not models.

APScheduler creates and owns its job store table. casework's search indexes are written by hand
in its migration: a trigram GIN index on PostgreSQL, an FTS5 table (with its shadow tables and
triggers) on SQLite.
"""

NOT_MODELS = {
    "table": {"apscheduler_jobs"},
    "index": {"ix_cases_search_text_trgm"},
}


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table" and name and name.startswith("cases_fts"):
        return False
    return name not in NOT_MODELS.get(type_, set())
