"""The suite runner's one client of the REST API, over either transport: the embedded app
(httpx ASGITransport) or a server (`--server URL --api-key KEY`). Everything the runner does
goes through the API's own validation: dataset import, evaluators, prompt, experiment.

Re-runs against a server reuse what is identical: the dataset by name and content hash, each
evaluator by name and config hash, the prompt's latest version when its text is the same.
"""

import hashlib
import json
from typing import Any

import httpx

from app.suites.graders import Grader
from app.suites.report import FINISHED

API = "/api/v1"


class ApiError(Exception):
    """The server refused a request; `detail` is its error body."""

    def __init__(self, what: str, response: httpx.Response) -> None:
        try:
            self.detail = response.json().get("detail")
        except ValueError:
            self.detail = response.text[:500]
        self.status = response.status_code
        super().__init__(f"{what}: HTTP {response.status_code}: {self.detail}")


def digest(value: Any) -> str:
    text = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True).encode()
    return hashlib.sha256(text).hexdigest()[:12]


class SuiteClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def _call(self, what: str, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.http.request(method, API + path, **kwargs)
        if response.status_code >= 400:
            raise ApiError(what, response)
        return response.json() if response.content else None

    async def _find(self, collection: str, name: str) -> dict | None:
        page = await self._call(f"search {collection}", "GET", f"/{collection}/",
                                params={"search": name, "page_size": 500})
        return next((row for row in page["results"] if row["name"] == name), None)

    async def dataset(self, stem: str, content: bytes) -> str:
        """The dataset holding exactly `content` (JSONL): found by name + hash, or imported."""
        name = f"{stem} [{digest(content)}]"
        found = await self._find("datasets", name)
        if found is not None and found.get("item_count"):
            return found["id"]
        if found is None:
            found = await self._call("create dataset", "POST", "/datasets/", json={
                "name": name, "metadata": {"content_hash": digest(content), "source": "suite"}})
        await self._call("import dataset", "POST", f"/datasets/{found['id']}/import/",
                         params={"format": "jsonl"},
                         files={"file": (f"{stem}.jsonl", content, "application/x-ndjson")})
        return found["id"]

    async def evaluator(self, suite: str, grader: Grader) -> str:
        body = grader.evaluator()
        name = f"{suite}/{grader.metric} [{digest([body['kind'], body['config']])}]"
        found = await self._find("evaluators", name)
        if found is not None:
            return found["id"]
        created = await self._call(f"create evaluator {grader.metric}", "POST", "/evaluators/",
                                   json={**body, "name": name})
        return created["id"]

    async def prompt(self, name: str, prompt: dict[str, Any]) -> int:
        """The version of prompt `name` with this text: the latest when identical, else a new one."""
        response = await self.http.get(f"{API}/prompts/{name}/")
        if response.status_code == 200:
            latest = response.json()
            if all(latest.get(key) == value for key, value in prompt.items()):
                return latest["version"]
        created = await self._call("create prompt", "POST", "/prompts/", json={"name": name, **prompt})
        return created["version"]

    async def experiment(self, body: dict[str, Any]) -> dict[str, Any]:
        created = await self._call("create experiment", "POST", "/experiments/", json=body)
        await self._call("start experiment", "POST", f"/experiments/{created['id']}/start/")
        return created

    async def progress(self, experiment: dict[str, Any]) -> tuple[str, int]:
        """(status, finished runs) from the listing's counts: one grouped count on the server,
        where the results document costs every row."""
        page = await self._call("read progress", "GET", "/experiments/",
                                params={"search": experiment["name"], "page_size": 500})
        row = next(r for r in page["results"] if r["id"] == experiment["id"])
        counts = row["counts"]
        return row["status"], sum(counts.get(status, 0) for status in FINISHED)

    async def results(self, experiment_id: str) -> dict[str, Any]:
        return await self._call("read results", "GET", f"/experiments/{experiment_id}/results/")

    async def verdict(self, experiment_id: str, baseline: str) -> dict[str, Any]:
        """The server's verdict against `baseline` (an experiment id, or "pinned": the
        dataset's pinned baseline) under the default policy (docs/ci.md)."""
        params = {} if baseline == "pinned" else {"baseline": baseline}
        return await self._call("read the verdict", "GET", f"/experiments/{experiment_id}/verdict/",
                                params=params)

    async def cancel(self, experiment_id: str) -> None:
        response = await self.http.post(f"{API}/experiments/{experiment_id}/cancel/")
        if response.status_code not in (200, 409):  # 409: it finished meanwhile
            raise ApiError("cancel experiment", response)
