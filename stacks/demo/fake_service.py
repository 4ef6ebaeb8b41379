#!/usr/bin/env python3
"""A stand-in service for Switchboard's sample stacks (python3 standard library only).

It behaves like the services of the seed launcher: prints role-specific log lines
(warnings on stderr), takes --config PATH and --ready-file PATH (touched once ready),
optionally listens on --port (a tiny HTTP server: GET /health answers 200), logs a
heartbeat every few seconds, and exits 0 on SIGTERM or SIGINT.

    python3 -u fake_service.py --role hub --startup 0.8 [--port N] [--config F] [--ready-file F]

Other switches: --crash-after S (die with a CUDA out-of-memory traceback, exit 1),
--upstream HOST:PORT (must accept a connection before ready), --needs-generated (read
the file that --role configure writes) and --heartbeat S.
"""
import argparse
import json
import os
import random
import signal
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Per role: logger name, startup steps (fraction of --startup, stream, level, text),
# the line printed when ready, heartbeat lines and shutdown lines. Texts may use
# {port}, {model}, {voice}, {n}, {total}, {rate}, {ms}, {pct}, {generated}.
ROLES = {
    "hub": dict(
        logger="xr_media_hub",
        startup=[
            (0.05, "out", "INFO", "Starting XR media hub 0.9.3 (pid {pid})"),
            (0.25, "out", "INFO", "Opening IPC endpoint ipc:///tmp/xr-hub-{uid}.sock"),
            (0.45, "err", "WARNING", "OpenXR runtime not found; using the null headset (no display output)"),
            (0.70, "out", "INFO", "Media pipeline: 2 video tracks (1832x1920 @ 72 Hz), 1 audio track (48 kHz)"),
            (0.90, "out", "INFO", "Session manager started (max_clients=4)"),
        ],
        ready="Hub ready; accepting IPC clients",
        beats=[
            "clients=1 frames_in={frames} frames_out={frames} dropped=0 latency_p95={ms}ms",
            "pose stream healthy: 72.0 Hz, jitter {ms} us",
        ],
        warn_beats=["frame {frames} late by {ms} ms (compositor busy)"],
        shutdown=["Closing 2 client sessions", "IPC endpoint closed"],
    ),
    "stt": dict(
        logger="stt_server",
        startup=[
            (0.05, "out", "INFO", "Loading speech model {model}"),
            (0.20, "err", "WARNING", "CUDA is not available; running on CPU (int8). Expect higher latency."),
            (0.55, "out", "INFO", "Model loaded in {startup:.1f}s (74.4M parameters)"),
            (0.75, "out", "INFO", "VAD: silero-vad v5, threshold 0.5, min silence 300 ms"),
            (0.90, "out", "INFO", "Warm-up transcription done (rtf 0.21)"),
        ],
        ready="STT server ready (sample_rate=16000, language=en)",
        beats=[
            "transcribed {total} utterances, avg rtf {rate:.2f}",
            "partial results: {n} streams open",
        ],
        warn_beats=["utterance dropped: audio gap of {ms} ms"],
        shutdown=["Flushing 0 pending utterances"],
    ),
    "tts": dict(
        logger="piper_tts_server",
        startup=[
            (0.05, "out", "INFO", "Loading voice {voice}"),
            (0.35, "err", "WARNING", "onnxruntime: CUDAExecutionProvider unavailable, using CPUExecutionProvider"),
            (0.70, "out", "INFO", "Voice loaded: 22050 Hz, 1 speaker, phonemizer espeak-ng"),
            (0.90, "out", "INFO", "Warm-up synthesis: 0.41 s audio in {ms} ms"),
        ],
        ready="TTS server ready",
        beats=["synthesized {total} requests, real-time factor {rate:.2f}"],
        warn_beats=["text truncated to 500 characters"],
        shutdown=["Releasing audio buffers"],
    ),
    "model-server": dict(
        logger="model_server",
        startup=[
            (0.03, "out", "INFO", "Initializing engine (model={model}, dtype=float16, max_model_len=8192)"),
            (0.10, "err", "WARNING", "FlashAttention backend not available; falling back to XFormers"),
            (0.20, "out", "INFO", "Loading safetensors checkpoint shards: 1/4"),
            (0.35, "out", "INFO", "Loading safetensors checkpoint shards: 2/4"),
            (0.50, "out", "INFO", "Loading safetensors checkpoint shards: 3/4"),
            (0.62, "out", "INFO", "Loading safetensors checkpoint shards: 4/4"),
            (0.75, "out", "INFO", "Model weights took 5.35 GiB; KV cache: 9.81 GiB (40176 tokens)"),
            (0.90, "out", "INFO", "Capturing CUDA graphs for batch sizes 1..64"),
        ],
        ready="Uvicorn running on http://127.0.0.1:{port} (Press CTRL+C to quit)",
        beats=[
            "Avg prompt throughput: {rate:.1f} tokens/s, Avg generation throughput: {ms}.0 tokens/s, "
            "Running: {n} reqs, Waiting: 0 reqs, GPU KV cache usage: {pct:.1f}%",
        ],
        warn_beats=["Sequence group {total} is preempted by PreemptionMode.RECOMPUTE"],
        shutdown=["Shutting down engine", "Finished server process [{pid}]"],
    ),
    "worker": dict(
        logger="agent_worker",
        startup=[
            (0.10, "out", "INFO", "Agent worker 0.4.1 starting (persona=concierge)"),
            (0.40, "out", "INFO", "Connected to hub IPC ipc:///tmp/xr-hub-{uid}.sock"),
            (0.60, "err", "WARNING", "No MCP servers configured; tool calls are disabled"),
            (0.85, "out", "INFO", "LLM client ready (model={model})"),
        ],
        ready="Worker ready; waiting for sessions",
        beats=[
            "session {n}: turn {total} (asr {ms} ms, llm {pct:.0f}0 ms, tts 118 ms)",
            "idle; {total} turns handled",
        ],
        warn_beats=["LLM response took {ms}0 ms (over the 2 s budget)"],
        shutdown=["Leaving 1 session", "Disconnected from hub"],
    ),
    "configure": dict(
        logger="configure",
        startup=[
            (0.10, "out", "INFO", "Detecting hardware: 2 CPUs, no GPU"),
            (0.50, "err", "WARNING", "No GPU found; selecting CPU profiles"),
            (0.80, "out", "INFO", "Rendering service settings"),
        ],
        ready="Wrote {generated}",
        beats=[], warn_beats=[], shutdown=[],
    ),
    "cache": dict(
        logger="cache",
        startup=[
            (0.10, "out", "INFO", "Cache server 7.2.4 starting, pid={pid}"),
            (0.40, "err", "WARNING", "overcommit_memory is set to 0; background saves may fail under low memory"),
            (0.80, "out", "INFO", "Loaded snapshot: 1342 keys in 12 ms"),
        ],
        ready="Ready to accept connections tcp",
        beats=["{total} commands processed, {n} clients connected, hit rate {pct:.1f}%"],
        warn_beats=["slow command: SCAN took {ms} ms"],
        shutdown=["Saving the final snapshot", "Cache is now ready to exit, bye bye..."],
    ),
    "api": dict(
        logger="api",
        startup=[
            (0.10, "out", "INFO", "Starting API gateway (routes: /health, /v1/sessions)"),
            (0.50, "out", "INFO", "Connected to cache (pool size 8)"),
            (0.70, "err", "WARNING", "CORS allows every origin; do not use this configuration in production"),
        ],
        ready="Listening on http://127.0.0.1:{port}",
        beats=["{total} requests served, p95 {ms} ms"],
        warn_beats=["client 127.0.0.1 sent a request without an API key"],
        shutdown=["Draining 0 open connections"],
    ),
    "metrics": dict(
        logger="metrics_agent",
        startup=[(0.30, "out", "INFO", "Scraping 3 targets every 5s")],
        ready="Metrics agent running",
        beats=["shipped {total} samples ({n} batches)"],
        warn_beats=["target api scrape took {ms} ms"],
        shutdown=["Flushing the last batch"],
    ),
}

