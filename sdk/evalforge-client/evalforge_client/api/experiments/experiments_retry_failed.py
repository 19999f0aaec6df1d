from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.retry_read import RetryRead
from typing import cast
from uuid import UUID



def _get_kwargs(
    experiment_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/experiments/{experiment_id}/retry-failed/".format(experiment_id=quote(str(experiment_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | RetryRead | None:
    if response.status_code == 200:
        response_200 = RetryRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | RetryRead]:
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

) -> Response[HTTPValidationError | RetryRead]:
    """ Run a completed or failed experiment's failed and skipped runs again.

     Run a completed or failed experiment's failed and skipped runs again.

    Args:
        experiment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | RetryRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> HTTPValidationError | RetryRead | None:
    """ Run a completed or failed experiment's failed and skipped runs again.

     Run a completed or failed experiment's failed and skipped runs again.

    Args:
        experiment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | RetryRead
     """


    return sync_detailed(
        experiment_id=experiment_id,
client=client,

    ).parsed

async def asyncio_detailed(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[HTTPValidationError | RetryRead]:
    """ Run a completed or failed experiment's failed and skipped runs again.

     Run a completed or failed experiment's failed and skipped runs again.

    Args:
        experiment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | RetryRead]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> HTTPValidationError | RetryRead | None:
    """ Run a completed or failed experiment's failed and skipped runs again.

     Run a completed or failed experiment's failed and skipped runs again.

    Args:
        experiment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | RetryRead
     """


    return (await asyncio_detailed(
        experiment_id=experiment_id,
client=client,

    )).parsed
