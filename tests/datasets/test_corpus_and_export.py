"""Every corpus file imports; exports write the suite format back and re-import equal."""

import csv
import io
import json
import os
from pathlib import Path

import httpx
import pytest

API = "/api/v1/datasets/"
ORIGIN = {"Origin": "http://testserver"}
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "letta-evals"
MISSING = (f"the shared corpus is not at {CORPUS}: the corpus tests need the shared/ folder "
           "beside this checkout")
# Without it, one placeholder per parametrized test, so it still reports (skip, or fail in CI).
CORPUS_FILES = (sorted(p for p in CORPUS.iterdir() if p.suffix in (".jsonl", ".csv"))
                if CORPUS.is_dir() else [CORPUS / "missing.jsonl"])
KNOWN = {"input", "ground_truth", "tags", "agent_args", "rubric_vars", "metadata", "id"}
COMPARED = ("input", "expected_output", "context", "tags", "agent_args", "rubric_vars", "metadata",
            "external_id")


async def dataset(client: httpx.AsyncClient, name: str) -> str:
    return (await client.post(API, json={"name": name})).json()["id"]


async def upload(client: httpx.AsyncClient, ds: str, name: str, content: bytes) -> httpx.Response:
    return await client.post(f"{API}{ds}/import/", files={"file": (name, content)}, headers=ORIGIN)


async def all_items(client: httpx.AsyncClient, ds: str) -> list[dict]:
    out, url = [], f"{API}{ds}/items/?page_size=500"
    while url:
        body = (await client.get(url)).json()
        out += body["results"]
        url = body["next"]
    return out


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


@pytest.fixture
def corpus_present() -> None:
    """A checkout without ../shared skips the corpus tests on a laptop; CI must have it."""
    if CORPUS.is_dir():
        return
    if in_ci():
        pytest.fail(f"{MISSING} (CI is set: the corpus must be there)")
    pytest.skip(f"{MISSING} (CI unset: skipped)")


needs_corpus = pytest.mark.usefixtures("corpus_present")


