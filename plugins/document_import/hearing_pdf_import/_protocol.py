"""Frames between the caller and a sandbox worker (沙箱进程通信).

A frame is a 4-byte big-endian length and a UTF-8 JSON object. JSON rather than
pickle because the worker handles hostile input: if it were ever subverted, a
pickle from it would run code in the caller, JSON cannot.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

__all__ = ["MAX_FRAME_BYTES", "FrameReader", "ProtocolError", "encode_frame", "read_frame"]

_HEADER = struct.Struct(">I")
#: A page's result is a few hundred KiB at most; anything bigger is a runaway worker.
MAX_FRAME_BYTES = 64 * 1024 * 1024


class ProtocolError(Exception):
    """A frame that is too large or not a JSON object."""


def encode_frame(message: dict[str, Any]) -> bytes:
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(data) > MAX_FRAME_BYTES:
        raise ProtocolError(f"frame of {len(data)} bytes exceeds {MAX_FRAME_BYTES}")
    return _HEADER.pack(len(data)) + data


def _decode(data: bytes) -> dict[str, Any]:
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError("frame is not UTF-8 JSON") from exc
    if not isinstance(message, dict):
        raise ProtocolError("frame is not a JSON object")
    return message


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    chunks: list[bytes] = []
    remaining = n
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> dict[str, Any] | None:
    """Blocking read of one frame; ``None`` at end of stream (the caller went away)."""
    header = _read_exact(stream, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME_BYTES:
        raise ProtocolError(f"frame of {size} bytes exceeds {MAX_FRAME_BYTES}")
    data = _read_exact(stream, size)
    if data is None:
        return None
    return _decode(data)


class FrameReader:
    """Incremental decoder for the caller's non-blocking reads of a worker's output."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        """Add bytes read from the pipe; return the frames completed by them."""
        self._buffer += data
        frames: list[dict[str, Any]] = []
        while len(self._buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buffer)
            if size > MAX_FRAME_BYTES:
                raise ProtocolError(f"frame of {size} bytes exceeds {MAX_FRAME_BYTES}")
            end = _HEADER.size + size
            if len(self._buffer) < end:
                break
            frames.append(_decode(bytes(self._buffer[_HEADER.size : end])))
            del self._buffer[:end]
        return frames
