"""Fixtures of the other test packages that the security tests reuse."""

from tests.insight.conftest import data, in_app
from tests.ipr.conftest import ipr
from tests.ops.conftest import served_database, start_server

__all__ = ["data", "in_app", "ipr", "served_database", "start_server"]
