from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_dataset_version_read import PageDatasetVersionRead
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    dataset_id: UUID,
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/datasets/{dataset_id}/versions/".format(dataset_id=quote(str(dataset_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageDatasetVersionRead | None:
    if response.status_code == 200:
        response_200 = PageDatasetVersionRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageDatasetVersionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageDatasetVersionRead]:
    """ The dataset's versions, newest first, with what each change did to the items.

     The dataset's versions, newest first, with what each change did to the items.

    Args:
        dataset_id (UUID):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageDatasetVersionRead]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
page=page,
page_size=page_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageDatasetVersionRead | None:
    """ The dataset's versions, newest first, with what each change did to the items.

     The dataset's versions, newest first, with what each change did to the items.

    Args:
        dataset_id (UUID):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageDatasetVersionRead
     """


    return sync_detailed(
        dataset_id=dataset_id,
client=client,
page=page,
page_size=page_size,

    ).parsed

async def asyncio_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageDatasetVersionRead]:
    """ The dataset's versions, newest first, with what each change did to the items.

     The dataset's versions, newest first, with what each change did to the items.

    Args:
        dataset_id (UUID):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageDatasetVersionRead]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
page=page,
page_size=page_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageDatasetVersionRead | None:
    """ The dataset's versions, newest first, with what each change did to the items.

     The dataset's versions, newest first, with what each change did to the items.

    Args:
        dataset_id (UUID):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageDatasetVersionRead
     """


    return (await asyncio_detailed(
        dataset_id=dataset_id,
client=client,
page=page,
page_size=page_size,

    )).parsed
