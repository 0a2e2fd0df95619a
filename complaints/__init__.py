"""complaints: see DESIGN.md section 2."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Nothing to register yet."""
