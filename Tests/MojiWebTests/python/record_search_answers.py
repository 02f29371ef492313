#!/usr/bin/env python3
"""Records the exact `/search` answers of a running `mojifinder web` into a fixture.

Usage: record_search_answers.py PORT FIXTURE.json

Each request of the corpus below is sent as raw bytes over a new connection
(`Connection: close`); the answer is kept byte for byte but for the `Date:`
line. `SearchAnswersTests` replays the fixture against today's server, so a
change to the `/search` path that changes any status line, header or body
byte fails there. Re-record only when an answer is meant to change.
"""
import base64, json, socket, sys

port, fixture = int(sys.argv[1]), sys.argv[2]


def exchange(method, target, headers=()):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close", "", ""]
    request = "\r\n".join(lines)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request.encode("ascii"))
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    head_lines = [line for line in head.decode("latin-1").split("\r\n") if not line.lower().startswith("date:")]
    return request, "\r\n".join(head_lines), body


def header(head, name):
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.lower() == name.lower():
            return value.strip()
    return None


E = "Accept-Encoding: gzip"
corpus = [
    ("GET", "/search?q=cat", []),
    ("GET", "/search?q=cat%20face", []),
    ("GET", "/search?q=FACE+cat", []),
    ("GET", "/search?q=cat+cat+face", []),
    ("GET", "/search?q=cat-face", []),
    ("GET", "/search?q=cat%20fa&prefix=true", []),
    ("GET", "/search?q=arr&prefix=1", []),
    ("GET", "/search?q=cat&prefix=false", []),
    ("GET", "/search?q=cat&prefix=ON&prefix=no", []),
    ("GET", "/search?q=cat%20face&fields=details", []),
    ("GET", "/search?q=cat&fields=name", []),
    ("GET", "/search?q=arrow%20double&fields=details", []),
    # The characters `/`, `"` and `\` in answers (names never hold them).
    ("GET", "/search?q=solidus", []),
    ("GET", "/search?q=quotation%20mark", []),
    ("GET", "/search?q=%2F%22%5C", []),
    ("GET", "/search?q=%2F%22%5C&fields=details", []),
    # Control characters, DEL, C1 controls.
    ("GET", "/search?q=U%2B0000..U%2B001F", []),
    ("GET", "/search?q=U%2B0000..U%2B001F&fields=details", []),
    ("GET", "/search?q=U%2B007F", []),
    ("GET", "/search?q=U%2B007F..U%2B00A0&fields=details", []),
    ("GET", "/search?q=%01%1F%7F", []),
    # Emoji, non-ASCII, code points and ranges.
    ("GET", "/search?q=%F0%9F%90%B1", []),
    ("GET", "/search?q=%C3%A9%F0%9F%90%B1", []),
    ("GET", "/search?q=%C3%A9%F0%9F%90%B1&fields=details", []),
    ("GET", "/search?q=%F0%9F%90%B1%20cat%20face", []),
    ("GET", "/search?q=U%2B1F431", []),
    ("GET", "/search?q=u%2B2190..U%2B2193%20U%2B1F431", []),
    ("GET", "/search?q=U%2B4E00..U%2B4E0F&fields=details", []),
    ("GET", "/search?q=U%2BD7FF..U%2BE001&fields=details", []),
    ("GET", "/search?q=U%2B0378%20U%2BFFFE%20U%2B10FFFF&fields=details", []),
    ("GET", "/search?q=U%2BAC00..U%2BAC03", []),
    ("GET", "/search?q=U%2B1F1E6..U%2B1F1E8%20U%2BFE0F%20U%2B200D", []),
    # Empty answers.
    ("GET", "/search?q=xyzzy", []),
    ("GET", "/search?q=", []),
    ("GET", "/search?q=%20%20", []),
    ("GET", "/search?q=cat%20xyzzy&fields=details", []),
    # Bigger answers: over the answer cache's 64 kB, and over 1 kB with gzip.
    ("GET", "/search?q=arrow&fields=details", []),
    ("GET", "/search?q=arrow", []),
    ("GET", "/search?q=arrow", [E]),
    ("GET", "/search?q=arrow&fields=details", [E]),
    ("GET", "/search?q=cat", [E]),
    ("GET", "/search?q=cat", ["Accept-Encoding: gzip;q=0"]),
    ("GET", "/search?q=cat", ["Accept-Encoding: *"]),
    ("GET", "/search?q=cat", ["Accept-Encoding: br, x-gzip;q=0.5"]),
    ("GET", "/search?q=cat%20face", [E]),
    ("GET", "/search?q=latin%20capital", [E]),
    # HEAD, and methods /search does not allow.
    ("HEAD", "/search?q=cat", []),
    ("HEAD", "/search?q=cat", [E]),
    ("HEAD", "/search?q=cat%20face&fields=details", []),
    ("HEAD", "/search", []),
    ("POST", "/search?q=cat", ["Content-Length: 0"]),
    ("DELETE", "/search?q=cat", []),
    # Every 422.
    ("GET", "/search", []),
    ("GET", "/search?prefix=true", []),
    ("GET", "/search?q", []),
    ("GET", "/search?q=%ZZ", []),
    ("GET", "/search?q=%FF", []),
    ("GET", "/search?q=cat&q=%E2%82", []),
    ("GET", "/search?q=" + "a" * 1001, []),
    ("GET", "/search?q=" + "%C3%A9" * 1001, []),
    ("GET", "/search?q=" + "a" * 1000, []),
    ("GET", "/search?q=cat&prefix=maybe", []),
    ("GET", "/search?q=cat&prefix=", []),
    ("GET", "/search?q=cat&prefix=%FF", []),
    ("GET", "/search?q=cat&fields=all", []),
    ("GET", "/search?q=cat&fields=", []),
    ("GET", "/search?q=cat&fields=%22%2F", []),
    ("GET", "/search?q=U%2BZZZZ", []),
    ("GET", "/search?q=U%2B1", []),
    ("GET", "/search?q=U%2B110000", []),
    ("GET", "/search?q=U%2B0000..U%2BFFFF", []),
    ("GET", "/search?q=U%2B2193..U%2B2190", []),
    ("GET", "/search?q=%22%5C%2F%01%20U%2Bx", []),
    ("GET", "/search?q=U%2BZZZZ", [E]),
    ("HEAD", "/search?q=U%2BZZZZ", []),
    # Parameters repeated, empty, unknown, in another order.
    ("GET", "/search?q=dog&q=cat%20face", []),
    ("GET", "/search?fields=details&prefix=yes&q=cat%20fac", []),
    ("GET", "/search?q=cat&&x=1&", []),
    ("GET", "/search?q=cat#frag", []),
]