DEFAULTS = {"model": "Qwen2.5-7B-Instruct-AWQ", "voice": "en_US-lessac-medium"}

# A realistic end for a model server that cannot fit its weights.
CUDA_OOM_TRACEBACK = """\
Traceback (most recent call last):
  File "/opt/model-server/.venv/bin/model_server", line 8, in <module>
    sys.exit(main())
             ^^^^^^
  File "/opt/model-server/.venv/lib/python3.12/site-packages/model_server/cli.py", line 71, in main
    engine = LLMEngine.from_engine_args(engine_args)
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/model-server/.venv/lib/python3.12/site-packages/model_server/engine/llm_engine.py", line 412, in from_engine_args
    engine = cls(vllm_config=vllm_config, executor_class=executor_class)
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/model-server/.venv/lib/python3.12/site-packages/model_server/worker/model_runner.py", line 1093, in load_model
    self.model = get_model(vllm_config=self.vllm_config)
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/model-server/.venv/lib/python3.12/site-packages/torch/nn/modules/module.py", line 1343, in to
    return self._apply(convert)
           ^^^^^^^^^^^^^^^^^^^^
  File "/opt/model-server/.venv/lib/python3.12/site-packages/torch/nn/modules/module.py", line 930, in _apply
    param_applied = fn(param)
                    ^^^^^^^^^
RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity; 5.91 GiB already allocated; 1.12 GiB free; 6.02 GiB reserved in total by PyTorch)"""


