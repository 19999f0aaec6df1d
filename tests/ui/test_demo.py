"""`evalforge demo`: with no provider key, it loads the workspace, runs Compare Versions on the
bundled model and prints the link; the comparison shows improvements and regressions."""

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from app.config import Settings
from app.main import create_app
from app.ui.demo_model import free_port

EVALFORGE = str(Path(sys.executable).with_name("evalforge"))


def _demo(tmp_path: Path, port: int) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVALFORGE_", "OPENAI_"))}
    env.update(
        EVALFORGE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}",
        EVALFORGE_SECRET_FILE=str(tmp_path / "secret"), LITELLM_LOCAL_MODEL_COST_MAP="True",
        COLUMNS="200",
    )
    done = subprocess.run(
        [EVALFORGE, "demo", "--port", str(port), "--exit-when-done"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


async def test_demo_prints_a_comparison_with_improvements_and_regressions(tmp_path: Path) -> None:
    port = free_port()
    out = _demo(tmp_path, port)
    assert "Log in as demo@evalforge.local / evalforge-demo" in out
    assert "Experiments completed and completed. The comparison:" in out
    link = re.search(rf"http://127\.0\.0\.1:{port}(/ui/compare/\?experiment_ids=[0-9a-f,-]+)", out).group(1)
    again = _demo(tmp_path, port)  # a second run reuses the workspace, runs a fresh pair
    assert "Experiments completed and completed." in again

    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}", secret_file=str(tmp_path / "s2"),
        auto_migrate=False,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            login = await client.post("/api/v1/auth/login/", json={
                "email": "demo@evalforge.local", "password": "evalforge-demo"})
            assert login.status_code == 200
            datasets = (await client.get("/api/v1/datasets/")).json()
            assert [(d["name"], d["item_count"]) for d in datasets["results"]] == [("Support Agent QA", 8)]
            page = await client.get(link)
    assert page.status_code == 200
    assert "4 improved · 2 regressed · 2 unchanged · 0 with errors · showing 8" in page.text
    means = re.findall(r"<td>mean ([\d.]+) ", page.text)
    # exact: v1 then v2; helpfulness (the judge): v1 then v2.
    assert means == ["0.5", "0.75", "0.615", "0.777"]
