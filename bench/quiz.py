"""Benchmark of De Duale Quiz in class mode: 20 classes of 30 pupils answering at once.

    .venv/bin/python bench/quiz.py                       # a temporary SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/quiz.py
    CACHE_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/quiz.py   # shared cache

Builds a database (migrate: De Duale Quiz is in the data migration), collects the static files,
creates 20 class sessions with 30 players each through the services, opens question 1, and
starts gunicorn on 127.0.0.1 (4 gthread workers, DEBUG off, a generated SECRET_KEY). Then every
player loads the play page (CSRF token and cookie, like a phone; timed apart). Then every
pupil polls their fragment every 2 s (as the page does; --poll-interval 1 for the harsher case),
every host polls the scoreboard every second and the stage every two seconds, and after a few
seconds of polling alone all 600 pupils answer within the same two seconds (each answer is the
play page's CSRF-protected htmx POST, which returns the fragment).

Prints request rate, p50/p95/p99 latency per kind of request, the errors, and whether all 600
answers were recorded. No threshold: the figures go into the README.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd, env):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


# --- A small keep-alive HTTP/1.1 client on asyncio (one connection per simulated device) ----


class Connection:
    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def close(self):
        if self.writer:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
            self.writer = None

    async def request(self, method, path, *, cookies=None, body=b"", headers=None):
        for attempt in (1, 2):  # once more on a fresh connection if the server closed it
            try:
                if self.writer is None:
                    await self._open()
                return await self._request(method, path, cookies, body, headers or {})
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                await self.close()
                if attempt == 2:
                    raise

    async def _request(self, method, path, cookies, body, headers):
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: keep-alive"]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if body:
            lines.append("Content-Type: application/x-www-form-urlencoded")
        lines.append(f"Content-Length: {len(body)}")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        response_headers = defaultdict(list)
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            response_headers[name.strip().lower()].append(value.strip())
        data = b""
        if "content-length" in response_headers:
            data = await self.reader.readexactly(int(response_headers["content-length"][0]))
        elif "chunked" in ",".join(response_headers.get("transfer-encoding", [])):
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
        elif status not in (204, 304) and method != "HEAD":
            data = await self.reader.read()
            await self.close()
        if "close" in ",".join(response_headers.get("connection", [])).lower():
            await self.close()
        for cookie in response_headers.get("set-cookie", []):
            name, _, rest = cookie.partition("=")
            if cookies is not None:
                cookies[name] = rest.split(";", 1)[0]
        return status, data


class Stats:
    def __init__(self):
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.error_samples = []
        self.count = 0
        self.answered = 0

    def record(self, kind, started, status, ok_statuses):
        self.latencies[kind].append((time.perf_counter() - started) * 1000)
        self.count += 1
        if status not in ok_statuses:
            self.errors[kind] += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{kind}: HTTP {status}")


async def timed(stats, conn, kind, ok, method, path, **kwargs):
    started = time.perf_counter()
    try:
        status, body = await conn.request(method, path, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every failure is counted as an error
        stats.record(kind, started, f"{type(exc).__name__}", ok)
        return None, b""
    stats.record(kind, started, status, ok)
    return status, body


async def load_play_page(port, player, stats, limit):
    """The pupil's phone opens the play page once (after joining): cookie + CSRF token."""
    async with limit:
        conn = Connection(port)
        player["cookies"] = {"quiz_speler": player["token"]}
        _status, body = await timed(
            stats,
            conn,
            "play page (GET)",
            {200},
            "GET",
            f"/quiz/{player['code']}/spelen/",
            cookies=player["cookies"],
        )
        match = CSRF_RE.search(body.decode("utf-8", "replace"))
        player["csrf"] = match.group(1) if match else ""
        player["conn"] = conn


