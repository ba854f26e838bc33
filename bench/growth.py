"""Growth from one catalogue size to another, measured side by side: both sizes served at
once (gunicorn, 2 sync workers each, as `bench.run` serves them), and each page loaded on
one size, then the other, then again, so that the VM's own speed, which drifts from
minute to minute on this shared machine, weighs on both alike. A benchmark, not a test.

    python -m bench.growth [--small 10000] [--large 100000] [--rounds 2] [--duration 8]

Reads the pages' addresses from bench/results/postgres-<N>.json (run `bench.run` at both
sizes first: it builds the databases) and prints a Markdown table of p50 per page at each
size and their ratio, the median of the rounds.
"""

import argparse
import json
import statistics

from bench.run import PG, RESULTS, environment, log, serve, settle, wrk

# Pages served the same way to every visitor: the shared-page cache and the lists.
GET_PAGES = (
    "floor (trivial view)",
    "catalogue p1",
    "catalogue p100",
    "category",
    "filtered",
    "product detail",
    "search (no accents)",
    "search (accents)",
    "autocomplete",
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()

    sizes = {args.small: 8301, args.large: 8302}
    paths = {
        n: {
            name: page["path"]
            for name, page in json.loads((RESULTS / f"postgres-{n}.json").read_text())[
                "pages"
            ].items()
        }
        for n in sizes
    }
    servers = []
    for n, port in sizes.items():
        options = argparse.Namespace(
            database_url=f"{PG}ocop_bench_{n}", port=port, redis_url=args.redis_url
        )
        servers.append(serve(port, environment(options)))
    try:
        p50 = {name: {n: [] for n in sizes} for name in GET_PAGES}
        for round_ in range(args.rounds):
            for name in GET_PAGES:
                for n, port in sizes.items():
                    base = f"http://127.0.0.1:{port}"
                    wrk(base + paths[n][name], duration=2, connections=args.connections)
                    settle(base)
                    measured = wrk(
                        base + paths[n][name],
                        duration=args.duration,
                        connections=args.connections,
                    )
                    settle(base)
                    p50[name][n].append(measured["p50_ms"])
                    log(f"round {round_ + 1} {name} at {n}: {measured['p50_ms']} ms")
    finally:
        for server in servers:
            server.terminate()
            server.wait()

    print(f"| page | p50 at {args.small:,} | p50 at {args.large:,} | growth |")
    print("|---|--:|--:|--:|")
    for name in GET_PAGES:
        small, large = (statistics.median(p50[name][n]) for n in sizes)
        print(f"| {name} | {small:.1f} | {large:.1f} | {large / small:.2f}× |")


if __name__ == "__main__":
    main()
