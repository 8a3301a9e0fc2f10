"""
Benchmark the catalog at several sizes on PostgreSQL and print one table.

For each size N it makes a database, seeds one account with N series and
other accounts with N series each beside it (``seed_demo``), times the pages
in-process (``bench.measure``), then serves the app with gunicorn on
127.0.0.1 and measures requests per second with wrk. See bench/README.md.

    python -m bench.run [--sizes 1000,10000,100000] [--reuse] [--help]
"""

import argparse
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
EMAIL = "bench@example.com"
PASSWORD = "bench-pass-2026"
ONE_YEAR = 365 * 24 * 3600


def env_default(name, default):
    return os.environ.get(name) or default


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Seed PostgreSQL at several sizes and print the speed table.",
    )
    parser.add_argument(
        "--sizes",
        default=env_default("BENCH_SIZES", "1000,10000,100000"),
        help="series in the measured account, comma-separated (BENCH_SIZES)",
    )
    parser.add_argument(
        "--databases",
        default=env_default("BENCH_DATABASES", ""),
        help="database names, one per size, comma-separated (BENCH_DATABASES; "
        "default bench_1k, bench_10k, ...)",
    )
    parser.add_argument(
        "--server",
        default=env_default("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name (BENCH_POSTGRES)",
    )
    parser.add_argument(
        "--others",
        type=int,
        default=int(env_default("BENCH_OTHERS", "2")),
        help="other accounts seeded beside, N series each (BENCH_OTHERS, 2)",
    )
    parser.add_argument("--posters", type=int, default=24)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--deep-page", type=int, default=200)
    parser.add_argument(
        "--reuse",
        action="store_true",
        default=env_default("BENCH_REUSE", "") == "1",
        help="keep existing databases and only top them up (BENCH_REUSE=1)",
    )
    parser.add_argument("--jobs", type=int, default=3, help="seeds run at once")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=4, help="wrk -c")
    parser.add_argument("--duration", type=int, default=5, help="wrk seconds")
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn+wrk")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "series-catalog-bench",
        help="static files, posters and logs",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a budget is missed"
    )
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    names = [name.strip() for name in args.databases.split(",") if name.strip()]
    if names and len(names) != len(args.sizes):
        parser.error("--databases needs one name per size.")
    args.databases = names or [f"bench_{short(size)}" for size in args.sizes]
    args.server = args.server.rstrip("/")
    return args


def short(number):
    if number >= 1000 and number % 1000 == 0:
        return f"{number // 1000}k"
    return str(number)


