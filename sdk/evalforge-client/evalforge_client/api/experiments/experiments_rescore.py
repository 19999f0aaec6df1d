from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.rescore_in import RescoreIn
from ...models.rescore_read import RescoreRead
from typing import cast
from uuid import UUID



def _get_kwargs(
    experiment_id: UUID,
    *,
    body: RescoreIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/experiments/{experiment_id}/rescore/".format(experiment_id=quote(str(experiment_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | RescoreRead | None:
    if response.status_code == 200:
        response_200 = RescoreRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | RescoreRead]:
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
    body: RescoreIn,

) -> Response[HTTPValidationError | RescoreRead]:
    """ Rescore Experiment

     Score a finished experiment's outputs again with these evaluators (no target calls).

    Args:
        experiment_id (UUID):
        body (RescoreIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | RescoreRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RescoreIn,

) -> HTTPValidationError | RescoreRead | None:
    """ Rescore Experiment

     Score a finished experiment's outputs again with these evaluators (no target calls).

    Args:
        experiment_id (UUID):
        body (RescoreIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | RescoreRead
     """


    return sync_detailed(
        experiment_id=experiment_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RescoreIn,

) -> Response[HTTPValidationError | RescoreRead]:
    """ Rescore Experiment

     Score a finished experiment's outputs again with these evaluators (no target calls).

    Args:
        experiment_id (UUID):
        body (RescoreIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | RescoreRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RescoreIn,

) -> HTTPValidationError | RescoreRead | None:
    """ Rescore Experiment

     Score a finished experiment's outputs again with these evaluators (no target calls).

    Args:
        experiment_id (UUID):
        body (RescoreIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | RescoreRead
     """


    return (await asyncio_detailed(
        experiment_id=experiment_id,
client=client,
body=body,

    )).parsed