def expected_records(path: Path) -> list[dict]:
    """The file's records as the importer must store them, read with the stdlib."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return list(csv.DictReader(io.StringIO(text)))


@needs_corpus
def test_the_corpus_is_there() -> None:
    assert len(CORPUS_FILES) == 13


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
async def test_every_corpus_file_imports_with_fields_in_place(client, path: Path) -> None:
    ds = await dataset(client, path.stem[:200])
    response = await upload(client, ds, path.name, path.read_bytes())
    assert response.status_code == 201, response.text[:2000]
    records = expected_records(path)
    assert response.json() == {"dataset_id": ds, "imported": len(records), "total_items": len(records)}
    stored = await all_items(client, ds)
    for record, item in zip(records, stored, strict=True):
        if path.suffix == ".jsonl":
            assert item["input"] == record["input"]
            assert item["expected_output"] == record.get("ground_truth")
            assert item["agent_args"] == record.get("agent_args")
            assert item["rubric_vars"] == record.get("rubric_vars")
            assert item["tags"] == record.get("tags", [])
            extras = {k: v for k, v in record.items() if k not in KNOWN}
            assert item["metadata"] == ({**extras, **record.get("metadata", {})} or None)
        else:
            assert item["input"] == record["input"]
            assert item["rubric_vars"] == json.loads(record["rubric_vars"])
            extras = {k: v for k, v in record.items() if k not in KNOWN and v != ""}
            assert item["metadata"] == (extras or None)


@needs_corpus
async def test_multiturn_corpus_file_keeps_list_inputs_and_ground_truths(client) -> None:
    path = CORPUS / "examples__multiturn-per-turn-grading__dataset.jsonl"
    ds = await dataset(client, "multiturn")
    assert (await upload(client, ds, path.name, path.read_bytes())).status_code == 201
    first = (await all_items(client, ds))[0]
    assert first["input"] == ["Answer with only the capital: France",
                              "Answer with only the capital: Germany",
                              "Answer with only the capital: Italy"]
    assert first["expected_output"] == ["Paris", "Berlin", "Rome"]


@needs_corpus
async def test_unknown_fields_land_in_metadata(client) -> None:
    ds = await dataset(client, "edit")
    path = CORPUS / "examples__letta-code-simple-edit__dataset.jsonl"
    await upload(client, ds, path.name, path.read_bytes())
    first = (await all_items(client, ds))[0]
    assert first["metadata"] == {"extra_vars": {"file_path": "sandbox/task_1.py"}}
    ds2 = await dataset(client, "skills")
    path = CORPUS / "letta-leaderboard__skills-suite__dataset_use.csv"
    await upload(client, ds2, path.name, path.read_bytes())
    first = (await all_items(client, ds2))[0]
    assert first["metadata"] == {"sample_id": "sample-0", "skill": "algorithmic-art"}


async def test_export_headers_and_jsonl_shape(client: httpx.AsyncClient) -> None:
    ds = (await client.post(API, json={"name": "Support QA/v2"})).json()["id"]
    await client.post(f"{API}{ds}/import/", json={"items": [
        {"input": "q", "expected_output": "a", "tags": ["t"], "external_id": "7"},
        {"input": {"query": "x"}, "metadata": {"m": 1}, "external_id": "ext-1"},
    ]})
    response = await client.get(f"{API}{ds}/export/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.headers["content-disposition"] == 'attachment; filename="Support-QA-v2.jsonl"'
    assert [json.loads(line) for line in response.text.splitlines()] == [
        {"input": "q", "ground_truth": "a", "tags": ["t"], "id": 7},
        {"input": {"query": "x"}, "metadata": {"m": 1}, "id": "ext-1"},
    ]
    as_csv = await client.get(f"{API}{ds}/export/", params={"format": "csv"})
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.headers["content-disposition"] == 'attachment; filename="Support-QA-v2.csv"'
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert rows[0] == {"input": "q", "ground_truth": "a", "tags": '["t"]', "agent_args": "",
                       "rubric_vars": "", "metadata": "", "id": "7", "context": ""}
    assert rows[1]["input"] == '{"query": "x"}' and rows[1]["metadata"] == '{"m": 1}'
    bad = await client.get(f"{API}{ds}/export/", params={"format": "xml"})
    assert bad.status_code == 422


async def test_export_of_an_empty_dataset(client: httpx.AsyncClient) -> None:
    ds = await dataset(client, "empty")
    assert (await client.get(f"{API}{ds}/export/")).text == ""
    csv_text = (await client.get(f"{API}{ds}/export/", params={"format": "csv"})).text
    assert csv_text == "input,ground_truth,tags,agent_args,rubric_vars,metadata,id,context\n"


def _comparable(items: list[dict]) -> list[dict]:
    return [{k: item[k] for k in COMPARED} for item in items]


@needs_corpus
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
async def test_round_trip_gives_equal_items(client, fmt: str) -> None:
    source = await dataset(client, "source")
    await client.post(f"{API}{source}/import/", json={"items": [
        {"input": {"query": "How do I reset my password?"}, "expected_output": {"answer": "Settings"},
         "tags": ["a", "b"], "metadata": {"m": [1, 2]}, "external_id": 1},
        {"input": ["Hello", "What's your name?"], "expected_output": ["hi", "Alice"],
         "agent_args": {"item": {"sku": "S", "price": 19.99}}, "rubric_vars": {"ref": "x\ny"}},
        {"input": "Plain, with \"quotes\"\nand a newline", "expected_output": "yes",
         "context": {"category": "account"}, "external_id": "abc"},
    ]})
    corpus = CORPUS / "examples__programmatic-agent-creation__dataset.jsonl"
    assert (await upload(client, source, corpus.name, corpus.read_bytes())).status_code == 201
    exported = await client.get(f"{API}{source}/export/", params={"format": fmt})
    target = await dataset(client, "target")
    response = await upload(client, target, f"export.{fmt}", exported.content)
    assert response.status_code == 201, response.text
    assert response.json()["imported"] == 8
    assert _comparable(await all_items(client, target)) == _comparable(await all_items(client, source))


@needs_corpus
@pytest.mark.parametrize("path", [
    CORPUS / "letta-leaderboard__skills-suite__dataset_select_use.csv",
    CORPUS / "examples__multiturn-per-turn-grading__dataset.jsonl",
], ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
async def test_corpus_round_trip(client, path: Path, fmt: str) -> None:
    source = await dataset(client, "source")
    assert (await upload(client, source, path.name, path.read_bytes())).status_code == 201
    exported = await client.get(f"{API}{source}/export/", params={"format": fmt})
    target = await dataset(client, "target")
    assert (await upload(client, target, f"x.{fmt}", exported.content)).status_code == 201
    assert _comparable(await all_items(client, target)) == _comparable(await all_items(client, source))