def say(message):
    print(message, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args):
        self.args = args
        self.static_root = args.workdir / "static"
        self.secret_key = secrets.token_urlsafe(50)

    def env(self, database, debug):
        """The environment of one command: development mode for seed_demo,
        production-like (DEBUG off, plain HTTP) for everything measured."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "REDIS_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DJANGO_DEBUG="1" if debug else "0",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_HTTPS="0",
            DJANGO_LOG_LEVEL="WARNING",
            DJANGO_STATIC_ROOT=str(self.static_root),
            DJANGO_MEDIA_ROOT=str(self.args.workdir / "media" / (database or "none")),
        )
        if database:
            env["DATABASE_URL"] = f"{self.args.server}/{database}"
        return env

    def manage(self, database, *command, debug=True):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=self.env(database, debug),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def admin(self, *statements):
        with psycopg.connect(f"{self.args.server}/postgres", autocommit=True) as db:
            for statement in statements:
                db.execute(statement)

    def database_exists(self, name):
        with psycopg.connect(f"{self.args.server}/postgres") as db:
            found = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return found.fetchone() is not None

    def prepare(self, size, database):
        """Create, migrate and seed ``database``; return the seconds taken
        by seeding (all accounts, in parallel) and by VACUUM ANALYZE."""
        media = self.args.workdir / "media" / database
        if not self.args.reuse or not self.database_exists(database):
            name = sql.Identifier(database)
            self.admin(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name),
                sql.SQL("CREATE DATABASE {}").format(name),
            )
            shutil.rmtree(media, ignore_errors=True)
        self.manage(database, "migrate", "--noinput")
        self.manage(database, "createcachetable")

        accounts = [(EMAIL, self.args.posters, 2026)] + [
            (f"other{n}@example.com", 0, 2026 + n)
            for n in range(1, self.args.others + 1)
        ]
        say(f"  seeding {database}: {len(accounts)} accounts x {size:,} series")
        start = time.perf_counter()
        with ThreadPoolExecutor(self.args.jobs) as pool:
            seeds = [
                pool.submit(
                    self.manage,
                    database,
                    "seed_demo",
                    f"--series={size}",
                    f"--posters={posters}",
                    f"--email={email}",
                    f"--password={PASSWORD}",
                    f"--seed={seed}",
                )
                for email, posters, seed in accounts
            ]
            for seed in seeds:
                seed.result()
        seeded = time.perf_counter() - start
        # Statistics as autovacuum would leave them a minute after the bulk
        # inserts: the planner needs them to pick the indexes.
        start = time.perf_counter()
        with psycopg.connect(f"{self.args.server}/{database}", autocommit=True) as db:
            db.execute("VACUUM ANALYZE")
        return seeded, time.perf_counter() - start

    def measure(self, database):
        out = self.args.workdir / f"measure-{database}.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.measure",
                f"--email={EMAIL}",
                f"--samples={self.args.samples}",
                f"--warmup={self.args.warmup}",
                f"--deep-page={self.args.deep_page}",
                f"--out={out}",
            ],
            cwd=ROOT,
            env=self.env(database, debug=False),
            check=True,
        )
        return json.loads(out.read_text())

    def load(self, database, sessionid, check_transfer):
        """Serve ``database`` with gunicorn and measure requests per second
        for /series/ and /healthz with wrk."""
        port = free_port()
        log = self.args.workdir / f"gunicorn-{database}.log"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={self.args.workers}",
                f"--error-logfile={log}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env(database, debug=False),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port, server)
            cookie = f"sessionid={sessionid}"
            status, _, body = get(port, "/series/", cookie)
            if status != 200 or b"series-results" not in body:
                raise RuntimeError(f"/series/ under gunicorn answered {status}")
            result = {}
            for key, path in [("floor", "/healthz"), ("series", "/series/")]:
                wrk(port, path, cookie, 1, self.args.connections)
                result[key] = wrk(
                    port, path, cookie, self.args.duration, self.args.connections
                )
            if check_transfer:
                result["transfer"] = first_load(port, cookie)
            return result
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def run(self):
        args = self.args
        started = time.perf_counter()
        args.workdir.mkdir(parents=True, exist_ok=True)
        try:
            self.admin("SELECT 1")
        except psycopg.OperationalError as error:
            raise SystemExit(f"No PostgreSQL at {args.server}: {error}") from None
        loading = not args.no_load and shutil.which("wrk")
        if not args.no_load and not loading:
            say("wrk is not installed (apt-get install wrk): no requests per second.")

        say("Collecting static files (production-like settings)...")
        self.manage(None, "collectstatic", "--noinput", "--clear", debug=False)
        sizes = list(zip(args.sizes, args.databases, strict=True))
        seeding, measured, loads = {}, {}, {}
        for size, database in sizes:
            say(f"Preparing {database} (N = {size:,})...")
            seeding[size] = self.prepare(size, database)
        busy = [os.getloadavg()[0]]
        for size, database in sizes:
            say(f"Timing pages in {database}...")
            measured[size] = self.measure(database)
        if loading:
            for size, database in sizes:
                say(f"gunicorn + wrk on {database}...")
                loads[size] = self.load(
                    database,
                    measured[size]["sessionid"],
                    check_transfer=size == args.sizes[-1],
                )
        busy.append(os.getloadavg()[0])
        report = Report(args, seeding, measured, loads, busy)
        report.print()
        print(f"\nWhole run: {time.perf_counter() - started:.0f} s.")
        return 1 if args.strict and report.missed else 0


class Report:
    def __init__(self, args, seeding, measured, loads, busy):
        self.args = args
        self.busy = busy
        self.seeding = seeding
        self.measured = measured
        self.loads = loads
        self.small, self.large = args.sizes[0], args.sizes[-1]
        self.missed = []

    def rows(self, size):
        return self.measured[size]["rows"]

    def print(self):
        small, large = short(self.small), short(self.large)
        header = (
            f"{'page':<34} {'N':>5} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} "
            f"{'bytes':>8} {'x floor':>7} {f'{large}/{small}':>8} {'req/s':>7}"
        )
        print()
        print(header)
        print("-" * len(header))
        for key in self.rows(self.large):
            for size in self.args.sizes:
                row = self.rows(size)[key]
                floor = self.rows(size)["floor"]["p50"]
                ratio = ""
                if size == self.large and len(self.args.sizes) > 1:
                    ratio = f"{row['p50'] / self.rows(self.small)[key]['p50']:.2f}"
                rps = self.loads.get(size, {}).get(key, {}).get("rps")
                label = row["label"] if size == self.small else ""
                if key == "scroll" and size != self.small:
                    label = "  " + row["label"].split(" (")[0].removeprefix("scroll, ")
                print(
                    f"{label:<34.34} {short(size):>5} {row['p50']:7.1f} "
                    f"{row['p95']:7.1f} {row['queries']:7d} {row['bytes']:8,d} "
                    f"{row['p50'] / floor:7.1f} {ratio:>8} "
                    f"{f'{rps:,.0f}' if rps else '':>7}"
                )
        self.print_notes()
        self.print_budgets()

    def print_notes(self):
        print()
        print(
            "In-process: Django test client, real middleware, DEBUG off, "
            f"{self.args.warmup} warm-up + {self.args.samples} samples a row, "
            "rows sampled round-robin. Floor: /healthz (login-exempt, SELECT 1)."
        )
        print(
            "Filtered rows are full pages; partial = HX-Request; scroll = "
            "HX-Request + HX-Target: next-page. Bytes uncompressed."
        )
        print(
            "Rows are timed as repeat visits (the list's cache warm), but the "
            "last, timed after the others with a new catalog version before "
            "each request: the page is read and rendered again."
        )
        if self.loads:
            print(
                f"req/s: gunicorn, {self.args.workers} sync workers, on 127.0.0.1; "
                f"wrk -c{self.args.connections} -d{self.args.duration}s after 1 s "
                "warm-up, signed in by session cookie."
            )
        print(
            f"Load average when timing began {self.busy[0]:.1f}, when it ended "
            f"{self.busy[-1]:.1f}, on {os.cpu_count()} cores: other work on the "
            "machine shows in every figure."
        )
        for size in self.args.sizes:
            seeded, vacuumed = self.seeding[size]
            data = self.measured[size]
            rows = self.rows(size)
            matches = ", ".join(
                f"{key} {rows[key]['matches']:,}"
                for key in ("tag", "two_tags", "character", "status", "q")
                if rows[key]["matches"] is not None
            )
            print(
                f"N = {size:,}: {data['series_total']:,} series in the table "
                f"({self.args.others} other accounts); seeding "
                f"{1 + self.args.others} accounts took {seeded:.1f} s "
                f"(+ VACUUM ANALYZE {vacuumed:.1f} s)"
                + (" [reused database]" if self.args.reuse else "")
                + (f"; matches: {matches}" if matches else "")
            )
            for key, result in self.loads.get(size, {}).items():
                if key != "transfer" and result["errors"]:
                    print(f"  wrk {key}: {result['errors']}")

    def check(self, ok, text):
        print(f"[{'ok' if ok else 'MISSED'}] {text}")
        if not ok:
            self.missed.append(text)

    def print_budgets(self):
        small, large = self.rows(self.small), self.rows(self.large)
        tag = f"{short(self.large)}/{short(self.small)}"
        print("\nBudgets of issue 7:")
        differ = [
            f"{key} {small[key]['queries']}->{large[key]['queries']}"
            for key in large
            if small[key]["queries"] != large[key]["queries"]
        ]
        self.check(
            not differ,
            f"queries per request equal at N = {self.small:,} and {self.large:,}"
            + (f": differ for {', '.join(differ)}" if differ else ""),
        )
        worst = max(large, key=lambda key: large[key]["queries"])
        self.check(
            large[worst]["queries"] <= 8,
            f"at most 8 queries a page: max {large[worst]['queries']} ({worst})",
        )
        ratios = {key: large[key]["p50"] / small[key]["p50"] for key in large}
        over = [f"{key} {ratio:.2f}" for key, ratio in ratios.items() if ratio > 1.5]
        self.check(
            not over,
            f"p50 {tag} at most 1.5 for every row"
            + (f": over for {', '.join(over)}" if over else "")
            + f" (worst {max(ratios.values()):.2f})",
        )
        times = large["series"]["p50"] / large["floor"]["p50"]
        self.check(
            times <= 10,
            f"/series/ p50 at N = {self.large:,} at most 10x the floor: "
            f"{large['series']['p50']:.1f} ms / {large['floor']['p50']:.2f} ms "
            f"= {times:.1f}x",
        )
        load = self.loads.get(self.large)
        if load:
            share = load["series"]["rps"] / load["floor"]["rps"]
            self.check(
                share >= 0.1,
                f"/series/ req/s at least a tenth of the floor's under gunicorn: "
                f"{load['series']['rps']:,.0f} / {load['floor']['rps']:,.0f} "
                f"= {share:.2f}",
            )
        shares = {}
        for size in self.args.sizes:
            rows = self.rows(size)
            shares[size] = rows["partial"]["bytes"] / rows["series"]["bytes"]
        self.check(
            max(shares.values()) <= 1 / 3,
            "htmx partial at most a third of the full page's bytes: "
            + ", ".join(f"{short(s)} {share:.2f}" for s, share in shares.items()),
        )
        if load and "transfer" in load:
            transfer = load["transfer"]
            total = transfer["html_wire"] + transfer["static_wire"]
            self.check(
                total < 150 * 1024,
                f"first load of /series/ under 150 KB compressed: {total / 1024:.1f} KB"
                f" = HTML {transfer['html_wire'] / 1024:.1f} KB"
                f" ({transfer['html_note']}) + {transfer['static_count']} static "
                f"files {transfer['static_wire'] / 1024:.1f} KB as served",
            )
            self.check(
                not transfer["uncached"],
                "static files with far-future cache headers"
                + (
                    f": not for {', '.join(transfer['uncached'])}"
                    if transfer["uncached"]
                    else ""
                ),
            )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, cookie, encoding=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Cookie": cookie}
    if encoding:
        headers["Accept-Encoding"] = encoding
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_until_up(port, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited; see its log in the workdir.")
        try:
            if get(port, "/healthz", "")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time.")


def wrk(port, path, cookie, seconds, connections):
    """Run wrk for ``seconds`` and return its requests per second."""
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout=5s",
            "-H",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([0-9.]+)", output)
    errors = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", output)
    return {"rps": float(rps[1]) if rps else 0.0, "errors": "; ".join(errors)}


class AssetFinder(HTMLParser):
    """Collect the static URLs a page loads: stylesheets, scripts, icons."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("src") if tag == "script" else None
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            url = attrs.get("href")
        if url and url.startswith("/static/"):
            self.urls.append(url)


def first_load(port, cookie):
    """Measure what a first visit to /series/ transfers, posters aside."""
    encoding = "br, gzip"
    _, headers, html = get(port, "/series/", cookie, encoding)
    if headers.get("Content-Encoding"):
        html_wire, note = len(html), f"{headers['Content-Encoding']} by the app"
    else:
        html_wire = len(gzip.compress(html))
        note = f"{len(html) / 1024:.1f} KB sent uncompressed; gzip size shown"
    finder = AssetFinder()
    finder.feed(html.decode())
    static_wire, uncached = 0, []
    for url in finder.urls:
        _, headers, body = get(port, url, cookie, encoding)
        static_wire += len(body)
        age = re.search(r"max-age=(\d+)", headers.get("Cache-Control", ""))
        if not age or int(age[1]) < ONE_YEAR:
            uncached.append(url)
    return {
        "html_wire": html_wire,
        "html_note": note,
        "static_wire": static_wire,
        "static_count": len(finder.urls),
        "uncached": uncached,
    }


def main(argv=None):
    return Bench(parse_args(argv)).run()


if __name__ == "__main__":
    sys.exit(main())
