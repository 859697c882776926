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
# On restart, a request in progress gets 10 s to finish (ample for a page that takes
# milliseconds) so that nobody part-way through an answer sees a dropped connection.
graceful_timeout = 10
# Seconds an idle connection stays open between pages. Only threaded or async workers use
# it (the default sync worker closes each connection): short, so idle phones hold nothing.
keepalive = 5

# Recycle workers now and then so a slow leak can never grow without bound; the jitter
# stops every worker restarting at the same moment.
max_requests = 5000
max_requests_jitter = 500

# The check never needs long URLs or many headers; small limits turn away junk early,
# before any Python code of ours runs.
# The longest address is /questions/<id>?change=1, under 50 characters.
limit_request_line = 2048
# Browsers send about 15 headers; proxies add a few.
limit_request_fields = 50
# The largest header is the session cookie, well under 1 KB with every answer in it.
limit_request_field_size = 4096

# No access log: even without answers, a log of who visited which page is information
# about people that this service has no need to keep. Errors still go to stderr.
accesslog = None
errorlog = "-"

# No control socket (gunicorn 25+): the service is managed by restarting it, and the
# default socket path is shared by every gunicorn of the same user on the machine.
control_socket_disable = True