async def player_device(port, player, stats, stop, answer_at, interval):
    """Poll every `interval` seconds; answer once at `answer_at` (htmx POST, like the page)."""
    conn, cookies = player["conn"], player["cookies"]
    code, version = player["code"], player["version"]
    await asyncio.sleep(random.uniform(0, interval))
    answered = False
    next_poll = time.perf_counter()
    while not stop.is_set():
        now = time.perf_counter()
        if not answered and now >= answer_at:
            answered = True
            body = (
                f"csrfmiddlewaretoken={player['csrf']}&question={player['question']}"
                f"&answer={player['answer']}"
            ).encode()
            _status, data = await timed(
                stats,
                conn,
                "answer (htmx POST)",
                {200},
                "POST",
                f"/quiz/{code}/antwoord/",
                cookies=cookies,
                body=body,
                headers={"HX-Request": "true"},
            )
            stats.answered += 1
            if b"data-quiz-answered" not in data:
                stats.errors["answer not accepted"] += 1
            continue
        if now >= next_poll:
            next_poll = now + interval
            await timed(
                stats,
                conn,
                "pupil poll",
                {200, 204},
                "GET",
                f"/quiz/{code}/spelen/stand/?v={version}",
                cookies=cookies,
            )
        wake = next_poll if answered else min(next_poll, answer_at)
        await asyncio.sleep(max(0.0, wake - time.perf_counter()))
    await conn.close()


async def host_device(port, session, stats, stop, interval):
    conn = Connection(port)
    token, version = session["host_token"], session["version"]
    await asyncio.sleep(random.uniform(0, interval))
    tick = 0
    while not stop.is_set():
        started = time.perf_counter()
        await timed(
            stats, conn, "host scoreboard poll", {200}, "GET", f"/quiz/host/{token}/scorebord/"
        )
        if tick % 2 == 0:
            await timed(
                stats,
                conn,
                "host stage poll",
                {200, 204},
                "GET",
                f"/quiz/host/{token}/stand/?v={version}",
            )
        tick += 1
        await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))
    await conn.close()


async def load(port, players, sessions, args):
    stats = Stats()
    limit = asyncio.Semaphore(args.threads * args.workers)
    joined = time.perf_counter()
    await asyncio.gather(*(load_play_page(port, p, stats, limit) for p in players))
    print(
        f"All {len(players)} play pages loaded in {time.perf_counter() - joined:.1f} s "
        "(the pupils joining); now the class plays"
    )
    stop = asyncio.Event()
    start = time.perf_counter()
    answer_window_start = start + args.warmup
    tasks = [
        asyncio.create_task(
            player_device(
                port,
                p,
                stats,
                stop,
                answer_window_start + random.uniform(0, args.answer_window),
                args.poll_interval,
            )
        )
        for p in players
    ]
    tasks += [asyncio.create_task(host_device(port, s, stats, stop, 1.0)) for s in sessions]
    # Count the request rate over the answer window (plus the polls around it).
    await asyncio.sleep(args.warmup)
    count_before, t_before = stats.count, time.perf_counter()
    await asyncio.sleep(args.answer_window + args.cooldown)
    deadline = time.perf_counter() + 60  # bounded: wait for late answers at most a minute
    while stats.answered < len(players) and time.perf_counter() < deadline:
        await asyncio.sleep(0.2)
    count_after, t_after = stats.count, time.perf_counter()
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=60)
    total_time = time.perf_counter() - start
    played = stats.count - len(players)
    return stats, (count_after - count_before) / (t_after - t_before), played / total_time


