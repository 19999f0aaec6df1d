"""Every user value is escaped: an item, output and expected output of <script>alert(1)</script>
show as text on every page that shows them, the word diff included."""

import httpx

from bench.fakellm import FakeLLM
from tests.ui.conftest import SCRIPT, demo_pair

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _assert_escaped(html: str, times: int) -> None:
    assert SCRIPT not in html
    assert "<script>alert" not in html
    assert html.count(ESCAPED) >= times, html.count(ESCAPED)


async def test_script_in_input_output_and_expected_is_text_everywhere(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    # An unknown question: the demo model answers "Sorry, I have no answer for: <input>",
    # so the output carries the script too.
    item = {"input": SCRIPT, "expected_output": {"answer": SCRIPT}, "tags": [SCRIPT]}
    dataset_id, a, b = await demo_pair(client, fake_llm, [item])
    await client.put(f"/api/v1/datasets/{dataset_id}/", json={"description": SCRIPT})

    dataset = await client.get(f"/ui/datasets/{dataset_id}/")
    _assert_escaped(dataset.text, 3)  # description, input, tag (+ expected inside JSON)
    experiment = await client.get(f"/ui/experiments/{b}/")
    _assert_escaped(experiment.text, 2)  # input and output
    compare = await client.get(f"/ui/compare/?experiment_ids={a},{b}")
    _assert_escaped(compare.text, 3)
    # In the diff against the expected output the tokens are escaped one by one.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in compare.text
    search = await client.get(f"/ui/compare/?experiment_ids={a},{b}&q={SCRIPT}")
    _assert_escaped(search.text, 1)
    listing = await client.get(f"/ui/datasets/?search={SCRIPT}")
    _assert_escaped(listing.text, 1)  # the search box echoes it
