"""The chapter's mojifinder TCP server in its own shape, for the benchmark's
comparison only: asyncio streams, a task per client, `readline`, `write`
then `drain` per answer, two printed log lines per query, and an index of
word -> set of characters built from `unicodedata` at start. Written for
scripts/bench-mojifinder-tcp; never part of the tools.

Usage: python3 asyncio_line_server.py PORT   (0 picks a free port; prints
"Serving on 127.0.0.1:PORT" once it listens)
"""
import asyncio
import re
import sys
import unicodedata

CRLF = b"\r\n"
PROMPT = b"?> "
STATUS_RULE = "\u2500" * 66


def build_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for code in range(32, sys.maxunicode + 1):
        char = chr(code)
        name = unicodedata.name(char, None)
        if name is None:
            continue
        for word in re.findall(r"\w+", name.upper()):
            index.setdefault(word, set()).add(char)
    return index


def search(index: dict[str, set[str]], query: str) -> list[str]:
    words = re.findall(r"\w+", query.upper())
    if not words:
        return []
    found = index.get(words[0], set())
    for word in words[1:]:
        found = found & index.get(word, set())
    return sorted(found)


async def session(index, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    client = writer.get_extra_info("peername")
    while True:
        writer.write(PROMPT)
        await writer.drain()
        data = await reader.readline()
        if not data:
            break
        try:
            query = data.decode().strip()
        except UnicodeDecodeError:
            query = "\x00"
        print(f" From {client}: {query!r}")
        if query:
            if ord(query[:1]) < 32:
                break
            chars = search(index, query)
            lines = (f"U+{ord(c):04X}\t{c}\t{unicodedata.name(c)}\r\n".encode() for c in chars)
            writer.writelines(lines)
            writer.write(f"{STATUS_RULE} {len(chars)} found\r\n".encode())
            await writer.drain()
            print(f"   To {client}: {len(chars)} results.")
    writer.close()
    await writer.wait_closed()
    print(f"Close {client}.")


async def main(port: int) -> None:
    index = build_index()
    server = await asyncio.start_server(lambda r, w: session(index, r, w), "127.0.0.1", port, backlog=1024)
    host, bound = server.sockets[0].getsockname()[:2]
    print(f"Serving on {host}:{bound}. Hit CTRL-C to stop.", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1])))
    except KeyboardInterrupt:
        pass
