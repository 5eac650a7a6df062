"""Fallback HTTP load generator when ``wrk`` is not installed (``python -m bench.client``).

A bounded number of keep-alive HTTP/1.1 connections, each sending its next request as soon
as the previous answer is read, for a fixed duration; runs in its own process (so it does
not share the server's or the harness's interpreter). Bodies are built from a template in
which ``{n}`` is replaced by a request counter (unique refs for writes). Prints one JSON
object: ``{"requests", "errors", "seconds", "statuses"}``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from urllib.parse import urlparse

__all__ = ["main"]


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("server closed the connection")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _worker(host: str, port: int, head: str, template: str | None, counter: _Counter, until: float,
                  statuses: Counter[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < until:
            if template is None:
                request = head.encode() + b"\r\n"
            else:
                body = template.replace("{n}", str(counter.next())).encode()
                request = head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
            writer.write(request)
            statuses[await _read_response(reader)] += 1
    finally:
        writer.close()


async def _run(url: str, method: str, headers: list[str], template: str | None, connections: int,
               duration: float) -> dict[str, object]:
    parsed = urlparse(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    lines = [f"{method} {path} HTTP/1.1", f"Host: {parsed.netloc}", *headers]
    if template is not None:
        lines.append("Content-Type: application/json")
    head = "\r\n".join(lines) + "\r\n"
    statuses: Counter[int] = Counter()
    counter = _Counter()
    began = time.perf_counter()
    until = began + duration
    await asyncio.gather(*(_worker(parsed.hostname or "127.0.0.1", parsed.port or 80, head, template, counter,
                                   until, statuses) for _ in range(connections)))
    seconds = time.perf_counter() - began
    total = sum(statuses.values())
    errors = sum(v for k, v in statuses.items() if not 200 <= k < 300)
    return {"requests": total, "errors": errors, "seconds": seconds, "statuses": dict(statuses)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.client")
    parser.add_argument("url")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--body-file", help="request body template ({n} = request number)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5.0)
    args = parser.parse_args(argv)
    template = None
    if args.body_file:
        with open(args.body_file, encoding="utf-8") as fh:
            template = fh.read()
    result = asyncio.run(_run(args.url, args.method, args.header, template, args.connections, args.duration))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