entries = []


def record(method, target, headers):
    request, head, body = exchange(method, target, headers)
    entry = {"request": request, "head": head}
    entry["body"] = base64.b64encode(body).decode("ascii")
    entries.append(entry)
    return head


for method, target, headers in corpus:
    record(method, target, headers)

# Revalidation: If-None-Match with the tags the server gave.
for target in ["/search?q=cat", "/search?q=cat%20face&fields=details", "/search?q=arrow"]:
    _, plain, _ = exchange("GET", target)
    _, zipped, _ = exchange("GET", target, [E])
    etag, gzip_etag = header(plain, "ETag"), header(zipped, "ETag")
    for value in [etag, f"W/{etag}", f'"other", {etag}', "*", '"other"', gzip_etag]:
        record("GET", target, [f"If-None-Match: {value}"])
        record("GET", target, [f"If-None-Match: {value}", E])
    record("HEAD", target, [f"If-None-Match: {etag}"])
# The same words in another order share the tag.
_, plain, _ = exchange("GET", "/search?q=cat%20face")
record("GET", "/search?q=face%20cat", [f"If-None-Match: {header(plain, 'ETag')}"])

with open(fixture, "w", encoding="utf-8") as out:
    json.dump(entries, out, indent=1, ensure_ascii=True)
    out.write("\n")
print(f"{len(entries)} answers recorded in {fixture}")
