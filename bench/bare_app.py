"""The floor to compare with: a bare Flask app that returns a fixed body of a given size.

GET or POST /<size> answers 200 with `size` bytes of HTML. bench/load.py serves it with the
same gunicorn settings and worker count as the real app.
"""

from flask import Flask, Response

app = Flask(__name__)


@app.route("/<int:size>", methods=["GET", "POST"])
def fixed_body(size: int) -> Response:
    return Response(b"x" * size, content_type="text/html; charset=utf-8")
