#!/usr/bin/env python3
"""Session 50: where the README default's W1 CPU goes, floor against Inkroom (async-profiler 4.1
event=cpu,interval=1ms,threads, 30 s from the first measured step of W1 at 2,500 sends/s; collected
by bench/profile-watch.sh). Usage: split.py [DIR]  (floor.collapsed.gz and inkroom.collapsed.gz)

Prints per app: samples by thread kind; inside the writers, the server's sendText and its kernel
share; Inkroom's request-thread work by its first Inkroom frame."""
import collections, gzip, os, sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

def kind(thread):
    t = thread.lower()
    if "-send" in t:
        return "send"
    if "executor" in t:
        return "request"
    if "store" in t:
        return "store"
    if "selector" in t:
        return "read selector"
    if t.startswith("[c1") or t.startswith("[c2"):
        return "jit"
    if "gc" in t or "g1" in t:
        return "gc"
    return "other"

for app in ("floor", "inkroom"):
    kinds = collections.Counter()
    send_text = kernel = own_request = 0
    request_by = collections.Counter()
    total = 0
    for line in gzip.open(os.path.join(d, app + ".collapsed.gz"), "rt"):
        stack, n = line.rsplit(" ", 1)
        n = int(n)
        frames = stack.split(";")
        total += n
        k = kind(frames[0])
        kinds[k] += n
        if k == "send" and "RemoteEndpointBasicExt.sendText" in stack:
            send_text += n
            if frames[-1].endswith("_[k]"):
                kernel += n
        if k == "request":
            ink = [f.split("/")[-1] for f in frames if "org/inkroom/" in f and "floor" not in f]
            if len(ink) > 1:
                request_by[ink[1]] += n
    print(f"== {app}: {total} samples; " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print(f"   writers in sendText: {send_text} ({100 * kernel / max(1, send_text):.0f} % in the kernel)")
    for f, v in request_by.most_common(6):
        print(f"   request threads under {f}: {v}")
