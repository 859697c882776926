"""Gunicorn settings for running the check in production (and for `make run`).

Every value can be overridden on the command line; each says why it is what it is.
"""

import os
import signal
import sys

# Build the app once, in the master, before any worker starts: a broken checklist or
# setting then stops gunicorn at once with app.wsgi's report and exit status 1, instead of
# every worker failing with a traceback and being restarted for ever. Workers share the
# loaded app's memory. (Code changes then need a restart, not a HUP: deploys restart.)
preload_app = True

# Two workers keep the service answering while one is busy or restarting; more help only
# with more cores. WEB_CONCURRENCY is the name most platforms use to set it.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# Threads, so that slow clients cannot stop the service. A sync worker serves one
# connection at a time and waits for the whole request: two phones (or two attackers)
# sending a request a byte at a time stopped `make run` for 30 s. A gthread worker waits
# for connections in one loop and gives each request a thread of its own; a client that
# trickles its headers or body holds only its thread, while the others answer. With
# 2 workers x 64 threads, 32 connections trickling for a minute leave a page answering in
# milliseconds (bench/slow_clients.py, `make slow-clients`; docs/developers.md has the figures).
# Threads are started only when that many requests arrive at once; an idle one costs only
# its stack. The limit is the threads: gunicorn sets no time limit on reading a request,
# so some 64 trickling connections on one worker would stop that worker. On the internet,
# put nginx in front (deploy/nginx.conf): it reads each request whole before passing it
# on, so slow clients never reach gunicorn at all.
# Chosen over gevent or another async worker: no new dependency and no monkey-patching;
# the pages spend their time in Python, not waiting, so an async worker would serve them
# no faster. Threads and keep-alive served 1.2 to 2.3 times the requests per second of
# the sync workers, side by side (bench/serving_models.py, two runs).
worker_class = "gthread"
threads = 64

# Every page is rendered from memory in milliseconds. A worker whose main loop stops for
# 30 s is stuck and is restarted (a request in one of its threads is not timed).
timeout = 30
# On SIGTERM (a restart, a deploy, Kubernetes moving the pod) requests in progress get 20 s
# to finish, so that nobody part-way through an answer sees a dropped connection: ample
# for pages that take milliseconds, even for a phone on a poor connection still sending
# its answer. It must fit inside the time the platform allows before it kills the
# process: Kubernetes' terminationGracePeriodSeconds, 30 s by default and in the
# manifests, including any preStop pause (docs/operators.md, "Shutting down").
graceful_timeout = 20
# Seconds an idle connection stays open between pages, for the next page to come without
# a new connection (and TLS handshake, without nginx): short, so idle phones hold little.
keepalive = 5

# Each worker tells the master it is alive by touching a file. /dev/shm is memory, so a
# busy disk never delays that, and it is the one place a container with a read-only root
# file system can write (every engine and Kubernetes mount it): deploy/Containerfile.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Recycle workers now and then so a slow leak can never grow without bound; the jitter
# stops every worker restarting at the same moment.
max_requests = 5000
max_requests_jitter = 500

# Limits on what a request may carry, refused before any Python code of ours runs, with
# gunicorn's bare error page: no way out on it. So they agree with nginx's in front
# (large_client_header_buffers in deploy/nginx.conf): nothing nginx passes on is refused
# here. docs/operators.md, "How large a request may be", has the sizes and why.
# The request line: the check's longest address is under 50 characters, but a link to it
# may carry more, and nginx passes on 8 KB with the line's end; gunicorn takes no more.
limit_request_line = 8190
# Browsers send about 20 headers; proxies add a few. (nginx does not count them.)
limit_request_fields = 50
# One header line. The check's own cookie is well under 1 KB with every answer in it, but
# browsers send with it the cookies of every site on a shared parent domain, and over
# HTTP/2 nginx joins them into one Cookie line that can hold nearly all of the 32 KB it
# takes for a request's headers. A request can then hold 50 such lines before gunicorn
# refuses it: reached directly, with nothing in front, that is a lot to hold for a client;
# on the internet, nginx stops it first.
limit_request_field_size = 32 * 1024

# No access log: even without answers, a log of who visited which page is information
# about people that this service has no need to keep. Errors still go to stderr.
accesslog = None
errorlog = "-"
# ...but gunicorn's and Flask's error lines can name the client and what it sent
# ("Invalid request from ip=..."). Every logger writes through one handler whose filter
# (app/web/log_privacy.py) rewrites such lines and removes any address left.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_details": {"()": "app.web.log_privacy.ClientDetailsFilter"}},
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["no_client_details"],
            "stream": "ext://sys.stderr",
        }
    },
    # WARNING for libraries (Flask-WTF says "The CSRF token is missing." at INFO for
    # every refused form); gunicorn's own lines follow --log-level.
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    # No level here: --log-level still sets gunicorn's own.
    "loggers": {
        "gunicorn.error": {"handlers": [], "propagate": True},
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
}

