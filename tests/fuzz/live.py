"""A real evalforge server in a subprocess (uvicorn over a socket), for the tests that must
speak HTTP the way a client does: schema fuzzing, the generated SDK, faults and load."""

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.conftest import REDIS_URL
from tests.live import serving

ADMIN = "admin@live.test"
PASSWORD = "correct-horse-battery"


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


def api_key(base_url: str, email: str = ADMIN, password: str = PASSWORD) -> str:
    """Log in and make an API key (a cookie write needs the Origin; a Bearer key does not)."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        login = client.post("/api/v1/auth/login/", json={"email": email, "password": password})
        assert login.status_code == 200, login.text
        key = client.post("/api/v1/api-keys/", json={"name": "live"}, headers={"Origin": base_url})
        assert key.status_code == 201, key.text
        return key.json()["key"]


@contextmanager
def serve(env: dict[str, str], cwd: Path, workers: int = 1) -> Iterator[Live]:
    """`evalforge serve` on a free port, logged in with an API key of the bootstrap admin;
    with EVALFORGE_REDIS_URL, one `evalforge worker` (tests.live.serving)."""
    with serving(env, cwd, "--workers", str(workers)) as (base_url, procs):
        yield Live(base_url, env, api_key(base_url), processes=procs)