def sequential_baseline(port, player, repeat=50):
    """Median latency of single requests on an idle server (the floor under the figures)."""

    async def measure():
        conn = Connection(port)
        cookies = {"quiz_speler": player["token"]}
        code = player["code"]
        result = {}
        for kind, path in (
            ("pupil poll (204)", f"/quiz/{code}/spelen/stand/?v={player['version']}"),
            ("pupil poll (200)", f"/quiz/{code}/spelen/stand/?v=-1"),
            ("play page", f"/quiz/{code}/spelen/"),
            ("health", "/health/"),
        ):
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                await conn.request("GET", path, cookies=dict(cookies))
                times.append((time.perf_counter() - started) * 1000)
            result[kind] = statistics.median(times)
        await conn.close()
        return result

    return asyncio.run(measure())


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--classes", type=int, default=20)
    parser.add_argument("--players", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--poll-interval", type=float, default=2.0, help="pupils' polls")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of polling alone")
    parser.add_argument("--answer-window", type=float, default=2.0)
    parser.add_argument("--cooldown", type=float, default=3.0)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-quiz-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "TESTING": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "MFA_REQUIRED_FOR_STAFF": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_BACKEND": "locmem",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "bench.quiz_settings",
    }
    sqlite_path = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_path = tmp / "bench.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    gunicorn = None
    try:
        print(f"Database: {'SQLite ' + str(sqlite_path) if sqlite_path else 'DATABASE_URL'}")
        print(f"Cache: {env.get('CACHE_URL') or 'LocMemCache (per worker)'}")
        run([PYTHON, "manage.py", "migrate", "--noinput"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)
        if sqlite_path:
            # WAL lets the polls read while an answer is being written (kept in the file).
            with sqlite3.connect(sqlite_path) as db:
                db.execute("PRAGMA journal_mode=WAL")

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from infotools.models import Quiz, QuizResponse
        from infotools.quiz import services as quiz_services

        quiz = Quiz.objects.get(slug="de-duale-quiz")
        sessions, players = [], []
        for c in range(args.classes):
            session = quiz_services.start_class_session(quiz=quiz)
            class_players = [
                quiz_services.join_class_session(session=session, nickname=f"Speler {c}-{i}")
                for i in range(args.players)
            ]
            session = quiz_services.advance_class_session(session=session)
            question = quiz.questions.order_by("order", "pk")[session.current_index]
            answers = list(question.answers.order_by("order", "pk"))
            sessions.append(
                {"host_token": session.host_token, "code": session.code, "version": session.version}
            )
            for player in class_players:
                players.append(
                    {
                        "token": player.token,
                        "code": session.code,
                        "version": session.version,
                        "question": question.pk,
                        "answer": random.choice(answers).pk,
                    }
                )
        from django.db import connections

        connections.close_all()
        print(f"{len(sessions)} klassen, {len(players)} spelers, vraag 1 staat open")

        port = free_port()
        gunicorn = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "steunpunt.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--keep-alive",
                "5",
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        print(
            f"gunicorn: {args.workers} gthread workers x {args.threads} threads on port {port}; "
            f"{os.cpu_count()} CPU cores shared with this load generator"
        )
        print(
            f"Load: {len(players)} pupils poll every {args.poll_interval:g} s, {len(sessions)} "
            f"hosts poll every 1 s; after {args.warmup:g} s all pupils answer within "
            f"{args.answer_window:g} s; {args.cooldown:g} s more polling"
        )

        baseline = sequential_baseline(port, players[0])
        print(
            "Unloaded, one request at a time: "
            + ", ".join(f"{kind} {ms:.1f} ms" for kind, ms in baseline.items())
        )

        cpu_before, wall_before = time.process_time(), time.perf_counter()
        stats, window_rate, overall_rate = asyncio.run(load(port, players, sessions, args))
        client_cpu = (time.process_time() - cpu_before) / (time.perf_counter() - wall_before)

        print()
        print(f"{'request':<24}{'count':>8}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        for kind in sorted(stats.latencies):
            values = stats.latencies[kind]
            print(
                f"{kind:<24}{len(values):>8}{stats.errors[kind]:>8}"
                f"{statistics.median(values):>9.1f}{percentile(values, 95):>9.1f}"
                f"{percentile(values, 99):>9.1f}"
            )
        print()
        print(f"Request rate over the answer window (+cooldown): {window_rate:.0f} req/s")
        print(f"Request rate over the whole play phase: {overall_rate:.0f} req/s")
        print(f"The load generator itself used {client_cpu:.0%} of one CPU core")
        total_errors = sum(stats.errors.values())
        print(
            f"Errors: {total_errors}" + (f" (e.g. {stats.error_samples})" if total_errors else "")
        )
        recorded = QuizResponse.objects.count()
        print(
            f"Answers recorded: {recorded} of {len(players)}"
            + (" - all recorded" if recorded == len(players) else " - MISSING ANSWERS")
        )
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
