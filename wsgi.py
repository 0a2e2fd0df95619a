"""The Redress application as served: core plus every domain package.

`flask --app wsgi ...` finds `create_app`; gunicorn serves "wsgi:create_app()".
"""

from flask import Flask

import casework
import complaints
import core
import insight
import ipr
import sellers

PACKAGES = (sellers, casework, complaints, ipr, insight)


def create_app() -> Flask:
    return core.create_app(packages=PACKAGES)
