"""Oversized model outputs (issue 13): a reply longer than EVALFORGE_MAX_OUTPUT_KB is cut to
it on whole UTF-8 characters, the run says output_truncated, the graders see the prefix and
the stored transcript keeps no more than the output."""

import csv
import io
import uuid

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.models import ExperimentRun
from bench.fakellm import FakeLLM, prompt_texts
from tests.engine.conftest import add_dataset, add_evaluator, run_to_end

HUGE = "é" * 3000 + "THE END"  # 6,007 bytes, two bytes a character


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_output_kb": 1})


def scripted(request: dict) -> str:
    """A runaway reply for the item that asks for one, an echo otherwise."""
    text = prompt_texts(request)[-1]
    return HUGE if "huge" in text else text


async def test_an_oversized_reply_is_cut_and_flagged(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = scripted
    dataset = await add_dataset(app, ["short", "huge please"], expected=["short", "x"])
    contains = await add_evaluator(client, "ends", "contains", {"value": "THE END"})
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [contains])
    assert experiment["status"] == "completed"
    rows = (await client.get(f"/api/v1/experiments/{experiment['id']}/results/")).json()["results"]
    by_input = {row["item_input"]: row for row in rows}
    short, huge = by_input["short"], by_input["huge please"]
    assert (short["output"], short["output_truncated"]) == ("short", False)
    assert huge["output_truncated"] is True
    assert huge["output"] == "é" * 512  # 1,024 bytes: whole characters only
    # The grader saw the cut output: the end of the reply is not in it.
    assert [s["numeric_value"] for s in huge["scores"]] == [0]
    async with app.state.sessionmaker() as db:
        run = await db.get(ExperimentRun, uuid.UUID(huge["id"]))
        assert run is not None
        assert run.messages[-1] == {"role": "assistant", "content": "é" * 512}
        assert "huge please" in str(run.messages[:-1])  # the item's own turn is kept whole
    export = await client.get(f"/api/v1/experiments/{experiment['id']}/results/", params={"format": "csv"})
    assert export.status_code == 200, export.text
    flags = {row["item_input"]: row["output_truncated"] for row in csv.DictReader(io.StringIO(export.text))}
    assert flags == {"short": "false", "huge please": "true"}
