"""The blueprints of casework's pages: officers' under /officer, admins' under /admin/casework."""

from flask import Blueprint

bp = Blueprint("casework", __name__, url_prefix="/officer")
admin_bp = Blueprint("casework_admin", __name__, url_prefix="/admin/casework")
