"""A second floor to compare with: the least any page with a signed-cookie session and
Flask-WTF's CSRF protection can cost, here.

It does only what every page of the check must: GET /<size> opens the session and answers
`size` bytes holding a fresh CSRF token; POST /<size> checks the token (CSRFProtect), writes
one value into the session and redirects with 303. No content, templates, languages or
checklist. bench/load.py serves it with the same settings and secret as the app, so it
accepts the app's session cookie and token.
"""

import os

from flask import Flask, Response, redirect, request, session
from flask_wtf.csrf import CSRFProtect, generate_csrf

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
CSRFProtect(app)


@app.route("/<int:size>", methods=["GET", "POST"])
def page(size: int) -> Response:
    if request.method == "POST":
        session["answer"] = request.form.get("answer")
        return redirect(f"/{size}", 303)
    token = generate_csrf().encode()
    return Response(token + b"x" * max(size - len(token), 0), content_type="text/html")
