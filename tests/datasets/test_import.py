"""Bulk import: JSON payloads and .jsonl/.csv uploads, all or nothing, every bad line listed."""

import json

import httpx

API = "/api/v1/datasets/"
ORIGIN = {"Origin": "http://testserver"}


async def dataset(client: httpx.AsyncClient, name: str = "QA") -> str:
    return (await client.post(API, json={"name": name})).json()["id"]


async def upload(client: httpx.AsyncClient, ds: str, name: str, content: str | bytes, **params):
    return await client.post(
        f"{API}{ds}/import/", files={"file": (name, content)}, params=params, headers=ORIGIN
    )


async def items(client: httpx.AsyncClient, ds: str) -> list[dict]:
    return (await client.get(f"{API}{ds}/items/", params={"page_size": 500})).json()["results"]


async def test_seed_bulk_import_curl_flow(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    response = await client.post(f"{API}{ds}/import/", json={"items": [
        {"input": {"query": "How do I reset my password?"},
         "expected_output": {"answer": "Go to Settings > Security > Reset Password"}},
        {"input": {"query": "What are your pricing plans?"},
         "expected_output": {"answer": "We offer Free, Pro, and Enterprise plans"}},
        {"input": {"query": "How do I contact support?"},
         "expected_output": {"answer": "Email support@example.com or use the in-app chat"}},
    ]})
    assert response.status_code == 201
    assert response.json() == {"dataset_id": ds, "imported": 3, "total_items": 3}
    rows = await items(client, ds)
    assert [r["input"]["query"] for r in rows] == [
        "How do I reset my password?", "What are your pricing plans?", "How do I contact support?"]
    assert [r["sort_order"] for r in rows] == [0, 1, 2]


async def test_total_items_counts_what_was_there_before(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    await client.post(f"{API}{ds}/items/", json={"input": "first"})
    response = await client.post(f"{API}{ds}/import/", json={"items": [{"input": "a"}, {"input": "b"}]})
    assert response.json() == {"dataset_id": ds, "imported": 2, "total_items": 3}
    assert [r["sort_order"] for r in await items(client, ds)] == [0, 1, 2]


async def test_json_import_lists_every_bad_item_and_writes_nothing(client) -> None:
    ds = await dataset(client)
    response = await client.post(f"{API}{ds}/import/", json={"items": [
        {"input": "ok"}, {"expected_output": "no input"}, {"input": "x", "tags": "t"},
        {"input": None},
    ]})
    assert response.status_code == 422
    locs = [e["loc"] for e in response.json()["detail"]]
    assert locs == [["body", "items", 1, "input"], ["body", "items", 2, "tags"],
                    ["body", "items", 3, "input"]]
    assert await items(client, ds) == []
    assert (await client.get(f"{API}{ds}/")).json()["item_count"] == 0


async def test_json_import_without_items_or_with_broken_json_is_422(client) -> None:
    ds = await dataset(client)
    missing = await client.post(f"{API}{ds}/import/", json={})
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "items"]
    broken = await client.post(f"{API}{ds}/import/", content=b"{not json",
                               headers={"Content-Type": "application/json"})
    assert broken.status_code == 422 and broken.json()["detail"][0]["type"] == "json_invalid"


async def test_jsonl_file_maps_the_suite_fields(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    lines = [
        {"id": 1, "input": "What is the capital of France?", "ground_truth": "Paris",
         "tags": ["geography", "easy"], "metadata": {"region": "Europe"}},
        {"id": 2, "input": "Calculate the square root of 144", "ground_truth": "12",
         "tags": ["math", "medium"]},
        {"id": 3, "input": ["Hello", "What can you help me with?"], "tags": ["conversation"]},
        {"input": "Write a story", "rubric_vars": {"max_length": 500}, "agent_args": {"item": {"sku": "S"}},
         "extra_vars": {"file_path": "a.py"}, "rubric": "Score it"},
    ]
    content = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    response = await upload(client, ds, "cases.jsonl", content)
    assert response.status_code == 201, response.text
    assert response.json() == {"dataset_id": ds, "imported": 4, "total_items": 4}
    rows = await items(client, ds)
    assert [(r["external_id"], r["input"], r["expected_output"], r["tags"]) for r in rows] == [
        ("1", "What is the capital of France?", "Paris", ["geography", "easy"]),
        ("2", "Calculate the square root of 144", "12", ["math", "medium"]),
        ("3", ["Hello", "What can you help me with?"], None, ["conversation"]),
        (None, "Write a story", None, []),
    ]
    assert rows[0]["metadata"] == {"region": "Europe"}
    assert rows[3]["rubric_vars"] == {"max_length": 500}
    assert rows[3]["agent_args"] == {"item": {"sku": "S"}}
    assert rows[3]["metadata"] == {"extra_vars": {"file_path": "a.py"}, "rubric": "Score it"}


async def test_csv_file_parses_json_cells_and_keeps_extra_columns(client) -> None:
    ds = await dataset(client)
    content = (
        "sample_id,input,ground_truth,agent_args,rubric_vars,tags\n"
        's1,"[""Remember that my favorite color is blue"", ""What\'s my favorite color?""]",blue,,,\n'
        's2,"What items do we have?",,"{""initial_inventory"": [""apple"", ""banana""]}",,"[""inv""]"\n'
        's3,"Write a story\nwith two lines",,,"{""max_length"": 500, ""genre"": ""sci-fi""}",\n'
        's4,"[not json",x,,,\n'
    )
    response = await upload(client, ds, "cases.csv", content)
    assert response.status_code == 201, response.text
    rows = await items(client, ds)
    assert [r["input"] for r in rows] == [
        ["Remember that my favorite color is blue", "What's my favorite color?"],
        "What items do we have?", "Write a story\nwith two lines", "[not json"]
    assert [r["expected_output"] for r in rows] == ["blue", None, None, "x"]
    assert rows[1]["agent_args"] == {"initial_inventory": ["apple", "banana"]}
    assert rows[1]["tags"] == ["inv"]
    assert rows[2]["rubric_vars"] == {"max_length": 500, "genre": "sci-fi"}
    assert [r["metadata"] for r in rows] == [{"sample_id": f"s{i}"} for i in range(1, 5)]


async def test_jsonl_errors_list_every_bad_line_and_nothing_is_written(client) -> None:
    ds = await dataset(client)
    content = (
        '{"input": "fine"}\n'
        '{"input": "broken"\n'
        '\n'
        '{"ground_truth": "no input"}\n'
        '{"input": "x", "tags": "math"}\n'
        '{"input": "x", "tags": ["ok", 3], "agent_args": [1]}\n'
        '[1, 2]\n'
        '{"input": "last fine"}'
    )
    response = await upload(client, ds, "bad.jsonl", content)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["line"], e["field"]) for e in detail] == [
        (2, None), (4, "input"), (5, "tags"), (6, "tags"), (6, "agent_args"), (7, None)]
    assert detail[1]["message"] == "input is required"
    assert detail[2]["message"] == "tags must be a list of strings"
    assert detail[4]["message"] == "agent_args must be a JSON object"
    assert detail[0]["message"].startswith("invalid JSON")
    assert await items(client, ds) == []


