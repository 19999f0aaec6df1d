from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.experiments_results_format import ExperimentsResultsFormat
from ...models.http_validation_error import HTTPValidationError
from ...models.results_read import ResultsRead
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    experiment_id: UUID,
    *,
    format_: ExperimentsResultsFormat | Unset = ExperimentsResultsFormat.JSON,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/experiments/{experiment_id}/results/".format(experiment_id=quote(str(experiment_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | ResultsRead | None:
    if response.status_code == 200:
        response_200 = ResultsRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | ResultsRead]:
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
    format_: ExperimentsResultsFormat | Unset = ExperimentsResultsFormat.JSON,

) -> Response[HTTPValidationError | ResultsRead]:
    """ Full results with scores; ?format=jsonl|csv streams an export.

     Full results with scores; ?format=jsonl|csv streams an export.

    Args:
        experiment_id (UUID):
        format_ (ExperimentsResultsFormat | Unset):  Default: ExperimentsResultsFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ResultsRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ExperimentsResultsFormat | Unset = ExperimentsResultsFormat.JSON,

) -> HTTPValidationError | ResultsRead | None:
    """ Full results with scores; ?format=jsonl|csv streams an export.

     Full results with scores; ?format=jsonl|csv streams an export.

    Args:
        experiment_id (UUID):
        format_ (ExperimentsResultsFormat | Unset):  Default: ExperimentsResultsFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ResultsRead
     """


    return sync_detailed(
        experiment_id=experiment_id,
client=client,
format_=format_,

    ).parsed

async def asyncio_detailed(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ExperimentsResultsFormat | Unset = ExperimentsResultsFormat.JSON,

) -> Response[HTTPValidationError | ResultsRead]:
    """ Full results with scores; ?format=jsonl|csv streams an export.

     Full results with scores; ?format=jsonl|csv streams an export.

    Args:
        experiment_id (UUID):
        format_ (ExperimentsResultsFormat | Unset):  Default: ExperimentsResultsFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ResultsRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ExperimentsResultsFormat | Unset = ExperimentsResultsFormat.JSON,

) -> HTTPValidationError | ResultsRead | None:
    """ Full results with scores; ?format=jsonl|csv streams an export.

     Full results with scores; ?format=jsonl|csv streams an export.

    Args:
        experiment_id (UUID):
        format_ (ExperimentsResultsFormat | Unset):  Default: ExperimentsResultsFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ResultsRead
     """


    return (await asyncio_detailed(
        experiment_id=experiment_id,
client=client,
format_=format_,

    )).parsed