class Output:
    """Line-by-line output that survives its reader going away (a persist service outlives its launcher)."""

    def __init__(self, logger):
        self.logger = logger
        self.lock = threading.Lock()

    def line(self, level, text, stream="out"):
        now = time.time()
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)) + ",%03d" % (now % 1 * 1000)
        self.raw(f"{stamp} {level:<7} {self.logger}: {text}", stream)

    def raw(self, text, stream="out"):
        target = sys.stdout if stream == "out" else sys.stderr
        with self.lock:
            try:
                target.write(text + "\n")
                target.flush()
            except (BrokenPipeError, OSError):
                # Nobody reads us any more: keep running and write to /dev/null from now on.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, target.fileno())
                os.close(devnull)


def generated_path():
    """Where --role configure writes its file and --needs-generated reads it: per user and per stack."""
    stack = os.environ.get("SWITCHBOARD_STACK", "demo")
    return Path(tempfile.gettempdir()) / f"switchboard-demo-{os.getuid()}" / stack / "generated.yaml"


def read_config(path):
    """Top-level `key: value` scalars of a small YAML file (no PyYAML needed for the demo)."""
    values = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if raw and not raw[0].isspace() and ":" in raw and not raw.startswith("#"):
            key, _, value = raw.partition(":")
            value = value.split(" #")[0].strip().strip("\"'")
            if value:
                values[key.strip()] = value
    return values


