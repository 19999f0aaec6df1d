"""CSV formula injection (OWASP) in the dataset and result exports: a text cell starting with
= + - @, a tab or a carriage return leaves with a single quote in front, so a spreadsheet
shows it as text; the dataset importer takes exactly that quote off again, so an export
re-imports equal, a text that really starts with a quote and = included."""

import csv
import io

import httpx

from bench.fakellm import FakeLLM
from tests.engine.conftest import run_to_end

API = "/api/v1"
ORIGIN = {"Origin": "http://testserver"}
FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\tx=1", "\r=1"]
# Texts that must not be confused with an escape: a real leading quote before a formula, a
# quote before plain text, quotes alone.
LOOKALIKES = ["'=1+1", "''@x", "'plain", "'", "a=b", "plain"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


async def _items(client: httpx.AsyncClient, dataset_id: str) -> list[dict]:
    body = (await client.get(f"{API}/datasets/{dataset_id}/items/", params={"page_size": 100})).json()
    keys = ("input", "expected_output", "tags", "metadata", "context")
    return [{k: item[k] for k in keys} for item in body["results"]]


async def test_dataset_csv_escapes_formulas_and_reimports_equal(client: httpx.AsyncClient) -> None:
    source = (await client.post(f"{API}/datasets/", json={"name": "source"})).json()["id"]
    texts = FORMULAS + LOOKALIKES
    items = [{"input": text, "expected_output": text, "tags": [text], "metadata": {"k": text},
              "context": {"c": text}} for text in texts]
    imported = await client.post(f"{API}/datasets/{source}/import/", json={"items": items})
    assert imported.status_code == 201, imported.text
    exported = await client.get(f"{API}/datasets/{source}/export/", params={"format": "csv"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text, newline="")))
    assert [row["input"] for row in rows] == ["'" + t for t in FORMULAS] + ["''=1+1", "'''@x", *LOOKALIKES[2:]]
    assert [row["ground_truth"] for row in rows] == [row["input"] for row in rows]
    for row in rows:  # no cell of the file starts a formula
        assert not any(cell.startswith(TRIGGERS) for cell in row.values()), row
    target = (await client.post(f"{API}/datasets/", json={"name": "target"})).json()["id"]
    response = await client.post(f"{API}/datasets/{target}/import/", headers=ORIGIN,
                                 files={"file": ("export.csv", exported.content)})
    assert response.status_code == 201, response.text
    assert response.json()["imported"] == len(texts)
    assert await _items(client, target) == await _items(client, source)


async def test_result_csv_escapes_model_output_and_item_text(client: httpx.AsyncClient, fake_llm: FakeLLM) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "formulas"})).json()["id"]
    items = [{"input": text, "expected_output": text} for text in FORMULAS + LOOKALIKES]
    assert (await client.post(f"{API}/datasets/{dataset}/import/", json={"items": items})).status_code == 201
    exact = (await client.post(f"{API}/evaluators/", json={"name": "exact", "kind": "exact_match",
                                                          "config": {}})).json()["id"]
    # The fake model echoes the item: its output is the formula too.
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact])  # type: ignore[arg-type]
    assert experiment["status"] == "completed"
    export = await client.get(f"{API}/experiments/{experiment['id']}/results/", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(export.text, newline="")))
    assert len(rows) == len(items)
    for row in rows:
        assert not any(cell.startswith(TRIGGERS) for cell in row.values()), row
        assert row["output"] == row["item_input"] and row["score:exact"] == "1.0"
    assert sorted(row["output"] for row in rows) == sorted(
        ["'" + t for t in FORMULAS] + ["''=1+1", "'''@x", *LOOKALIKES[2:]])
    # The JSON results are the values themselves: the escape is the CSV file's alone.
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["results"]
    assert sorted(r["output"] for r in results) == sorted(FORMULAS + LOOKALIKES)
