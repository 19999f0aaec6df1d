"""The experiment and comparison pages show each result's tool calls (issue 12), escaped."""

import httpx
from fastapi import FastAPI

from bench.fakellm import FakeLLM
from tests.engine.conftest import run_to_end
from tests.engine.test_tools import CALC_CALL, CALCULATOR, tool_dataset

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


async def test_tool_calls_show_on_the_result_and_comparison_pages_escaped(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"tool_calls": [CALC_CALL]}, contains="15 * 23", before_tool_result=True)
    dataset = await tool_dataset(client, [{"input": "Calculate 15 * 23"}])
    config = {"model": "gpt-4o-mini", "tools": [CALCULATOR],
              "tool_results": {"calculator": f"345 {SCRIPT}"}}
    a = (await run_to_end(client, dataset, config))["id"]
    b = (await run_to_end(client, dataset, config))["id"]
    page = (await client.get(f"/ui/experiments/{a}/")).text
    assert "1 tool call: calculator</summary>" in page
    assert "<b>calculator</b>(<code>{" in page
    assert "&#34;expression&#34;: &#34;15 * 23&#34;" in page
    assert f"<code>345 {ESCAPED}</code>" in page
    assert SCRIPT not in page
    compare = (await client.get(f"/ui/compare/?experiment_ids={a},{b}")).text
    assert compare.count("1 tool call: calculator</summary>") == 2  # baseline and candidate
    assert SCRIPT not in compare
    assert len(fake_llm.requests) == 4  # each run: the call, then the answer after the result
