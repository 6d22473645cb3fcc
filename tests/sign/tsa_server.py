#!/usr/bin/python3
"""A local RFC 3161 timestamp authority for the B-T tests: `openssl ts -reply` behind a
tiny HTTP server on the loopback, on a free port it prints as its first line of output.

    tsa_server.py KEYS_DIR [--fail 500] [--tls]

KEYS_DIR holds tsa.key, tsa.crt and ca.crt (tests/sign/make_keys.sh). Each POST body is a
TimeStampReq; the answer is the TimeStampResp. With --fail STATUS every request gets that
HTTP status instead (a TSA that is down); with --tls it serves HTTPS with tls.crt (for
localhost, issued by the test CA). Stops when its standard input closes."""
import http.server
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading

keys = os.path.abspath(sys.argv[1])
fail = int(sys.argv[sys.argv.index("--fail") + 1]) if "--fail" in sys.argv else 0
work = tempfile.mkdtemp(prefix="vanban-tsa-")
config = os.path.join(work, "tsa.cnf")
with open(config, "w") as f:
    f.write(f"""[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {work}/serial
crypto_device = builtin
signer_cert = {keys}/tsa.crt
certs = {keys}/ca.crt
signer_key = {keys}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
""")
with open(os.path.join(work, "serial"), "w") as f:
    f.write("01\n")
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if fail:
            self.send_response(fail)
            self.end_headers()
            return
        with lock:
            query = os.path.join(work, "query.tsq")
            reply = os.path.join(work, "reply.tsr")
            with open(query, "wb") as f:
                f.write(body)
            done = subprocess.run(["openssl", "ts", "-reply", "-config", config, "-queryfile", query,
                                   "-out", reply], capture_output=True)
            data = open(reply, "rb").read() if done.returncode == 0 else b""
        self.send_response(200 if data else 500)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if "--tls" in sys.argv:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(keys, "tls.crt"), os.path.join(keys, "tls.key"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()  # the test closes it (or exits) to stop the server
server.shutdown()
shutil.rmtree(work, ignore_errors=True)
