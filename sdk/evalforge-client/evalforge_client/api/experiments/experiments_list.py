from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.experiments_list_status_type_0 import ExperimentsListStatusType0
from ...models.http_validation_error import HTTPValidationError
from ...models.page_experiment_read import PageExperimentRead
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    dataset_id: None | Unset | UUID = UNSET,
    status: ExperimentsListStatusType0 | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    sort: str | Unset = '-created_at',
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_dataset_id: None | str | Unset
    if isinstance(dataset_id, Unset):
        json_dataset_id = UNSET
    elif isinstance(dataset_id, UUID):
        json_dataset_id = str(dataset_id)
    else:
        json_dataset_id = dataset_id
    params["dataset_id"] = json_dataset_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ExperimentsListStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_search: None | str | Unset
    if isinstance(search, Unset):
        json_search = UNSET
    else:
        json_search = search
    params["search"] = json_search

    params["sort"] = sort

    params["page"] = page

    params["page_size"] = page_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/experiments/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageExperimentRead | None:
    if response.status_code == 200:
        response_200 = PageExperimentRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageExperimentRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    dataset_id: None | Unset | UUID = UNSET,
    status: ExperimentsListStatusType0 | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    sort: str | Unset = '-created_at',
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageExperimentRead]:
    """ List experiments (filters dataset_id, status, search; sort; pagination).

     List experiments (filters dataset_id, status, search; sort; pagination).

    Args:
        dataset_id (None | Unset | UUID):
        status (ExperimentsListStatusType0 | None | Unset):
        search (None | str | Unset):
        sort (str | Unset): created_at, name or status; - for descending Default: '-created_at'.
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageExperimentRead]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
status=status,
search=search,
sort=sort,
page=page,
page_size=page_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    dataset_id: None | Unset | UUID = UNSET,
    status: ExperimentsListStatusType0 | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    sort: str | Unset = '-created_at',
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageExperimentRead | None:
    """ List experiments (filters dataset_id, status, search; sort; pagination).

     List experiments (filters dataset_id, status, search; sort; pagination).

    Args:
        dataset_id (None | Unset | UUID):
        status (ExperimentsListStatusType0 | None | Unset):
        search (None | str | Unset):
        sort (str | Unset): created_at, name or status; - for descending Default: '-created_at'.
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageExperimentRead
     """


    return sync_detailed(
        client=client,
dataset_id=dataset_id,
status=status,
search=search,
sort=sort,
page=page,
page_size=page_size,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    dataset_id: None | Unset | UUID = UNSET,
    status: ExperimentsListStatusType0 | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    sort: str | Unset = '-created_at',
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageExperimentRead]:
    """ List experiments (filters dataset_id, status, search; sort; pagination).

     List experiments (filters dataset_id, status, search; sort; pagination).

    Args:
        dataset_id (None | Unset | UUID):
        status (ExperimentsListStatusType0 | None | Unset):
        search (None | str | Unset):
        sort (str | Unset): created_at, name or status; - for descending Default: '-created_at'.
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageExperimentRead]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
status=status,
search=search,
sort=sort,
page=page,
page_size=page_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    dataset_id: None | Unset | UUID = UNSET,
    status: ExperimentsListStatusType0 | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    sort: str | Unset = '-created_at',
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageExperimentRead | None:
    """ List experiments (filters dataset_id, status, search; sort; pagination).

     List experiments (filters dataset_id, status, search; sort; pagination).

    Args:
        dataset_id (None | Unset | UUID):
        status (ExperimentsListStatusType0 | None | Unset):
        search (None | str | Unset):
        sort (str | Unset): created_at, name or status; - for descending Default: '-created_at'.
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageExperimentRead
     """


    return (await asyncio_detailed(
        client=client,
dataset_id=dataset_id,
status=status,
search=search,
sort=sort,
page=page,
page_size=page_size,

    )).parsed
