from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.experiments_events_stream_response_200 import ExperimentsEventsStreamResponse200
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    experiment_id: UUID,
    *,
    last_event_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id



    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/experiments/{experiment_id}/events/".format(experiment_id=quote(str(experiment_id), safe=""),),
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ExperimentsEventsStreamResponse200 | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ExperimentsEventsStreamResponse200.from_dict(response.text)



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = cast(Any, None)
        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ExperimentsEventsStreamResponse200 | HTTPValidationError]:
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
    last_event_id: None | str | Unset = UNSET,

) -> Response[Any | ExperimentsEventsStreamResponse200 | HTTPValidationError]:
    """ Events Stream

     `text/event-stream` until the experiment has ended, then one `end` event and
    the stream closes (a finished experiment: its current state, then `end`, at once).

    - `run`: a run's outcome was written: `run_id`, `item_id`, `repetition`, `status`,
      `scores` ({name: value}), `latency_ms`, `cost`, `error`.
    - `progress`: `counts` by status (and `total`), `finished`, `cost` so far (USD).
    - `status`: the experiment's `status`, with `error` and `error_class` when it failed.
    - `end`: the last event; `status` is the final one.

    Every event has an `id`; reconnecting with `Last-Event-ID` resumes after it without losing
    or repeating a `run` event. `: keep-alive` comment lines are sent while nothing happens.
    429 when the organization has too many streams open.

    Args:
        experiment_id (UUID):
        last_event_id (None | str | Unset): Resume after this event id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ExperimentsEventsStreamResponse200 | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
last_event_id=last_event_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    last_event_id: None | str | Unset = UNSET,

) -> Any | ExperimentsEventsStreamResponse200 | HTTPValidationError | None:
    """ Events Stream

     `text/event-stream` until the experiment has ended, then one `end` event and
    the stream closes (a finished experiment: its current state, then `end`, at once).

    - `run`: a run's outcome was written: `run_id`, `item_id`, `repetition`, `status`,
      `scores` ({name: value}), `latency_ms`, `cost`, `error`.
    - `progress`: `counts` by status (and `total`), `finished`, `cost` so far (USD).
    - `status`: the experiment's `status`, with `error` and `error_class` when it failed.
    - `end`: the last event; `status` is the final one.

    Every event has an `id`; reconnecting with `Last-Event-ID` resumes after it without losing
    or repeating a `run` event. `: keep-alive` comment lines are sent while nothing happens.
    429 when the organization has too many streams open.

    Args:
        experiment_id (UUID):
        last_event_id (None | str | Unset): Resume after this event id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ExperimentsEventsStreamResponse200 | HTTPValidationError
     """


    return sync_detailed(
        experiment_id=experiment_id,
client=client,
last_event_id=last_event_id,

    ).parsed

async def asyncio_detailed(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    last_event_id: None | str | Unset = UNSET,

) -> Response[Any | ExperimentsEventsStreamResponse200 | HTTPValidationError]:
    """ Events Stream

     `text/event-stream` until the experiment has ended, then one `end` event and
    the stream closes (a finished experiment: its current state, then `end`, at once).

    - `run`: a run's outcome was written: `run_id`, `item_id`, `repetition`, `status`,
      `scores` ({name: value}), `latency_ms`, `cost`, `error`.
    - `progress`: `counts` by status (and `total`), `finished`, `cost` so far (USD).
    - `status`: the experiment's `status`, with `error` and `error_class` when it failed.
    - `end`: the last event; `status` is the final one.

    Every event has an `id`; reconnecting with `Last-Event-ID` resumes after it without losing
    or repeating a `run` event. `: keep-alive` comment lines are sent while nothing happens.
    429 when the organization has too many streams open.

    Args:
        experiment_id (UUID):
        last_event_id (None | str | Unset): Resume after this event id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ExperimentsEventsStreamResponse200 | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,
last_event_id=last_event_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    experiment_id: UUID,
    *,
    client: AuthenticatedClient,
    last_event_id: None | str | Unset = UNSET,

) -> Any | ExperimentsEventsStreamResponse200 | HTTPValidationError | None:
    """ Events Stream

     `text/event-stream` until the experiment has ended, then one `end` event and
    the stream closes (a finished experiment: its current state, then `end`, at once).

    - `run`: a run's outcome was written: `run_id`, `item_id`, `repetition`, `status`,
      `scores` ({name: value}), `latency_ms`, `cost`, `error`.
    - `progress`: `counts` by status (and `total`), `finished`, `cost` so far (USD).
    - `status`: the experiment's `status`, with `error` and `error_class` when it failed.
    - `end`: the last event; `status` is the final one.

    Every event has an `id`; reconnecting with `Last-Event-ID` resumes after it without losing
    or repeating a `run` event. `: keep-alive` comment lines are sent while nothing happens.
    429 when the organization has too many streams open.

    Args:
        experiment_id (UUID):
        last_event_id (None | str | Unset): Resume after this event id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ExperimentsEventsStreamResponse200 | HTTPValidationError
     """


    return (await asyncio_detailed(
        experiment_id=experiment_id,
client=client,
last_event_id=last_event_id,

    )).parsed
