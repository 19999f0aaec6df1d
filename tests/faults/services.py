"""Private PostgreSQL and Redis servers on free ports, which a test may stop and start again
(the machine's shared ones on 5432 and 6379 are never touched), and counts read straight
from the database."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from app.migrate import upgrade
from tests.live import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS_SERVER = "/usr/bin/redis-server"


def _as_postgres() -> dict[str, str]:
    """initdb and postgres refuse root: run them as the postgres user when we are root."""
    return {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}


@dataclass
class Server:
    """One server process on a fixed port: stop() and start() keep the port and the data."""

    args: list[str]
    port: int
    log: Path
    stop_signal: signal.Signals = signal.SIGTERM
    user: dict[str, str] = field(default_factory=dict)  # Popen's user and group
    proc: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT, **self.user)
        self._wait_listening()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(self.stop_signal)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc is not None and self.proc.poll() is None, self.log.read_text()[-2000:]
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"{self.args[0]} not listening on {self.port}")


@contextmanager
def private_redis(tmp: Path) -> Iterator[Server]:
    port = free_port()
    server = Server([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no"], port, tmp / f"redis-{port}.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def private_postgres() -> Iterator[tuple[Server, str]]:
    """A fresh cluster (trust auth, socket in its own directory) with a migrated database:
    (server, SQLAlchemy URL)."""
    data = Path(tempfile.mkdtemp(prefix="evalforge-pg-"))
    if _as_postgres():
        shutil.chown(data, "postgres")
    port = free_port()
    subprocess.run([str(PG_BIN / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres",
                    "--no-sync"], check=True, capture_output=True, **_as_postgres())
    # SIGINT: PostgreSQL's fast shutdown, every session ended (SIGTERM waits for clients).
    server = Server([str(PG_BIN / "postgres"), "-D", str(data / "db"), "-p", str(port), "-k", str(data),
                     "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
                    port, data / "postgres.log", signal.SIGINT, _as_postgres())
    server.start()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"
    try:
        _wait_accepting(url)
        upgrade(url)
        yield server, url
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


def _wait_accepting(url: str) -> None:
    """The port opens before the server accepts logins (it is still starting up)."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    deadline = time.monotonic() + 60
    while subprocess.run([str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", port, "-U", "postgres"],
                         check=False).returncode:
        assert time.monotonic() < deadline, "postgres not ready"
        time.sleep(0.1)


def restart_postgres(server: Server, url: str) -> None:
    server.stop()
    server.start()
    _wait_accepting(url)


async def result_counts(url: str, experiment_id: str) -> tuple[dict[str, int], int, int, int]:
    """({status: runs}, items without exactly one run, scores, the most scores on one run)."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        statuses = dict(await conn.fetch(
            "SELECT status, count(*) FROM experiment_run WHERE experiment_id = $1 GROUP BY status",
            experiment_id))
        not_one = await conn.fetchval(
            "SELECT count(*) FROM (SELECT dataset_item_id FROM experiment_run WHERE experiment_id = $1"
            " GROUP BY dataset_item_id HAVING count(*) <> 1) AS x", experiment_id)
        per_run = await conn.fetch(
            "SELECT count(s.id) AS n FROM experiment_run r LEFT JOIN score s ON s.run_id = r.id"
            " WHERE r.experiment_id = $1 GROUP BY r.id", experiment_id)
    finally:
        await conn.close()
    return statuses, not_one, sum(r["n"] for r in per_run), max((r["n"] for r in per_run), default=0)