def start_http(port, role, out):
    """Serves GET /health (and a model list for the model server) so tcp and http probes both work."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path in ("/health", "/healthz", "/"):
                body = {"status": "ok", "role": role}
            elif self.path == "/v1/models" and role == "model-server":
                body = {"object": "list", "data": [{"id": DEFAULTS["model"], "object": "model"}]}
            else:
                self.send_error(404)
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):
            out.line("INFO", f'{self.client_address[0]} - "{self.requestline}" {args[1] if len(args) > 1 else ""}')

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    return server


def wait_for_upstream(spec, stop, out, timeout=5.0):
    """True once HOST:PORT accepts a connection; the worker refuses to start without its servers."""
    host, _, port = spec.rpartition(":")
    deadline = time.monotonic() + timeout
    while not stop.is_set():
        try:
            with socket.create_connection((host or "127.0.0.1", int(port)), timeout=1.0):
                out.line("INFO", f"Upstream {spec} is reachable")
                return True
        except OSError as e:
            if time.monotonic() >= deadline:
                out.line("ERROR", f"Cannot reach upstream {spec}: {e.strerror or e}", "err")
                return False
        stop.wait(0.2)
    return True


def parse_args(argv):
    p = argparse.ArgumentParser(description="Stand-in service for Switchboard's sample stacks.")
    p.add_argument("--role", default="hub", choices=sorted(ROLES))
    p.add_argument("--startup", type=float, default=1.0, help="seconds until ready")
    p.add_argument("--port", type=int, help="listen on 127.0.0.1:PORT (HTTP, GET /health) once ready")
    p.add_argument("--heartbeat", type=float, default=4.0, help="seconds between status lines")
    p.add_argument("--crash-after", type=float, help="die with a CUDA OOM traceback after this many seconds")
    p.add_argument("--upstream", action="append", default=[], help="HOST:PORT that must accept connections")
    p.add_argument("--needs-generated", action="store_true", help="read the file written by --role configure")
    p.add_argument("--config", help="YAML settings (top-level scalars are used)")
    p.add_argument("--ready-file", help="touched once the service is ready")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    role = ROLES[args.role]
    out = Output(role["logger"])
    stop = threading.Event()
    received = []

    def on_stop(signum, _frame):
        received.append(signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    # Daemons reload on HUP; it also keeps a lost terminal from killing a persist service.
    signal.signal(signal.SIGHUP, lambda *_: out.line("INFO", "SIGHUP received; configuration reloaded"))

    values = dict(DEFAULTS, pid=os.getpid(), uid=os.getuid(), port=args.port, startup=args.startup,
                  generated=generated_path(), frames=0, n=1, total=0, rate=0.21, ms=87, pct=3.0)
    if args.config:
        settings = read_config(args.config)
        values.update(settings)
        out.line("INFO", f"Loaded configuration from {args.config} ({len(settings)} settings)")
        if settings.get("log_level", "info").lower() == "debug":
            out.line("DEBUG", f"settings: {settings}")
    if args.needs_generated:
        path = generated_path()
        if not path.exists():
            out.line("ERROR", f"{path} not found: run the 'configure' task first", "err")
            return 1
        out.line("INFO", f"Using generated settings from {path} ({len(read_config(path))} settings)")

    started = time.monotonic()
    crash_at = args.crash_after if args.crash_after is not None else float("inf")
    for fraction, stream, level, text in role["startup"]:
        at = min(fraction * args.startup, crash_at)
        if stop.wait(max(0.0, started + at - time.monotonic())):
            break
        if at >= crash_at:
            break
        out.line(level, text.format(**values), stream)
    if not stop.is_set() and crash_at < float("inf"):
        stop.wait(max(0.0, started + crash_at - time.monotonic()))
        if not stop.is_set():
            out.line("ERROR", "Engine failed to start", "err")
            out.raw(CUDA_OOM_TRACEBACK, "err")
            return 1
    if not stop.wait(max(0.0, started + args.startup - time.monotonic())):
        for spec in args.upstream:
            if not wait_for_upstream(spec, stop, out):
                return 1

    server = None
    if not stop.is_set():
        if args.role == "configure":
            path = generated_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# written by switchboard demo 'configure' at {time.ctime()}\n"
                            "device: cpu\nstt_compute_type: int8\ntts_threads: 2\nmax_sessions: 4\n",
                            encoding="utf-8")
        if args.port:
            try:
                server = start_http(args.port, args.role, out)
            except OSError as e:
                out.line("ERROR", f"Cannot listen on 127.0.0.1:{args.port}: {e.strerror or e}", "err")
                return 1
        if args.ready_file:
            Path(args.ready_file).parent.mkdir(parents=True, exist_ok=True)
            Path(args.ready_file).touch()
        out.line("INFO", role["ready"].format(**values))
        if args.role == "configure":
            return 0

    # Running: a status line every few seconds, now and then a warning on stderr.
    rng = random.Random(os.getpid())
    ready_at = time.monotonic()
    while not stop.wait(args.heartbeat * rng.uniform(0.8, 1.2)):
        values.update(n=rng.randint(1, 4), total=values["total"] + rng.randint(1, 40),
                      frames=int((time.monotonic() - ready_at) * 72),
                      rate=rng.uniform(0.1, 80.0), ms=rng.randint(3, 250), pct=rng.uniform(1, 60))
        if role["warn_beats"] and rng.random() < 0.2:
            out.line("WARNING", rng.choice(role["warn_beats"]).format(**values), "err")
        elif role["beats"]:
            out.line("INFO", rng.choice(role["beats"]).format(**values))

    out.line("INFO", f"Received {received[0] if received else 'stop'}; shutting down")
    if server is not None:
        server.shutdown()
        server.server_close()
    for text in role["shutdown"]:
        out.line("INFO", text.format(**values))
    out.line("INFO", "Shutdown complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
