from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.item_read import ItemRead
from typing import cast
from uuid import UUID



def _get_kwargs(
    dataset_id: UUID,
    item_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/datasets/{dataset_id}/items/{item_id}/".format(dataset_id=quote(str(dataset_id), safe=""),item_id=quote(str(item_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | ItemRead | None:
    if response.status_code == 200:
        response_200 = ItemRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | ItemRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset_id: UUID,
    item_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[HTTPValidationError | ItemRead]:
    """ One item.

     One item.

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ItemRead]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
item_id=item_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    dataset_id: UUID,
    item_id: UUID,
    *,
    client: AuthenticatedClient,

) -> HTTPValidationError | ItemRead | None:
    """ One item.

     One item.

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ItemRead
     """


    return sync_detailed(
        dataset_id=dataset_id,
item_id=item_id,
client=client,

    ).parsed

async def asyncio_detailed(
    dataset_id: UUID,
    item_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[HTTPValidationError | ItemRead]:
    """ One item.

     One item.

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ItemRead]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
item_id=item_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    dataset_id: UUID,
    item_id: UUID,
    *,
    client: AuthenticatedClient,

) -> HTTPValidationError | ItemRead | None:
    """ One item.

     One item.

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ItemRead
     """


    return (await asyncio_detailed(
        dataset_id=dataset_id,
item_id=item_id,
client=client,

    )).parsed
