from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_evaluator_read import PageEvaluatorRead
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    search: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    sort: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_search: None | str | Unset
    if isinstance(search, Unset):
        json_search = UNSET
    else:
        json_search = search
    params["search"] = json_search

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_sort: None | str | Unset
    if isinstance(sort, Unset):
        json_sort = UNSET
    else:
        json_sort = sort
    params["sort"] = json_sort

    params["page"] = page

    params["page_size"] = page_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/evaluators/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageEvaluatorRead | None:
    if response.status_code == 200:
        response_200 = PageEvaluatorRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageEvaluatorRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    search: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    sort: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageEvaluatorRead]:
    """ List evaluators.

     List evaluators.

    Args:
        search (None | str | Unset): Case-insensitive name/description match
        kind (None | str | Unset): Only these kinds (comma list)
        sort (None | str | Unset): name, kind, created_at, updated_at; -field descends
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageEvaluatorRead]
     """


    kwargs = _get_kwargs(
        search=search,
kind=kind,
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
    search: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    sort: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageEvaluatorRead | None:
    """ List evaluators.

     List evaluators.

    Args:
        search (None | str | Unset): Case-insensitive name/description match
        kind (None | str | Unset): Only these kinds (comma list)
        sort (None | str | Unset): name, kind, created_at, updated_at; -field descends
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageEvaluatorRead
     """


    return sync_detailed(
        client=client,
search=search,
kind=kind,
sort=sort,
page=page,
page_size=page_size,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    search: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    sort: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageEvaluatorRead]:
    """ List evaluators.

     List evaluators.

    Args:
        search (None | str | Unset): Case-insensitive name/description match
        kind (None | str | Unset): Only these kinds (comma list)
        sort (None | str | Unset): name, kind, created_at, updated_at; -field descends
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageEvaluatorRead]
     """


    kwargs = _get_kwargs(
        search=search,
kind=kind,
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
    search: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    sort: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageEvaluatorRead | None:
    """ List evaluators.

     List evaluators.

    Args:
        search (None | str | Unset): Case-insensitive name/description match
        kind (None | str | Unset): Only these kinds (comma list)
        sort (None | str | Unset): name, kind, created_at, updated_at; -field descends
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageEvaluatorRead
     """


    return (await asyncio_detailed(
        client=client,
search=search,
kind=kind,
sort=sort,
page=page,
page_size=page_size,

    )).parsed
