from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_run_read import PageRunRead
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    agent_name: None | str | Unset = UNSET,
    workflow: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_agent_name: None | str | Unset
    if isinstance(agent_name, Unset):
        json_agent_name = UNSET
    else:
        json_agent_name = agent_name
    params["agent_name"] = json_agent_name

    json_workflow: None | str | Unset
    if isinstance(workflow, Unset):
        json_workflow = UNSET
    else:
        json_workflow = workflow
    params["workflow"] = json_workflow

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    params["page"] = page

    params["page_size"] = page_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/runs/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageRunRead | None:
    if response.status_code == 200:
        response_200 = PageRunRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageRunRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    agent_name: None | str | Unset = UNSET,
    workflow: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageRunRead]:
    """ List production runs, newest first (filters: agent_name, workflow, status).

     List production runs, newest first (filters: agent_name, workflow, status).

    Args:
        agent_name (None | str | Unset):
        workflow (None | str | Unset):
        status (None | str | Unset):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageRunRead]
     """


    kwargs = _get_kwargs(
        agent_name=agent_name,
workflow=workflow,
status=status,
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
    agent_name: None | str | Unset = UNSET,
    workflow: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageRunRead | None:
    """ List production runs, newest first (filters: agent_name, workflow, status).

     List production runs, newest first (filters: agent_name, workflow, status).

    Args:
        agent_name (None | str | Unset):
        workflow (None | str | Unset):
        status (None | str | Unset):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageRunRead
     """


    return sync_detailed(
        client=client,
agent_name=agent_name,
workflow=workflow,
status=status,
page=page,
page_size=page_size,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    agent_name: None | str | Unset = UNSET,
    workflow: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> Response[HTTPValidationError | PageRunRead]:
    """ List production runs, newest first (filters: agent_name, workflow, status).

     List production runs, newest first (filters: agent_name, workflow, status).

    Args:
        agent_name (None | str | Unset):
        workflow (None | str | Unset):
        status (None | str | Unset):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageRunRead]
     """


    kwargs = _get_kwargs(
        agent_name=agent_name,
workflow=workflow,
status=status,
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
    agent_name: None | str | Unset = UNSET,
    workflow: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,

) -> HTTPValidationError | PageRunRead | None:
    """ List production runs, newest first (filters: agent_name, workflow, status).

     List production runs, newest first (filters: agent_name, workflow, status).

    Args:
        agent_name (None | str | Unset):
        workflow (None | str | Unset):
        status (None | str | Unset):
        page (int | Unset): Page number, from 1 (max 1,000,000,000) Default: 1.
        page_size (int | Unset): Items per page (max 500) Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageRunRead
     """


    return (await asyncio_detailed(
        client=client,
agent_name=agent_name,
workflow=workflow,
status=status,
page=page,
page_size=page_size,

    )).parsed
