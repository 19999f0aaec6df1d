"""No experiment or evaluator config can name a model endpoint or a credential: model params
are an allow-list, refused at create with a 422 naming the key (issue 15.1)."""

import pytest

from tests.experiments.conftest import API, add_dataset, create_experiment, error_locs

REFUSED = {
    "api_base": "http://127.0.0.1:8791/v1",
    "base_url": "http://127.0.0.1:8791/v1",
    "api_key": "sk-mine",
    "extra_headers": {"X-Forwarded-Host": "evil.test"},
    "headers": {"X": "y"},
    "custom_llm_provider": "openai",
    "organization": "org-1",
    "api_version": "2024-01-01",
    "aws_secret_access_key": "s",
    "vertex_credentials": "{}",
    "extra_body": {"a": 1},
    "timeout": 600,
    "stream": True,
    "num_retries": 50,
    "mock_response": "x",
    "metadata": {},
}


async def _create(client, dataset_id, config: dict, **body):
    payload = {"name": "exp", "dataset_id": str(dataset_id), "config": config, **body}
    return await client.post(f"{API}/experiments/", json=payload)


@pytest.mark.parametrize("key", sorted(REFUSED))
async def test_params_with_an_endpoint_or_credential_key_are_422_naming_it(
    app, client, key: str
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    config = {"model": "gpt-4o-mini", "params": {"temperature": 0.1, key: REFUSED[key]}}
    response = await _create(client, ds.id, config)
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "config", "params", key]
    assert error["type"] == "model_param_not_allowed"
    assert "not an allowed model parameter" in error["msg"]
    assert "EVALFORGE_MODELS" in error["msg"]
    listed = await client.get(f"{API}/experiments/")
    assert listed.json()["count"] == 0


async def test_every_refused_key_is_named_in_one_response(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    params = {"api_base": "http://x/v1", "api_key": "k", "extra_headers": {}, "seed": 1}
    response = await _create(client, ds.id, {"model": "m", "params": params})
    assert error_locs(response) == {
        ("body", "config", "params", "api_base"),
        ("body", "config", "params", "api_key"),
        ("body", "config", "params", "extra_headers"),
    }


async def test_endpoint_keys_at_the_top_of_config_are_422(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    for key in ("api_base", "base_url", "api_key", "extra_headers"):
        response = await _create(client, ds.id, {"model": "m", key: "http://x/v1"})
        assert response.status_code == 422
        assert error_locs(response) == {("body", "config", key)}


async def test_allowed_params_are_kept_and_frozen_into_the_snapshot(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    params = {"seed": 3, "response_format": {"type": "json_object"}, "logit_bias": {"7": -1},
              "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
              "reasoning_effort": "low", "user": "team-a"}
    experiment = await create_experiment(
        client, ds.id, config={"model": "gpt-4o-mini", "temperature": 0.2, "params": params}
    )
    assert experiment["config"]["params"] == {**params, "logit_bias": {"7": -1.0}}
    started = await client.post(f"{API}/experiments/{experiment['id']}/start/")
    assert started.status_code == 200, started.text
    detail = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()
    assert detail["snapshot"]["params"] == {
        **params, "logit_bias": {"7": -1.0}, "temperature": 0.2
    }


async def test_param_values_are_type_checked(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    for params, loc in (
        ({"seed": "abc"}, ("body", "config", "params", "seed")),
        ({"n": 0}, ("body", "config", "params", "n")),
        ({"tools": "all"}, ("body", "config", "params", "tools")),
    ):
        response = await _create(client, ds.id, {"model": "m", "params": params})
        assert response.status_code == 422
        assert error_locs(response) == {loc}


async def test_compare_prompt_versions_refuses_endpoint_params(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    for _ in range(2):
        made = await client.post(f"{API}/prompts/", json={"name": "p", "template": "Hi"})
        assert made.status_code == 201
    body = {"prompt_name": "p", "version_a": 1, "version_b": 2, "model": "gpt-4o-mini",
            "config": {"params": {"api_base": "http://127.0.0.1:8791/v1"}}}
    response = await client.post(f"{API}/datasets/{ds.id}/compare-prompt-versions/", json=body)
    assert response.status_code == 422
    assert error_locs(response) == {("body", "config", "params", "api_base")}
    assert (await client.get(f"{API}/experiments/")).json()["count"] == 0


@pytest.mark.parametrize("key", ["api_base", "base_url", "api_key", "extra_headers", "params"])
async def test_llm_judge_config_cannot_carry_an_endpoint_or_credential(client, key: str) -> None:
    config = {"model": "gpt-4o-mini", "rubric": "Score {output}", key: {"x": "http://x"}}
    response = await client.post(
        f"{API}/evaluators/", json={"name": "judge", "kind": "llm_judge", "config": config}
    )
    assert response.status_code == 422
    assert error_locs(response) == {("body", "config", key)}
