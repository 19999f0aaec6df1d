from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.verdict_read import VerdictRead
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    experiment_id: UUID,
    *,
    alpha: float | Unset = 0.05,
    no_worse_scores: bool | Unset = True,
    no_new_failures: bool | Unset = True,
    all_scored: bool | Unset = True,
    no_worse_latency: bool | Unset = False,
    no_worse_cost: bool | Unset = False,
    min_coverage: float | Unset = 0.0,
    baseline: None | Unset | UUID = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["alpha"] = alpha

    params["no_worse_scores"] = no_worse_scores

    params["no_new_failures"] = no_new_failures

    params["all_scored"] = all_scored

    params["no_worse_latency"] = no_worse_latency

    params["no_worse_cost"] = no_worse_cost

    params["min_coverage"] = min_coverage

    json_baseline: None | str | Unset
    if isinstance(baseline, Unset):
        json_baseline = UNSET
    elif isinstance(baseline, UUID):
        json_baseline = str(baseline)
    else:
        json_baseline = baseline
    params["baseline"] = json_baseline


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/experiments/{experiment_id}/verdict/".format(experiment_id=quote(str(experiment_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | VerdictRead | None:
    if response.status_code == 200:
        response_200 = VerdictRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | VerdictRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    alpha: float | Unset = 0.05,
    no_worse_scores: bool | Unset = True,
    no_new_failures: bool | Unset = True,
    all_scored: bool | Unset = True,
    no_worse_latency: bool | Unset = False,
    no_worse_cost: bool | Unset = False,
    min_coverage: float | Unset = 0.0,
    baseline: None | Unset | UUID = UNSET,

) -> Response[HTTPValidationError | VerdictRead]:
    """ Get Verdict

     Pass or fail against a baseline under a policy (query parameters): the CI gate.

    Args:
        experiment_id (UUID):
        alpha (float | Unset): Significance level Default: 0.05.
        no_worse_scores (bool | Unset): Fail when any score is significantly worse Default: True.
        no_new_failures (bool | Unset): Fail when an item that passed in the baseline fails now
            Default: True.
        all_scored (bool | Unset): Fail when any item of the candidate is not scored Default:
            True.
        no_worse_latency (bool | Unset): Latency significantly worse fails Default: False.
        no_worse_cost (bool | Unset): Cost significantly worse fails Default: False.
        min_coverage (float | Unset): Fail when a score's coverage is below this Default: 0.0.
        baseline (None | Unset | UUID): Default: the dataset's pinned baseline

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | VerdictRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
alpha=alpha,
no_worse_scores=no_worse_scores,
no_new_failures=no_new_failures,
all_scored=all_scored,
no_worse_latency=no_worse_latency,
no_worse_cost=no_worse_cost,
min_coverage=min_coverage,
baseline=baseline,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    alpha: float | Unset = 0.05,
    no_worse_scores: bool | Unset = True,
    no_new_failures: bool | Unset = True,
    all_scored: bool | Unset = True,
    no_worse_latency: bool | Unset = False,
    no_worse_cost: bool | Unset = False,
    min_coverage: float | Unset = 0.0,
    baseline: None | Unset | UUID = UNSET,

) -> HTTPValidationError | VerdictRead | None:
    """ Get Verdict

     Pass or fail against a baseline under a policy (query parameters): the CI gate.

    Args:
        experiment_id (UUID):
        alpha (float | Unset): Significance level Default: 0.05.
        no_worse_scores (bool | Unset): Fail when any score is significantly worse Default: True.
        no_new_failures (bool | Unset): Fail when an item that passed in the baseline fails now
            Default: True.
        all_scored (bool | Unset): Fail when any item of the candidate is not scored Default:
            True.
        no_worse_latency (bool | Unset): Latency significantly worse fails Default: False.
        no_worse_cost (bool | Unset): Cost significantly worse fails Default: False.
        min_coverage (float | Unset): Fail when a score's coverage is below this Default: 0.0.
        baseline (None | Unset | UUID): Default: the dataset's pinned baseline

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | VerdictRead
     """


    return sync_detailed(
        experiment_id=experiment_id,
client=client,
alpha=alpha,
no_worse_scores=no_worse_scores,
no_new_failures=no_new_failures,
all_scored=all_scored,
no_worse_latency=no_worse_latency,
no_worse_cost=no_worse_cost,
min_coverage=min_coverage,
baseline=baseline,

    ).parsed

async def asyncio_detailed(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    alpha: float | Unset = 0.05,
    no_worse_scores: bool | Unset = True,
    no_new_failures: bool | Unset = True,
    all_scored: bool | Unset = True,
    no_worse_latency: bool | Unset = False,
    no_worse_cost: bool | Unset = False,
    min_coverage: float | Unset = 0.0,
    baseline: None | Unset | UUID = UNSET,

) -> Response[HTTPValidationError | VerdictRead]:
    """ Get Verdict

     Pass or fail against a baseline under a policy (query parameters): the CI gate.

    Args:
        experiment_id (UUID):
        alpha (float | Unset): Significance level Default: 0.05.
        no_worse_scores (bool | Unset): Fail when any score is significantly worse Default: True.
        no_new_failures (bool | Unset): Fail when an item that passed in the baseline fails now
            Default: True.
        all_scored (bool | Unset): Fail when any item of the candidate is not scored Default:
            True.
        no_worse_latency (bool | Unset): Latency significantly worse fails Default: False.
        no_worse_cost (bool | Unset): Cost significantly worse fails Default: False.
        min_coverage (float | Unset): Fail when a score's coverage is below this Default: 0.0.
        baseline (None | Unset | UUID): Default: the dataset's pinned baseline

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | VerdictRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
alpha=alpha,
no_worse_scores=no_worse_scores,
no_new_failures=no_new_failures,
all_scored=all_scored,
no_worse_latency=no_worse_latency,
no_worse_cost=no_worse_cost,
min_coverage=min_coverage,
baseline=baseline,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    alpha: float | Unset = 0.05,
    no_worse_scores: bool | Unset = True,
    no_new_failures: bool | Unset = True,
    all_scored: bool | Unset = True,
    no_worse_latency: bool | Unset = False,
    no_worse_cost: bool | Unset = False,
    min_coverage: float | Unset = 0.0,
    baseline: None | Unset | UUID = UNSET,

) -> HTTPValidationError | VerdictRead | None:
    """ Get Verdict

     Pass or fail against a baseline under a policy (query parameters): the CI gate.

    Args:
        experiment_id (UUID):
        alpha (float | Unset): Significance level Default: 0.05.
        no_worse_scores (bool | Unset): Fail when any score is significantly worse Default: True.
        no_new_failures (bool | Unset): Fail when an item that passed in the baseline fails now
            Default: True.
        all_scored (bool | Unset): Fail when any item of the candidate is not scored Default:
            True.
        no_worse_latency (bool | Unset): Latency significantly worse fails Default: False.
        no_worse_cost (bool | Unset): Cost significantly worse fails Default: False.
        min_coverage (float | Unset): Fail when a score's coverage is below this Default: 0.0.
        baseline (None | Unset | UUID): Default: the dataset's pinned baseline

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | VerdictRead
     """


    return (await asyncio_detailed(
        experiment_id=experiment_id,
client=client,
alpha=alpha,
no_worse_scores=no_worse_scores,
no_new_failures=no_new_failures,
all_scored=all_scored,
no_worse_latency=no_worse_latency,
no_worse_cost=no_worse_cost,
min_coverage=min_coverage,
baseline=baseline,

    )).parsed
