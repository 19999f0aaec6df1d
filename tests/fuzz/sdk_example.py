"""The seed's Python example, written against the generated client (sdk/): record production
runs, build a dataset from them, compare two prompt versions, fetch the comparison.
Run as `python sdk_example.py BASE_URL API_KEY`; prints what it got as JSON."""

import json
import sys
import time

from evalforge_client import AuthenticatedClient
from evalforge_client.api.datasets import datasets_create, datasets_from_run, datasets_list_items
from evalforge_client.api.experiments import (
    experiments_compare_get,
    experiments_compare_prompt_versions,
    experiments_get,
)
from evalforge_client.api.prompts import prompts_create
from evalforge_client.api.runs import runs_create
from evalforge_client.models import (
    CompareVersionsIn,
    DatasetCreate,
    FromRunIn,
    PromptCreate,
    RunCreate,
)

QUESTIONS = ["How do I reset my password?", "What are your pricing plans?"]


def main(base_url: str, api_key: str) -> dict:
    client = AuthenticatedClient(base_url=base_url, token=api_key, raise_on_unexpected_status=True)
    recent_run_ids = [
        runs_create.sync(client=client, body=RunCreate.from_dict({
            "agent_name": "support", "workflow": "qa", "inputs": {"query": q},
            "result": {"answer": q}, "status": "success"})).id
        for q in QUESTIONS
    ]
    dataset = datasets_create.sync(client=client, body=DatasetCreate(name="QA Regression Set",
                                                                    tags=["qa"]))
    for run_id in recent_run_ids:
        datasets_from_run.sync(dataset.id, client=client, body=FromRunIn(run_id=str(run_id)))
    for text in ("You are support, v1.", "You are support, v2."):
        prompts_create.sync(client=client, body=PromptCreate(name="support-system-prompt",
                                                            template=text))
    result = experiments_compare_prompt_versions.sync(dataset.id, client=client, body=(
        CompareVersionsIn(prompt_name="support-system-prompt", version_a=1, version_b=2,
                          model="gpt-4o-mini")))
    ids = [str(result.experiment_a.id), str(result.experiment_b.id)]
    deadline = time.monotonic() + 120
    while any(experiments_get.sync(i, client=client).status not in ("completed", "failed")
              for i in ids):
        assert time.monotonic() < deadline, "experiments did not finish"
        time.sleep(0.2)
    comparison = experiments_compare_get.sync(client=client, experiment_ids=[",".join(ids)])
    by_url = client.get_httpx_client().get(result.compare_url).json()  # as the seed does
    items = datasets_list_items.sync(dataset.id, client=client)
    return {
        "run_ids": recent_run_ids,
        "item_inputs": sorted(item.input_["query"] for item in items.results),
        "names": [result.experiment_a.name, result.experiment_b.name],
        "statuses": [experiments_get.sync(i, client=client).status.value for i in ids],
        "outputs": sorted(
            cell.output for row in comparison.comparisons
            for cell in row.results.additional_properties.values()
        ),
        "same_as_compare_url": comparison.to_dict() == by_url,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
