from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from typing import cast
from uuid import UUID



def _get_kwargs(
    dataset_id: UUID,
    item_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/datasets/{dataset_id}/items/{item_id}/".format(dataset_id=quote(str(dataset_id), safe=""),item_id=quote(str(item_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | HTTPValidationError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | HTTPValidationError]:
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

) -> Response[Any | HTTPValidationError]:
    """ Delete an item: always an archive (it leaves the current version and future runs, and

     Delete an item: always an archive (it leaves the current version and future runs, and
    stays readable for older versions and old results).

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
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

) -> Any | HTTPValidationError | None:
    """ Delete an item: always an archive (it leaves the current version and future runs, and

     Delete an item: always an archive (it leaves the current version and future runs, and
    stays readable for older versions and old results).

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
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

) -> Response[Any | HTTPValidationError]:
    """ Delete an item: always an archive (it leaves the current version and future runs, and

     Delete an item: always an archive (it leaves the current version and future runs, and
    stays readable for older versions and old results).

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
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

) -> Any | HTTPValidationError | None:
    """ Delete an item: always an archive (it leaves the current version and future runs, and

     Delete an item: always an archive (it leaves the current version and future runs, and
    stays readable for older versions and old results).

    Args:
        dataset_id (UUID):
        item_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
     """


    return (await asyncio_detailed(
        dataset_id=dataset_id,
item_id=item_id,
client=client,

    )).parsed
