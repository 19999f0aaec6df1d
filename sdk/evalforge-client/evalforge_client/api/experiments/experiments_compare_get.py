from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.compare_read import CompareRead
from ...models.http_validation_error import HTTPValidationError
from typing import cast



def _get_kwargs(
    *,
    experiment_ids: list[str],

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_experiment_ids = experiment_ids


    params["experiment_ids"] = json_experiment_ids


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/experiments/compare/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CompareRead | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = CompareRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CompareRead | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    experiment_ids: list[str],

) -> Response[CompareRead | HTTPValidationError]:
    """ Compare experiments side by side (ids in the query string).

     Compare experiments side by side (ids in the query string).

    Args:
        experiment_ids (list[str]): Comma-separated experiment ids

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompareRead | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        experiment_ids=experiment_ids,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    experiment_ids: list[str],

) -> CompareRead | HTTPValidationError | None:
    """ Compare experiments side by side (ids in the query string).

     Compare experiments side by side (ids in the query string).

    Args:
        experiment_ids (list[str]): Comma-separated experiment ids

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompareRead | HTTPValidationError
     """


    return sync_detailed(
        client=client,
experiment_ids=experiment_ids,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    experiment_ids: list[str],

) -> Response[CompareRead | HTTPValidationError]:
    """ Compare experiments side by side (ids in the query string).

     Compare experiments side by side (ids in the query string).

    Args:
        experiment_ids (list[str]): Comma-separated experiment ids

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompareRead | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        experiment_ids=experiment_ids,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    experiment_ids: list[str],

) -> CompareRead | HTTPValidationError | None:
    """ Compare experiments side by side (ids in the query string).

     Compare experiments side by side (ids in the query string).

    Args:
        experiment_ids (list[str]): Comma-separated experiment ids

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompareRead | HTTPValidationError
     """


    return (await asyncio_detailed(
        client=client,
experiment_ids=experiment_ids,

    )).parsed
