#!/usr/bin/env python3
"""A log flood for benchmarks: ready at once, then writes lines at a fixed rate.

    python3 -u flood.py --rate 20000 --seconds 20 [--ready-file F] [--exit-when-done]

Every line carries its write time as epoch milliseconds (t=MS), so a reader can measure
how late it shows a line. One line in five goes to stderr (WARN, ERROR), three in ten carry ANSI colour codes and one
in a thousand is long (2 KiB). Every line holds its sequence number (seq=N) so a
reader can check that none was lost. A summary goes to stderr when the time is up;
then it idles (a process that exits would end the stack) until SIGTERM or SIGINT,
unless --exit-when-done. When the reader is slower than the rate, writes block and
the flood falls behind: the summary reports the rate reached.
"""
import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

TICK = 0.01  # seconds per batch: small enough to look steady, large enough to batch writes
COLOURS = {"INFO": "\x1b[32m", "DEBUG": "\x1b[36m", "WARN": "\x1b[33m", "ERROR": "\x1b[1;31m"}
RESET = "\x1b[0m"


def line(name, seq, millis):
    """The text of line `seq`, written at epoch `millis`, and whether it goes to stderr."""
    if seq % 5 == 4:
        level = "ERROR" if seq % 10 == 9 else "WARN"
    else:
        level = "DEBUG" if seq % 5 == 3 else "INFO"
    shown = f"{COLOURS[level]}{level}{RESET}" if seq % 10 in (3, 4, 7) else level
    text = f"{shown:<5} {name} seq={seq} t={millis} request handled in {seq % 97} ms path=/v1/items/{seq % 1000}"
    if seq % 1000 == 999:
        text += " payload=" + "x" * 2048
    return text, level in ("WARN", "ERROR")


def main(argv=None):
    p = argparse.ArgumentParser(description="Writes log lines at a fixed rate (Switchboard benchmark stand-in).")
    p.add_argument("--rate", type=float, default=20000, help="lines per second, stdout and stderr together")
    p.add_argument("--seconds", type=float, default=20, help="how long to write")
    p.add_argument("--exit-when-done", action="store_true", help="exit 0 after the flood instead of idling")
    p.add_argument("--config", help="ignored; accepted like every service")
    p.add_argument("--ready-file", help="touched at once")
    args = p.parse_args(argv)

    stop = threading.Event()
    received = []

    def on_stop(signum, _frame):
        received.append(signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    name = os.environ.get("SWITCHBOARD_PROCESS", "flood")
    if args.ready_file:
        Path(args.ready_file).touch()

    total = int(args.seconds * args.rate)
    written = 0
    start = time.monotonic()
    try:
        while not stop.is_set():
            now = time.monotonic()
            due = min(int((now - start) * args.rate), total)
            out, err = [], []
            millis = time.time_ns() // 1_000_000
            for seq in range(written, due):
                text, to_err = line(name, seq, millis)
                (err if to_err else out).append(text)
            if out:
                sys.stdout.write("\n".join(out) + "\n")
                sys.stdout.flush()
            if err:
                sys.stderr.write("\n".join(err) + "\n")
                sys.stderr.flush()
            written = due
            if written >= total:
                break
            stop.wait(max(0.0, TICK - (time.monotonic() - now)))
        took = time.monotonic() - start
        sys.stderr.write(f"flood {name}: wrote {written} lines in {took:.2f} s "
                         f"({written / took if took else 0:.0f} lines/s, asked {args.rate:.0f})\n")
        sys.stderr.flush()
        if not args.exit_when_done:
            stop.wait()
        if received:
            print(f"flood {name}: {received[0]} received, exiting", flush=True)
    except BrokenPipeError:
        # The reader went away: nothing left to measure.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
