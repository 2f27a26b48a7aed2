#!/usr/bin/python3
"""Finding 2 of "Safe to expose": floods the real web host with uploads of a huge PNG and reports its memory.

Starts the built host (web/SemanticSearch.Web, Release) on 127.0.0.1 with an ephemeral port and a temporary data
folder, waits until the demo gallery is searchable, then runs CLIENTS concurrent clients that each upload a generated
12000 x 8000 PNG (about 300 KB, blocks of two colours) UPLOADS times to POST /api/search/image. Prints every status
and latency, the host's peak resident memory (sampled VmRSS every 50 ms, and the kernel's VmHWM), and its resident
memory a minute after the last answer. Standard library only; run with Debian's /usr/bin/python3.
"""
import argparse, http.client, json, os, re, shutil, subprocess, sys, tempfile, threading, time, zlib, struct

def png(width, height, block=1000):
    red, blue = b"\xff\x00\x00" * block, b"\x00\x00\xff" * block
    rows = []
    for parity in (0, 1):
        cells = [(red if (i + parity) % 2 == 0 else blue) for i in range((width + block - 1) // block)]
        rows.append(b"\x00" + b"".join(cells)[: width * 3])
    z = zlib.compressobj(6)
    body = b"".join(z.compress(rows[(y // block) % 2]) for y in range(height)) + z.flush()
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))

def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host-dll", default="web/SemanticSearch.Web/bin/Release/net10.0/SemanticSearch.Web.dll")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--uploads", type=int, default=3)
    p.add_argument("--width", type=int, default=12000)
    p.add_argument("--height", type=int, default=8000)
    p.add_argument("--after", type=int, default=60, help="seconds to wait before the final memory reading")
    p.add_argument("--setting", action="append", default=[], help="extra host setting Key=Value")
    a = p.parse_args()

    data = tempfile.mkdtemp(prefix="semsearch-flood-")
    args = ["dotnet", a.host_dll, "--urls", "http://127.0.0.1:0", "--data-dir", data, "--source", "demo-gallery"]
    args += ["--" + s for s in a.setting]
    host = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        for line in host.stdout:
            m = re.search(r"Now listening on: http://127\.0\.0\.1:(\d+)", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            sys.exit("the host did not start")
        log = open(os.path.join(data, "host.log"), "w")
        threading.Thread(target=lambda: [log.write(l) for l in host.stdout], daemon=True).start()  # keep the pipe drained

        def request(method, path, body=None, headers=None):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            payload = r.read()
            c.close()
            return r.status, payload

        # The flood starts once the start-up crawl of the demo gallery has ended, so only uploads load the host.
        deadline = time.time() + 300
        while time.time() < deadline:
            status, payload = request("GET", "/api/status")
            crawler = (json.loads(payload).get("crawler") or {}) if status == 200 else {}
            if crawler.get("state") == "idle" and (crawler.get("indexed") or 0) > 0:
                break
            time.sleep(1)
        else:
            sys.exit("the demo gallery was not indexed within 5 minutes")

        image = png(a.width, a.height)
        idle_kb = status_kb(host.pid, "VmRSS")
        print(f"host pid {host.pid}, port {port}; upload {a.width}x{a.height} PNG, {len(image) / 1024:.0f} KB; "
              f"{a.clients} clients x {a.uploads} uploads; host resident before: {idle_kb / 1024:.0f} MB")

        peak = [idle_kb]
        done = threading.Event()
        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], status_kb(host.pid, "VmRSS"))
                time.sleep(0.05)
        sampler = threading.Thread(target=sample)
        sampler.start()

        results, lock = [], threading.Lock()
        def client(n):
            for i in range(a.uploads):
                started = time.time()
                try:
                    status, _ = request("POST", "/api/search/image", image, {"Content-Type": "image/png"})
                except Exception as e:  # a dropped connection is a result too
                    status = type(e).__name__
                with lock:
                    results.append((n, i, status, time.time() - started))
        started = time.time()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(a.clients)]
        for t in threads: t.start()
        for t in threads: t.join()
        flood = time.time() - started
        done.set(); sampler.join()
        hwm = status_kb(host.pid, "VmHWM")
        time.sleep(a.after)
        later = status_kb(host.pid, "VmRSS")

        counts = {}
        for _, _, s, _ in results:
            counts[s] = counts.get(s, 0) + 1
        latencies = sorted(r[3] for r in results)
        for n, i, s, t in sorted(results):
            print(f"  client {n:2} upload {i}: {s} in {t:.2f} s")
        print(f"statuses: {counts}; all answered: {len(results) == a.clients * a.uploads}")
        print(f"latency: median {latencies[len(latencies) // 2]:.2f} s, max {latencies[-1]:.2f} s; flood took {flood:.1f} s")
        log.flush()
        errors = [l.rstrip() for l in open(os.path.join(data, "host.log")) if re.search(r"fail:|crit:|Exception", l)]
        print(f"host log: {len(errors)} error lines" + "".join("\n  " + l for l in errors[:20]))
        print(f"host resident memory: before {idle_kb / 1024:.0f} MB, peak {peak[0] / 1024:.0f} MB (VmHWM {hwm / 1024:.0f} MB), "
              f"{a.after} s later {later / 1024:.0f} MB")
    finally:
        host.terminate()
        host.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)

if __name__ == "__main__":
    main()
