"""Regenerates sdk/ (the typed Python client) from the app's OpenAPI spec: `make sdk`.

openapi-python-client pins a typer the project's venv cannot take, so it runs from a venv of
its own (EVALFORGE_SDK_VENV, default ~/.cache/evalforge/sdk-venv), created on first use; the
project's venv only dumps the spec. `--check` exits 1 when sdk/openapi.json is stale.
"""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SDK = ROOT / "sdk"
SPEC = SDK / "openapi.json"
PACKAGE_DIR = SDK / "evalforge-client"
GENERATOR = "openapi-python-client==0.29.1"
CONFIG = "project_name_override: evalforge-client\npackage_name_override: evalforge_client\n"


def spec_text() -> str:
    """The spec as the running app serves it, in a stable form (sorted keys, one indent)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    sys.path.insert(0, str(ROOT))
    from app.config import Settings
    from app.main import create_app

    spec = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:")).openapi()
    return json.dumps(spec, indent=1, sort_keys=True) + "\n"


def _generator() -> Path:
    home = Path(os.environ.get("EVALFORGE_SDK_VENV", Path.home() / ".cache/evalforge/sdk-venv"))
    tool = home / "bin" / "openapi-python-client"
    if not tool.exists():
        venv.create(home, with_pip=True)
        subprocess.run([home / "bin" / "pip", "install", "-q", GENERATOR], check=True)
    return tool


def generate() -> None:
    SDK.mkdir(exist_ok=True)
    SPEC.write_text(spec_text())
    config = SDK / "config.yaml"
    config.write_text(CONFIG)
    subprocess.run(
        [_generator(), "generate", "--path", SPEC, "--config", config, "--meta", "setup",
         "--output-path", PACKAGE_DIR, "--overwrite"],
        check=True,
    )
    print(f"{PACKAGE_DIR.relative_to(ROOT)} regenerated from the current OpenAPI spec")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        stale = not SPEC.exists() or SPEC.read_text() != spec_text()
        print("sdk/ is stale: run `make sdk`" if stale else "sdk/ is up to date")
        sys.exit(1 if stale else 0)
    generate()
