"""
Container health check: ``python -m config.healthcheck`` exits 0 when
``/healthz`` on the local gunicorn answers 200.

It sends the first allowed host as ``Host`` so that host validation passes,
and needs no Django import, so it stays cheap to run every few seconds.
"""

import os
import sys
import urllib.error
import urllib.request


def allowed_host():
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")]
    for host in hosts:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def main(url="http://127.0.0.1:8000/healthz"):
    request = urllib.request.Request(
        url, headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
