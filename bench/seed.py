#!/usr/bin/env python3
"""Seeds a fresh MicroPosts instance for bench/api.sh through the public HTTP API.

Creates:
  * "benchreader" with exactly 20 posts (the GET benchmark reads one full page of them),
  * "benchwriter" and a bearer token for it (the POST benchmark writes to its collection),
  * a few dozen other users with 20 posts each, so the posts table is not trivially small.

Writes the writer's token to the file named by --token-file. Uses only the standard library.
"""

import argparse
import http.client
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

PASSWORD = "violet-otter-lantern-42"
POSTS_PER_USER = 20
# Registration and login each hash a password with argon2id (~50 ms), so keep this modest.
BACKGROUND_USERS = 50
WORKERS = 4

WORDS = (
    "river lantern orbit maple harbor quiet signal copper meadow falcon window cedar ember "
    "violet canyon thunder pebble garden compass willow summit breeze marble pixel"
).split()


def post_text(username, n):
    """A varied, realistic-length post (well under the 500-character limit)."""
    words = " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(12 + n % 15))
    return f"Post {n} by {username}: {words}."


class Client:
    """One keep-alive HTTP connection per thread; reconnects if the server closed it."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.local = threading.local()

    def request(self, method, path, body=None, token=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                return response.status, (json.loads(payload) if payload else None)
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def expect(self, status, method, path, body=None, token=None):
        actual, payload = self.request(method, path, body, token)
        if actual != status:
            raise SystemExit(f"seed: {method} {path} answered {actual}, expected {status}: {payload}")
        return payload


def create_user(client, username, posts):
    """Registers a user, logs in, writes `posts` posts; returns the bearer token."""
    display_name = username.replace("_", " ").title()
    client.expect(
        201,
        "POST",
        "/api/v1/users",
        {"username": username, "password": PASSWORD, "display_name": display_name},
    )
    token = client.expect(200, "POST", "/api/v1/token", {"username": username, "password": PASSWORD})[
        "access_token"
    ]
    for n in range(1, posts + 1):
        client.expect(
            201, "POST", f"/api/v1/users/{username}/collection", {"text": post_text(username, n)}, token
        )
    return token


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="e.g. http://localhost:18080")
    parser.add_argument("--token-file", required=True, help="where to write benchwriter's token")
    args = parser.parse_args()

    client = Client(args.base_url)
    started = time.monotonic()
    users = [("benchreader", POSTS_PER_USER), ("benchwriter", 0)]
    users += [(f"bench_user_{i:02d}", POSTS_PER_USER) for i in range(1, BACKGROUND_USERS + 1)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        tokens = dict(zip((u for u, _ in users), pool.map(lambda u: create_user(client, *u), users)))

    # The GET benchmark must read exactly one full page of 20 posts.
    page = client.expect(200, "GET", "/api/v1/users/benchreader/collection?limit=20")
    if not isinstance(page, list) or len(page) != POSTS_PER_USER:
        raise SystemExit(f"seed: benchreader's collection has {len(page)} posts, expected {POSTS_PER_USER}")

    with open(args.token_file, "w", encoding="utf-8") as f:
        f.write(tokens["benchwriter"])
    total_posts = sum(p for _, p in users)
    print(
        f"seeded {len(users)} users and {total_posts} posts in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
