"""Streaming upload bodies: the `file` part of a multipart form, or a raw body.

Starlette's own form parser would first spool the whole file to disk; here the multipart
parser runs on the request stream as it arrives, and the file part's bytes are handed on in
network-sized chunks, counted against the size limit as they come.
"""

from collections.abc import AsyncIterator

from fastapi import Request
from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header

from app.errors import TooLarge, field_error

# Room for the multipart envelope (boundaries, part headers) on top of the file itself.
ENVELOPE_BYTES = 64 * 1024


def _too_large(max_bytes: int) -> TooLarge:
    return TooLarge(f"The file is larger than the {max_bytes // (1024 * 1024)} MB upload limit.")


def check_content_length(request: Request, max_bytes: int) -> None:
    """Refuse early, before reading anything, when the client announces a too large body."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + ENVELOPE_BYTES:
        raise _too_large(max_bytes)


async def raw_chunks(request: Request, max_bytes: int) -> AsyncIterator[bytes]:
    """The request body itself is the file (Content-Type text/csv, application/jsonl, ...)."""
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > max_bytes:
            raise _too_large(max_bytes)
        yield chunk


class MultipartFile:
    """The `file` field of a multipart/form-data body, read incrementally."""

    def __init__(self, request: Request, max_bytes: int) -> None:
        _, params = parse_options_header(request.headers.get("content-type", ""))
        boundary = params.get(b"boundary")
        if not boundary:
            raise field_error("file", "multipart body without a boundary")
        self.max_bytes = max_bytes
        self.filename: str | None = None
        self._stream = request.stream().__aiter__()
        self._received = 0
        self._file_bytes = 0
        self._pending: list[bytes] = []
        self._in_file = self._found = self._finished = self._done = False
        self._headers: dict[bytes, bytes] = {}
        self._header_name = self._header_value = b""
        self._parser = MultipartParser(boundary, {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._add_header(d[s:e], b""),
            "on_header_value": lambda d, s, e: self._add_header(b"", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        })

    def _part_begin(self) -> None:
        self._headers = {}

    def _add_header(self, name: bytes, value: bytes) -> None:
        self._header_name += name
        self._header_value += value

    def _header_end(self) -> None:
        self._headers[self._header_name.lower()] = self._header_value
        self._header_name = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if options.get(b"name") == b"file" and not self._found:
            self._in_file = self._found = True
            raw_name = options.get(b"filename")
            self.filename = raw_name.decode("utf-8", "replace") if raw_name is not None else None

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self._file_bytes += end - start
            if self._file_bytes > self.max_bytes:
                raise _too_large(self.max_bytes)
            self._pending.append(data[start:end])

    def _part_end(self) -> None:
        if self._in_file:
            self._in_file, self._finished = False, True

    async def _pull(self) -> bool:
        """Feed one more network chunk to the parser; False once the body has ended."""
        if self._done:
            return False
        try:
            chunk = await self._stream.__anext__()
        except StopAsyncIteration:
            self._done = True
            self._parser.finalize()
            return False
        self._received += len(chunk)
        if self._received > self.max_bytes + ENVELOPE_BYTES:
            raise _too_large(self.max_bytes)
        try:
            self._parser.write(chunk)
        except FormParserError as exc:
            raise field_error("file", f"malformed multipart body: {exc}") from exc
        return True

    async def open(self) -> None:
        """Read up to the file part's headers, so `filename` is known before any data."""
        while not self._found:
            if not await self._pull():
                raise field_error("file", "no file uploaded: send it in the multipart field `file`")

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            if self._pending:
                data, self._pending = b"".join(self._pending), []
                yield data
            if self._finished or not await self._pull():
                if self._pending:
                    yield b"".join(self._pending)
                    self._pending = []
                return
