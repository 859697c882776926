"""The entry point for gunicorn: `gunicorn 'app.wsgi:create_app_or_exit()'`.

A broken checklist or setting must stop the service with the report an operator can act
on, not a traceback, and not a server that keeps restarting workers that cannot start.
"""

from __future__ import annotations

import sys

from flask import Flask

from . import create_app
from .checklist import ChecklistError
from .settings import ConfigurationError


def create_app_or_exit() -> Flask:
    try:
        return create_app()
    except (ChecklistError, ConfigurationError) as error:
        # str() of either is the whole report, naming the file, the place and the fault.
        print(
            f"{error}\nThe service has not started. Fix the above, then start it again.",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