async def test_csv_errors_use_physical_line_numbers(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    content = (
        "input,tags,agent_args\n"
        '"a question\nover two lines",,\n'   # lines 2-3
        ',"[""t""]",\n'                        # line 4: no input
        'q,"not json",\n'                      # line 5
        'q,,"[1]"\n'                           # line 6
        'q,"[1]",\n'                           # line 7
    )
    response = await upload(client, ds, "bad.csv", content)
    assert response.status_code == 422
    assert [(e["line"], e["field"]) for e in response.json()["detail"]] == [
        (4, "input"), (5, "tags"), (6, "agent_args"), (7, "tags")]
    assert await items(client, ds) == []


async def test_failure_on_the_last_line_leaves_zero_items(client, app) -> None:
    app.state.settings.import_chunk_rows = 3  # several chunks are inserted before the bad line
    ds = await dataset(client)
    content = "".join(json.dumps({"input": f"q{i}"}) + "\n" for i in range(10)) + '{"tags": []}\n'
    response = await upload(client, ds, "late.jsonl", content)
    assert response.status_code == 422
    assert response.json() == {"detail": [{"line": 11, "field": "input", "message": "input is required"}]}
    assert await items(client, ds) == []
    assert (await client.get(f"{API}{ds}/")).json()["item_count"] == 0
    ok = await upload(client, ds, "ok.jsonl", content.rsplit("\n", 2)[0] + "\n")
    assert ok.json() == {"dataset_id": ds, "imported": 10, "total_items": 10}
    assert [r["sort_order"] for r in await items(client, ds)] == list(range(10))


async def test_utf8_bom_and_crlf_are_accepted(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    jsonl = "\ufeff" + '{"input": "héllo"}\r\n{"input": "b"}\r\n'
    assert (await upload(client, ds, "bom.jsonl", jsonl.encode())).status_code == 201
    csv_bytes = "\ufeffinput,ground_truth\r\nq,a\r\n".encode()
    assert (await upload(client, ds, "bom.csv", csv_bytes)).status_code == 201
    rows = await items(client, ds)
    assert [(r["input"], r["expected_output"]) for r in rows] == [("héllo", None), ("b", None), ("q", "a")]


async def test_invalid_utf8_line_is_reported(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    response = await upload(client, ds, "x.jsonl", b'{"input": "a"}\n{"input": "\xff"}\n')
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"line": 2, "field": None, "message": "the line is not valid UTF-8"}]


async def test_format_parameter_overrides_and_unknown_extension_is_422(client) -> None:
    ds = await dataset(client)
    unknown = await upload(client, ds, "cases.txt", "input\nq\n")
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "file"]
    forced = await upload(client, ds, "cases.txt", "input\nq\n", format="csv")
    assert forced.json()["imported"] == 1
    bad_format = await upload(client, ds, "cases.csv", "input\nq\n", format="xml")
    assert bad_format.status_code == 422 and bad_format.json()["detail"][0]["loc"] == ["query", "format"]