# Whether X-Forwarded-Proto and -Host are believed is ONE setting: the app's
# FLASK_TRUSTED_PROXY_COUNT (app/settings.py), which Werkzeug's ProxyFix acts on. Gunicorn
# must not act on forwarded headers by itself: by default it believes them from 127.0.0.1
# whatever the app was told, so anything on the same machine could claim HTTPS, and
# a client's X-Forwarded-Ssl beside nginx's X-Forwarded-Proto made it answer 400
# "Contradictory scheme headers". Trusting no address turns all of that off.
forwarded_allow_ips = ""
secure_scheme_headers = {}

# Service figures for Prometheus (app/metrics/): only when METRICS_PORT is set, on a
# listener of their own, never on the public port. docs/operators.md, "Service figures".
# METRICS_ADDRESS is where it listens: by default 127.0.0.1, so that setting a port alone
# never shows the figures to a network; in a container or a pod, where Prometheus comes
# from outside, set it to 0.0.0.0 (deploy/kubernetes/ does, and lets only Prometheus in).


def _metrics_listener() -> tuple[str, int] | None:
    port = os.environ.get("METRICS_PORT", "").strip()
    if not port:
        return None
    if not port.isdigit() or not 0 < int(port) < 65536:
        sys.exit(f"METRICS_PORT must be a port number from 1 to 65535, not {port!r}.")
    return os.environ.get("METRICS_ADDRESS", "127.0.0.1").strip(), int(port)


metrics_listener = _metrics_listener()
if metrics_listener:
    # A fresh, empty directory for the workers' counts, named now, before the app is loaded:
    # the app publishes its counts there when it finds it (app/metrics/publishing.py).
    from app.metrics import listener

    metrics_directory = listener.prepare_directory()

# prometheus-client's own variable would have it write every count to a file as it
# happens, in a directory nothing here reads: the workers count in memory and publish
# (app/metrics/publishing.py says why). Only the listener reads files, from the directory
# named above.
os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
os.environ.pop("prometheus_multiproc_dir", None)

# No control socket (gunicorn 25+): the service is managed by restarting it, and the
# default socket path is shared by every gunicorn of the same user on the machine.
control_socket_disable = True


def when_ready(server):
    """The master is listening: start the metrics listener beside it (a thread of the
    master, so that it lives as long as the service, whichever workers come and go). A
    port that cannot be had stops the service: METRICS_PORT was set to be scraped."""
    if not metrics_listener:
        return
    address, port = metrics_listener
    try:
        listener.start(address, port, metrics_directory)
    except OSError as error:
        server.log.error(
            "METRICS_PORT: cannot listen on %s port %s (%s).", address, port, error.strerror
        )
        listener.remove_directory(metrics_directory)
        sys.exit(1)
    server.log.info(
        "Service figures for Prometheus on %s port %s, counted in %s",
        address,
        port,
        metrics_directory,
    )


def child_exit(server, worker):
    """A worker has exited (recycled, restarted or stopped): its counts are kept, added to
    those of the workers before it, and its own files removed (app/metrics/listener.py)."""
    if metrics_listener:
        listener.worker_exited(worker.pid, metrics_directory)


def on_exit(server):
    if metrics_listener:
        listener.remove_directory(metrics_directory)


def post_worker_init(worker):
    """On SIGTERM a worker first fails readiness (/readyz answers 503), then stops as
    gunicorn stops it: no new connections, the requests in progress finish (up to
    graceful_timeout), kept-alive connections are closed, the worker exits.

    Gunicorn's own SIGTERM handler tells the app nothing, and gunicorn has no hook for a
    worker's SIGTERM. This hook runs in each worker after gunicorn has set its signal
    handlers, so it puts one in front of gunicorn's: a load balancer's or Kubernetes'
    next probe then learns at once that this instance is going (app/web/health.py).
    """
    health = getattr(worker.wsgi, "extensions", {}).get("health")
    if health is None:
        return  # another app, such as the benchmarks' bare Flask app
    stop_gracefully = signal.getsignal(signal.SIGTERM)

    def fail_readiness_then_stop(signum, frame):
        health.begin_shutdown()
        stop_gracefully(signum, frame)

    signal.signal(signal.SIGTERM, fail_readiness_then_stop)
    # signal.signal() makes SIGTERM interrupt system calls again; gunicorn turns that off
    # so that the signal cannot disturb a request in progress. Keep it off.
    signal.siginterrupt(signal.SIGTERM, False)
