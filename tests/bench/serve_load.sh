#!/usr/bin/env bash
# `vanban serve` under load (issue #15; figures for docs/performance.md "Issue #15: the server
# under load"). A program, not a timed test:
#   bash tests/bench/serve_load.sh [build-dir] [seconds] [connections]
# 1. the plan alone over HTTP, one client at a time (its p50: target < 30 ms);
# 2. 16 connections (wrk, 2 threads) rendering different documents — the plan, a report, a
#    decision, an official letter, Phụ lục 1 forms — for a minute: p50/p99, throughput (target
#    > 100 renders/s), every response checked whole in the wrk script (status 200, %PDF- … %%EOF),
#    a sample checked by qpdf --check and pdftotext, the server's memory (VmRSS) sampled every
#    second; meanwhile a hostile client sends garbage and bodies cut off mid-way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
seconds="${2:-60}"
connections="${3:-16}"
cli="$build/engine/vanban"
tmp="$(mktemp -d)"
server=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$cli" serve --listen 127.0.0.1:0 --queue 256 >"$tmp/out" 2>"$tmp/err" &
server=$!
for _ in $(seq 100); do grep -q 'http://' "$tmp/out" && break; sleep 0.1; done
port="$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | sed 's/.*://')"
url="http://127.0.0.1:$port"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: pid $server, $url, threads = cores"

s="$root/samples"
docs="ke-hoach=$s/ke-hoach-hoa-binh-2021.json bao-cao=$s/bao-cao.json quyet-dinh=$s/quyet-dinh.json"
docs="$docs cong-van=$s/cong-van.json thong-bao=$s/thong-bao.json phu-luc-1=$s/phu-luc-1-dang-ky.json"
docs="$docs to-trinh=$s/to-trinh.json ke-hoach=$s/ke-hoach.json"
export VANBAN_LOAD_DOCS="$docs"
for spec in $docs; do
  tpl="${spec%%=*}"; file="${spec#*=}"
  code="$(curl -s -o "$tmp/one.pdf" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$file" "$url/api/render?template=$tpl")"
  [ "$code" = 200 ] || { echo "sample $spec: HTTP $code"; cat "$tmp/one.pdf"; exit 1; }
done

echo
echo "## 1. the plan, one client at a time (200 requests, after 20 to warm up)"
python3 - "$url" "$s/ke-hoach-hoa-binh-2021.json" <<'PY'
import http.client, statistics, sys, time
host, port = sys.argv[1].split("//")[1].split(":")
body = open(sys.argv[2], "rb").read()
c = http.client.HTTPConnection(host, int(port))
times = []
for i in range(220):
    t = time.perf_counter()
    c.request("POST", "/api/render?template=ke-hoach", body, {"Content-Type": "application/json"})
    r = c.getresponse(); data = r.read()
    assert r.status == 200 and data.startswith(b"%PDF-"), r.status
    if i >= 20: times.append((time.perf_counter() - t) * 1000)
times.sort()
q = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
print(f"plan over HTTP: p50 {q(50):.1f} ms, p90 {q(90):.1f} ms, p99 {q(99):.1f} ms, min {times[0]:.1f} ms")
PY

echo
echo "## 2. $connections connections, different documents, ${seconds} s"
( while kill -0 "$server" 2>/dev/null; do
    echo "$(date +%s) $(grep VmRSS /proc/$server/status | awk '{print $2}')"; sleep 1
  done ) >"$tmp/rss" &
sampler=$!
# Meanwhile a hostile client: garbage, a body cut off mid-way, a connection left idle, over and over.
python3 - "$port" "$seconds" >"$tmp/hostile" 2>&1 <<'PY' &
import os, socket, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
end, n = time.time() + seconds, 0
while time.time() < end:
    for payload in (os.urandom(2000), b"GET /" + b"A" * 9000 + b" HTTP/1.1\r\n\r\n",
                    b"POST /api/render?template=ke-hoach HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"a\":"):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(payload)
            s.close()
            n += 1
        except OSError:
            pass
    time.sleep(0.05)
print(f"hostile connections meanwhile: {n}")
PY
hostile=$!
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$root/tests/bench/serve_load.lua" "$url" \
  | grep -v '^\s*$' | sed -n '/requests /,$p'
wait "$hostile" || true
cat "$tmp/hostile"
kill "$sampler" 2>/dev/null || true
sampler=""
awk 'NR==1{first=$2} {v[NR]=$2; if ($2>max) max=$2} END {
  printf "server VmRSS: start %.1f MB, max %.1f MB, end %.1f MB; by tenths of the run:", first/1024, max/1024, v[NR]/1024
  for (i = 1; i <= 10; i++) printf " %.0f", v[int((NR-1)*i/10)+1]/1024; print " MB" }' "$tmp/rss"

echo
echo "## a sample of responses checked with qpdf --check and pdftotext"
i=0
for spec in $docs; do
  tpl="${spec%%=*}"; file="${spec#*=}"
  curl -s -o "$tmp/s$i.pdf" -H 'Content-Type: application/json' --data-binary @"$file" "$url/api/render?template=$tpl"
  qpdf --check "$tmp/s$i.pdf" >/dev/null 2>&1 && ok=ok || ok=FAIL
  words="$(pdftotext "$tmp/s$i.pdf" - | wc -w)"
  echo "$tpl: qpdf $ok, $words words"
  i=$((i + 1))
done
echo "server alive after the run: $(kill -0 "$server" 2>/dev/null && echo yes || echo no)"
