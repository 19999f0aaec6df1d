"""`evalforge serve` (and `evalforge worker`) as real processes on a free port: the one
helper behind every test that must speak HTTP to a live server (CLI, suites --server, schema
fuzzing and the SDK, faults, the browser tests). Output goes to `<cwd>/<name>.log`; a
server that exits before it is healthy fails with the end of that log."""

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

EVALFORGE = str(Path(sys.executable).with_name("evalforge"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(args: list[str], env: dict[str, str], cwd: Path, name: str) -> subprocess.Popen:
    """A process whose output goes to `<cwd>/<name>.log` (read it when a test fails)."""
    with open(cwd / f"{name}.log", "ab") as log:
        proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = cwd / f"{name}.log"  # type: ignore[attr-defined]
    return proc


def log_tail(proc: subprocess.Popen) -> str:
    return proc.log_path.read_text(errors="replace")[-2000:]  # type: ignore[attr-defined]


def wait_healthy(base_url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}: {log_tail(proc)}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{base_url} not healthy after {timeout}s: {log_tail(proc)}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def start_worker(env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return spawn([EVALFORGE, "worker"], env, cwd, f"worker-{uuid.uuid4().hex[:6]}")


@contextmanager
def serving(env: dict[str, str], cwd: Path, *serve_args: str) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """(base URL, [server, worker?]) of a healthy `evalforge serve` on a free port; with
    EVALFORGE_REDIS_URL set, one `evalforge worker` runs the experiments (production shape)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    procs = [spawn([EVALFORGE, "serve", "--port", str(port), *serve_args], env, cwd, f"server-{port}")]
    try:
        if env.get("EVALFORGE_REDIS_URL"):
            procs.append(start_worker(env, cwd))
        wait_healthy(base_url, procs[0])
        yield base_url, procs
    finally:
        for proc in procs:
            stop(proc)
