"""The `evalforge` command: migrate, create-user, serve (the embedded default)."""

import os
import subprocess
from pathlib import Path

import httpx

from tests.live import EVALFORGE, serving


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "EVALFORGE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "EVALFORGE_SECRET_FILE": str(tmp_path / "secret"),
        **extra,
    }


def test_migrate_then_create_user_then_login(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run([EVALFORGE, "migrate"], env=env, check=True, capture_output=True, cwd=tmp_path)
    done = subprocess.run(
        [EVALFORGE, "create-user", "--org", "acme", "--email", "ops@acme.test",
         "--password", "long-enough-pw", "--role", "viewer"],
        check=False, env=env, capture_output=True, text=True, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "created viewer ops@acme.test in organization acme" in done.stdout
    again = subprocess.run(
        [EVALFORGE, "create-user", "--org", "acme", "--email", "ops@acme.test", "--password", "long-enough-pw"],
        check=False, env=env, capture_output=True, text=True, cwd=tmp_path,
    )
    assert again.returncode == 1
    assert "already exists" in again.stdout


def test_create_user_refuses_bad_role(tmp_path: Path) -> None:
    done = subprocess.run(
        [EVALFORGE, "create-user", "--org", "a", "--email", "x@a.test", "--password", "long-enough-pw",
         "--role", "owner"],
        check=False, env=_env(tmp_path), capture_output=True, text=True, cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "role must be admin, member or viewer" in done.stdout


def test_serve_migrates_bootstraps_admin_and_serves_docs(tmp_path: Path) -> None:
    env = _env(tmp_path, EVALFORGE_ADMIN_EMAIL="boss@x.test", EVALFORGE_ADMIN_PASSWORD="long-enough-pw")
    with serving(env, tmp_path) as (base, _):
        assert httpx.get(f"{base}/docs").status_code == 200
        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "evalforge"
        login = httpx.post(f"{base}/api/v1/auth/login/", json={"email": "boss@x.test", "password": "long-enough-pw"})
        assert login.status_code == 200
        me = httpx.get(f"{base}/api/v1/auth/me/", cookies={"sessionid": login.cookies["sessionid"]})
        assert me.json()["organization"]["slug"] == "default"
