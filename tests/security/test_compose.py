"""docker-compose.yml, checked without Docker (CI has none): the five services of the
production shape, their health checks, the start order they wait for, and that every
EVALFORGE_ variable it sets is a real setting (a misspelt one would be silently ignored).
Where docker-compose is installed, `docker-compose config` validates the file as well."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from app.config import Settings

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
SETTINGS = {f"EVALFORGE_{name.upper()}" for name in Settings.model_fields}


def _spec() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_services_health_checks_and_start_order() -> None:
    services = _spec()["services"]
    assert set(services) == {"postgres", "redis", "migrate", "api", "worker"}
    for name in ("postgres", "redis", "api"):
        check = services[name]["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and check["retries"] > 0, name
    assert "healthz" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["migrate"]["command"] == ["evalforge", "migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("api", "worker"):
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "redis": {"condition": "service_healthy"},
        }, name
        assert services[name]["restart"] == "unless-stopped"
    assert services["worker"]["command"] == ["evalforge", "worker"]
    assert services["api"]["command"][:2] == ["evalforge", "serve"]
    # The API and workers never migrate: the one-shot service does, before either starts.
    for name in ("migrate", "api", "worker"):
        env = services[name]["environment"]
        assert env["EVALFORGE_AUTO_MIGRATE"] == "false"
        assert env["EVALFORGE_DATABASE_URL"].startswith("postgresql+asyncpg://") and "@postgres:5432/" in env["EVALFORGE_DATABASE_URL"]
        assert env["EVALFORGE_REDIS_URL"] == "redis://redis:6379/0"


def test_every_evalforge_variable_is_a_setting() -> None:
    services = _spec()["services"]
    names = {key for service in services.values() for key in (service.get("environment") or {})
             if key.startswith("EVALFORGE_")}
    assert names >= {"EVALFORGE_DATABASE_URL", "EVALFORGE_REDIS_URL", "EVALFORGE_SECRET_KEY"}
    assert names <= SETTINGS, names - SETTINGS
    # Required secrets have no default: compose refuses to start without them.
    env = services["api"]["environment"]
    assert ":?" in env["EVALFORGE_SECRET_KEY"] and ":?" in env["EVALFORGE_ADMIN_PASSWORD"]


def test_docker_compose_accepts_the_file() -> None:
    binary = shutil.which("docker-compose")
    if binary is None:  # CI has no Docker: the structural checks above are the test there
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    env = {**os.environ, "EVALFORGE_SECRET_KEY": "k" * 48, "EVALFORGE_ADMIN_PASSWORD": "p" * 16}
    done = subprocess.run([binary, "-f", str(COMPOSE), "config", "-q"], check=False, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    missing = subprocess.run([binary, "-f", str(COMPOSE), "config", "-q"], check=False, capture_output=True, text=True,
                             timeout=60, env={k: v for k, v in env.items() if k != "EVALFORGE_SECRET_KEY"})
    assert missing.returncode != 0 and "EVALFORGE_SECRET_KEY" in missing.stderr
