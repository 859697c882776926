"""Gunicorn settings for running the check in production (and for `make run`).

Every value can be overridden on the command line; each says why it is what it is.
"""

import os

# Build the app once, in the master, before any worker starts: a broken checklist or
# setting then stops gunicorn at once with app.wsgi's report and exit status 1, instead of
# every worker failing with a traceback and being restarted for ever. Workers share the
# loaded app's memory. (Code changes then need a restart, not a HUP: deploys restart.)
preload_app = True

# Two workers keep the service answering while one is busy or restarting; more help only
# with more cores. WEB_CONCURRENCY is the name most platforms use to set it.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# Every page is rendered from memory in milliseconds; a request taking 30 s is stuck.
timeout = 30
graceful_timeout = 10
keepalive = 5

# Recycle workers now and then so a slow leak can never grow without bound; the jitter
# stops every worker restarting at the same moment.
max_requests = 5000
max_requests_jitter = 500

# The check never needs long URLs or many headers; small limits turn away junk early.
limit_request_line = 2048
limit_request_fields = 50
limit_request_field_size = 4096

# No access log: even without answers, a log of who visited which page is information
# about people that this service has no need to keep. Errors still go to stderr.
accesslog = None
errorlog = "-"
