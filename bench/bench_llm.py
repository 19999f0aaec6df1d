"""litellm's per-call overhead: bare `litellm.acompletion` versus `app.llm.complete`.

    python -m bench.bench_llm [--n 500] [--latency 0,50] [--concurrency 16,64]

The fake server runs in its own process (`python -m bench.fakellm`) so its CPU is not
counted; every (variant, latency, concurrency) cell runs in a fresh interpreter so one
variant's litellm settings cannot leak into another. Reported: calls/s (wall clock) and
client CPU ms per call (time.process_time over the N measured calls, after a warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time

MESSAGES = [{"role": "system", "content": "You are a terse assistant."},
            {"role": "user", "content": "Summarise the plot of Hamlet in one sentence."}]
VARIANTS = {
    "bare": "litellm.acompletion, default settings",
    "bare-quiet": "litellm.acompletion, callbacks cleared, num_retries=0, max_retries=0",
    "bare-httpx": "bare-quiet + disable_aiohttp_transport (plain httpx)",
    "bare-redact": "bare-quiet + turn_off_message_logging",
    "app": "app.llm.complete (retries, per-model limit, timeout, cost)",
}
DEFAULT_VARIANTS = "bare,app"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _measure(call, n: int, concurrency: int) -> tuple[float, float]:
    sem = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with sem:
            await call()

    await asyncio.gather(*(one() for _ in range(max(concurrency, 20))))  # warm-up: pools, imports
    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(n)))
    return time.perf_counter() - wall, time.process_time() - cpu


def _make_call(variant: str, concurrency: int):
    if variant == "app":
        from app import llm
        from app.config import Settings

        llm.configure(Settings(llm_model_concurrency=concurrency))
        return lambda: llm.complete("gpt-4o-mini", MESSAGES)
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    if variant == "bare":
        return lambda: litellm.acompletion(model="gpt-4o-mini", messages=MESSAGES)
    litellm.suppress_debug_info = True
    litellm.callbacks = []
    litellm.success_callback = []
    litellm.failure_callback = []
    litellm.disable_aiohttp_transport = variant == "bare-httpx"
    litellm.turn_off_message_logging = variant == "bare-redact"
    return lambda: litellm.acompletion(model="gpt-4o-mini", messages=MESSAGES,
                                       num_retries=0, max_retries=0)


async def _own_overhead(n: int) -> dict:
    """CPU of app.llm's own work around one litellm call, and of pricing a response again.

    Times our request building, semaphore and result conversion on a real litellm response
    (one real call first), so nothing in litellm is replaced.
    """
    from app import llm
    from app.config import Settings
    from app.llm import client
    from app.llm.registry import Route

    llm.configure(Settings())
    litellm = llm.warm_up()
    route = Route("gpt-4o-mini")
    kwargs = client._request(route, MESSAGES, {"temperature": 0}, 60.0, None)
    response = await litellm.acompletion(**kwargs)
    cpu = time.process_time()
    for _ in range(n):
        client._request(route, MESSAGES, {"temperature": 0}, 60.0, None)
        async with client._semaphore("gpt-4o-mini", 64):
            pass
        client._completion("gpt-4o-mini", "gpt-4o-mini", MESSAGES, response, 1, 1, {})
    own_us = (time.process_time() - cpu) * 1e6 / n
    cpu = time.process_time()
    for _ in range(n):
        litellm.completion_cost(completion_response=response, model="gpt-4o-mini")
    reprice_us = (time.process_time() - cpu) * 1e6 / n
    return {"own_us_per_call": own_us, "completion_cost_us": reprice_us}


def child(variant: str, n: int, concurrency: int) -> None:
    if variant == "own":
        print(json.dumps(asyncio.run(_own_overhead(n * 10))))
        return
    call = _make_call(variant, concurrency)
    wall, cpu = asyncio.run(_measure(call, n, concurrency))
    print(json.dumps({"calls_per_s": n / wall, "cpu_ms_per_call": cpu * 1000 / n}))


def run_cell(variant: str, n: int, latency: int, concurrency: int, base_url: str) -> dict:
    env = {**os.environ, "OPENAI_BASE_URL": base_url, "OPENAI_API_BASE": base_url,
           "OPENAI_API_KEY": "sk-fake", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    out = subprocess.run([sys.executable, "-m", "bench.bench_llm", "--child", variant,
                          "--n", str(n), "--concurrency", str(concurrency)],
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--latency", default="0,50")
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--variants", default=DEFAULT_VARIANTS, help=", ".join(VARIANTS))
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs per cell")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.n, int(args.concurrency))
        return
    print(f"N={args.n} calls per cell; client CPU only (fake server in its own process)\n")
    print("| variant | latency ms | concurrency | calls/s | CPU ms/call |")
    print("|---|---|---|---|---|")
    own = None
    for latency in [int(x) for x in args.latency.split(",")]:
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "bench.fakellm", "--port", str(port),
                                   "--latency-ms", str(latency)], stdout=subprocess.PIPE)
        server.stdout.readline()  # "listening"
        try:
            for concurrency in [int(x) for x in args.concurrency.split(",")]:
                for variant in args.variants.split(","):
                    runs = [run_cell(variant, args.n, latency, concurrency,
                                     f"http://127.0.0.1:{port}/v1") for _ in range(args.repeat)]
                    r = min(runs, key=lambda run: run["cpu_ms_per_call"])
                    print(f"| {variant} | {latency} | {concurrency} | {r['calls_per_s']:.0f} "
                          f"| {r['cpu_ms_per_call']:.2f} |", flush=True)
            if latency == 0:
                own = run_cell("own", args.n, 0, 1, f"http://127.0.0.1:{port}/v1")
        finally:
            server.terminate()
            server.wait(5)
    if own is None:
        return
    print(f"\napp.llm's own code per call: {own['own_us_per_call']:.0f} us CPU; "
          f"litellm.completion_cost on a response: {own['completion_cost_us']:.0f} us "
          "(app.llm reads the cost litellm already computed instead)")


if __name__ == "__main__":
    main()
