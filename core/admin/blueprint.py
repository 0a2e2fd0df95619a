"""The admin blueprint, on which each page module of core.admin registers its views."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
