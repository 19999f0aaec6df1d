from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.prompt_version_read import PromptVersionRead
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    name: str,
    *,
    version: int | None | Unset = UNSET,
    label: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    json_label: None | str | Unset
    if isinstance(label, Unset):
        json_label = UNSET
    else:
        json_label = label
    params["label"] = json_label


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/prompts/{name}/".format(name=quote(str(name), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PromptVersionRead | None:
    if response.status_code == 200:
        response_200 = PromptVersionRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PromptVersionRead]:
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
    version: int | None | Unset = UNSET,
    label: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PromptVersionRead]:
    """ Get a prompt version: the latest, or by ?version=N or ?label=L.

     Get a prompt version: the latest, or by ?version=N or ?label=L.

    Args:
        name (str): Prompt name
        version (int | None | Unset): A version number
        label (None | str | Unset): A label; 'latest' is the newest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PromptVersionRead]
     """


    kwargs = _get_kwargs(
        name=name,
version=version,
label=label,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    label: None | str | Unset = UNSET,

) -> HTTPValidationError | PromptVersionRead | None:
    """ Get a prompt version: the latest, or by ?version=N or ?label=L.

     Get a prompt version: the latest, or by ?version=N or ?label=L.

    Args:
        name (str): Prompt name
        version (int | None | Unset): A version number
        label (None | str | Unset): A label; 'latest' is the newest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PromptVersionRead
     """


    return sync_detailed(
        name=name,
client=client,
version=version,
label=label,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    label: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PromptVersionRead]:
    """ Get a prompt version: the latest, or by ?version=N or ?label=L.

     Get a prompt version: the latest, or by ?version=N or ?label=L.

    Args:
        name (str): Prompt name
        version (int | None | Unset): A version number
        label (None | str | Unset): A label; 'latest' is the newest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PromptVersionRead]
     """


    kwargs = _get_kwargs(
        name=name,
version=version,
label=label,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    label: None | str | Unset = UNSET,

) -> HTTPValidationError | PromptVersionRead | None:
    """ Get a prompt version: the latest, or by ?version=N or ?label=L.

     Get a prompt version: the latest, or by ?version=N or ?label=L.

    Args:
        name (str): Prompt name
        version (int | None | Unset): A version number
        label (None | str | Unset): A label; 'latest' is the newest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PromptVersionRead
     """


    return (await asyncio_detailed(
        name=name,
client=client,
version=version,
label=label,

    )).parsed
