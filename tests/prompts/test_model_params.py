"""A prompt version's config goes to the model, so it holds the model and model parameters
only: an endpoint, header or credential is a 422 naming the key (issue 15.1)."""

import httpx
import pytest

from tests.prompts.helpers import URL, create, loc

REFUSED = ["base_url", "api_base", "api_key", "extra_headers", "custom_llm_provider",
           "aws_access_key_id", "vertex_credentials", "organization", "extra_body", "timeout",
           "metadata", "mock_response"]


@pytest.mark.parametrize("key", REFUSED)
async def test_endpoint_or_credential_key_in_config_is_422_naming_it(
    client: httpx.AsyncClient, key: str
) -> None:
    config = {"model": "gpt-4o-mini", key: "http://127.0.0.1:8791/v1"}
    response = await client.post(URL, json={"name": "p", "template": "t", "config": config})
    assert loc(response) == [["body", "config", key]]
    error = response.json()["detail"][0]
    assert error["type"] == "model_param_not_allowed"
    assert "EVALFORGE_MODELS" in error["msg"]
    assert (await client.get(f"{URL}p/")).status_code == 404


async def test_endpoint_key_in_config_params_is_422_naming_it(client: httpx.AsyncClient) -> None:
    config = {"model": "gpt-4o-mini", "params": {"seed": 1, "api_key": "sk-x", "base_url": "x"}}
    response = await client.post(URL, json={"name": "p", "template": "t", "config": config})
    assert loc(response) == [["body", "config", "params", "api_key"],
                             ["body", "config", "params", "base_url"]]


async def test_allowed_params_are_stored_as_given(client: httpx.AsyncClient) -> None:
    config = {"model": "gpt-4o-mini", "temperature": 0.3, "seed": 7, "stop": ["END"],
              "response_format": {"type": "json_object"}, "max_completion_tokens": 100,
              "params": {"top_p": 0.5}}
    body = await create(client, "p", config=config)
    assert body["config"] == config
    assert (await client.get(f"{URL}p/")).json()["config"] == config


async def test_param_values_are_type_checked(client: httpx.AsyncClient) -> None:
    for config, where in (({"seed": "x"}, ["seed"]), ({"stop": 3}, ["stop", "str"]),
                          ({"params": {"n": 0}}, ["params", "n"])):
        response = await client.post(URL, json={"name": "p", "template": "t", "config": config})
        assert loc(response)[0] == ["body", "config", *where]
