from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_prompt_version_read import PagePromptVersionRead
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    name: str,
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
        "url": "/api/v1/prompts/{name}/versions/".format(name=quote(str(name), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PagePromptVersionRead | None:
    if response.status_code == 200:
        response_200 = PagePromptVersionRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PagePromptVersionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PagePromptVersionRead]:
    """ List every version of a prompt, newest first, each with its labels.

     List every version of a prompt, newest first, each with its labels.

    Args:
        name (str): Prompt name
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PagePromptVersionRead]
     """


    kwargs = _get_kwargs(
        name=name,
page=page,
page_size=page_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PagePromptVersionRead | None:
    """ List every version of a prompt, newest first, each with its labels.

     List every version of a prompt, newest first, each with its labels.

    Args:
        name (str): Prompt name
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PagePromptVersionRead
     """


    return sync_detailed(
        name=name,
client=client,
page=page,
page_size=page_size,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PagePromptVersionRead]:
    """ List every version of a prompt, newest first, each with its labels.

     List every version of a prompt, newest first, each with its labels.

    Args:
        name (str): Prompt name
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PagePromptVersionRead]
     """


    kwargs = _get_kwargs(
        name=name,
page=page,
page_size=page_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PagePromptVersionRead | None:
    """ List every version of a prompt, newest first, each with its labels.

     List every version of a prompt, newest first, each with its labels.

    Args:
        name (str): Prompt name
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PagePromptVersionRead
     """


    return (await asyncio_detailed(
        name=name,
client=client,
page=page,
page_size=page_size,

    )).parsed