async def test_csv_without_input_column_is_422(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    response = await upload(client, ds, "x.csv", "question,answer\nq,a\n")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"line": 1, "field": "input", "message": "the CSV header has no input column"}]


async def test_multipart_without_file_field_is_422(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    response = await client.post(f"{API}{ds}/import/", data={"other": "x"},
                                 files={"attachment": ("a.jsonl", b"{}")}, headers=ORIGIN)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


async def test_raw_body_upload_with_file_content_type(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    response = await client.post(f"{API}{ds}/import/", content=b"input\nq1\nq2\n",
                                 headers={**ORIGIN, "Content-Type": "text/csv"})
    assert response.status_code == 201 and response.json()["imported"] == 2


async def test_oversize_upload_is_413_by_content_length(client, app) -> None:
    app.state.settings.max_upload_mb = 1
    ds = await dataset(client)
    big = ('{"input": "' + "x" * 1000 + '"}\n') * 1100  # about 1.1 MB
    response = await upload(client, ds, "big.jsonl", big)
    assert response.status_code == 413
    assert response.json() == {"detail": "The file is larger than the 1 MB upload limit."}
    assert await items(client, ds) == []


async def test_oversize_upload_without_content_length_is_counted_and_413(client, app) -> None:
    app.state.settings.max_upload_mb = 1
    app.state.settings.import_chunk_rows = 100  # rows are inserted before the limit is hit
    ds = await dataset(client)
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jsonl\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    line = ('{"input": "' + "x" * 1000 + '"}\n').encode()

    async def body():
        yield head
        for _ in range(1100):
            yield line
        yield f"\r\n--{boundary}--\r\n".encode()

    response = await client.post(f"{API}{ds}/import/", content=body(), headers={
        **ORIGIN, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413
    assert await items(client, ds) == []
    assert (await client.get(f"{API}{ds}/")).json()["item_count"] == 0


async def test_cookie_upload_needs_same_site_origin_or_csrf_token(client) -> None:
    ds = await dataset(client)
    files = {"file": ("a.jsonl", b'{"input": "q"}\n')}
    refused = await client.post(f"{API}{ds}/import/", files=files)
    assert refused.status_code == 403
    foreign = await client.post(f"{API}{ds}/import/", files=files, headers={"Origin": "http://evil.test"})
    assert foreign.status_code == 403
    token = (await client.get("/api/v1/auth/me/")).json()["csrf_token"]
    ok = await client.post(f"{API}{ds}/import/", files=files, headers={"X-CSRF-Token": token})
    assert ok.status_code == 201 and ok.json()["imported"] == 1
