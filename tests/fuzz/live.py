"""A real evalforge server in a subprocess (uvicorn over a socket), for the tests that must
speak HTTP the way a client does: schema fuzzing, the generated SDK, faults and load."""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.conftest import REDIS_URL

EVALFORGE = str(Path(sys.executable).with_name("evalforge"))
ADMIN = "admin@live.test"
PASSWORD = "correct-horse-battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Live:
    base_url: str
    env: dict[str, str]
    api_key: str = ""
    # The server, then its worker when there is one (a fault test may kill it).
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


def server_env(database_url: str, tmp: Path, model_base_url: str, **extra: str) -> dict[str, str]:
    """The environment of a server (and its workers): PostgreSQL means Redis and arq too."""
    on_postgres = database_url.startswith("postgresql")
    return {
        **os.environ,
        "EVALFORGE_DATABASE_URL": database_url,
        "EVALFORGE_REDIS_URL": REDIS_URL if on_postgres else "",
        "EVALFORGE_ARQ_QUEUE_NAME": f"evalforge:live:{uuid.uuid4().hex}",
        "EVALFORGE_SECRET_KEY": "live-secret",
        "EVALFORGE_SECRET_FILE": str(tmp / "secret"),
        "EVALFORGE_AUTO_MIGRATE": "false",
        "EVALFORGE_ADMIN_EMAIL": ADMIN,
        "EVALFORGE_ADMIN_PASSWORD": PASSWORD,
        # The fake model and agent servers listen on loopback: allowed explicitly (JSON: a
        # plain comma list in the environment fails to parse, see docs/reliability.md).
        "EVALFORGE_AGENT_ALLOWED_HOSTS": '["127.0.0.1"]',
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "OPENAI_BASE_URL": model_base_url,
        "OPENAI_API_BASE": model_base_url,
        "OPENAI_API_KEY": "sk-fake",
        **extra,
    }


def wait_healthy(base_url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}: {_log_tail(proc)}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{base_url} not healthy after {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api_key(base_url: str, email: str = ADMIN, password: str = PASSWORD) -> str:
    """Log in and make an API key (a cookie write needs the Origin; a Bearer key does not)."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        login = client.post("/api/v1/auth/login/", json={"email": email, "password": password})
        assert login.status_code == 200, login.text
        key = client.post("/api/v1/api-keys/", json={"name": "live"}, headers={"Origin": base_url})
        assert key.status_code == 201, key.text
        return key.json()["key"]


def spawn(args: list[str], env: dict[str, str], cwd: Path, name: str) -> subprocess.Popen:
    """A process whose output goes to `<cwd>/<name>.log` (read it when a test fails)."""
    with open(cwd / f"{name}.log", "ab") as log:
        proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = cwd / f"{name}.log"  # type: ignore[attr-defined]
    return proc


def _log_tail(proc: subprocess.Popen) -> str:
    return proc.log_path.read_text(errors="replace")[-2000:]  # type: ignore[attr-defined]


def start_worker(env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return spawn([EVALFORGE, "worker"], env, cwd, f"worker-{uuid.uuid4().hex[:6]}")


@contextmanager
def serve(env: dict[str, str], cwd: Path, workers: int = 1) -> Iterator[Live]:
    """`evalforge serve` on a free port; with EVALFORGE_REDIS_URL, one `evalforge worker`."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    args = [EVALFORGE, "serve", "--port", str(port), "--workers", str(workers)]
    procs = [spawn(args, env, cwd, f"server-{port}")]
    try:
        if env.get("EVALFORGE_REDIS_URL"):
            procs.append(start_worker(env, cwd))
        wait_healthy(base_url, procs[0])
        live = Live(base_url, env, processes=procs)
        live.api_key = api_key(base_url)
        yield live
    finally:
        for proc in procs:
            stop(proc)
