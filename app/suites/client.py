"""The suite runner's one client of the REST API, over either transport: the embedded app
(httpx ASGITransport) or a server (`--server URL --api-key KEY`). Everything the runner does
goes through the API's own validation: dataset import, evaluators, prompt, experiment.

Re-runs against a server reuse what is identical: the dataset by name and content hash, each
evaluator by name and config hash, the prompt's latest version when its text is the same.
"""

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from app.suites.graders import Grader
from app.suites.report import FINISHED

FINISHED_STATUSES = ("completed", "failed", "cancelled")

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
    """`follow`: read progress from the experiment's event stream (a server over real HTTP);
    otherwise, and whenever the stream is unavailable, from the listing's counts."""

    def __init__(self, http: httpx.AsyncClient, follow: bool = False) -> None:
        self.http = http
        self.follow = follow
        self.live: LiveProgress | None = None

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
        """(status, finished runs): from the event stream when following (waiting for its
        next news), else from the listing's counts: one grouped count on the server, where
        the results document costs every row."""
        if self.follow:
            if self.live is None or self.live.experiment_id != experiment["id"]:
                self.live = LiveProgress(self.http, experiment["id"])
            state = await self.live.next()
            if state is not None:
                return state
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


async def sse_events(response: httpx.Response) -> AsyncIterator[tuple[str, str, Any]]:
    """(event, id, data) of a text/event-stream response; comments (heartbeats) skipped."""
    fields: dict[str, str] = {}
    async for line in response.aiter_lines():
        if line == "":
            if "event" in fields:
                yield fields["event"], fields.get("id", ""), json.loads(fields.get("data", "null"))
            fields = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")


class LiveProgress:
    """Follows GET /experiments/{id}/events/ in the background: the latest (status, finished)
    from its `status` and `progress` events. A dropped connection is resumed with
    Last-Event-ID; a refusal (429, 404) or repeated failures leave the caller to poll."""

    WAIT_S = 10.0  # longer than the server's heartbeat interval would be pointless
    RETRIES = 5

    def __init__(self, http: httpx.AsyncClient, experiment_id: str) -> None:
        self.http, self.experiment_id = http, experiment_id
        self.status, self.finished = "", 0
        self.news = asyncio.Event()
        self.task = asyncio.get_running_loop().create_task(self._follow())

    async def next(self) -> tuple[str, int] | None:
        """The state after the next news (or the current one after WAIT_S); None when the
        stream gave up before saying anything."""
        if not self.task.done():
            try:
                await asyncio.wait_for(self.news.wait(), self.WAIT_S)
            except TimeoutError:
                pass
        self.news.clear()
        if not self.status or (self.task.done() and self.status not in FINISHED_STATUSES):
            return None
        return self.status, self.finished

    async def _follow(self) -> None:
        last_id, failures = "", 0
        path = f"{API}/experiments/{self.experiment_id}/events/"
        while failures < self.RETRIES:
            headers = {"Last-Event-ID": last_id} if last_id else {}
            try:
                async with self.http.stream("GET", path, headers=headers,
                                            timeout=httpx.Timeout(60, read=60)) as response:
                    if response.status_code != 200:
                        return
                    async for kind, event_id, data in sse_events(response):
                        last_id, failures = event_id or last_id, 0
                        if kind == "progress":
                            self.finished = data["finished"]
                        elif kind in ("status", "end"):
                            self.status = data["status"]
                        self.news.set()
                        if kind == "end":
                            return
            except (httpx.TransportError, ValueError, KeyError):
                pass
            failures += 1
            await asyncio.sleep(0.5 * failures)
