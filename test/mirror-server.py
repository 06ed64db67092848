#!/usr/bin/env python3
"""A release mirror on 127.0.0.1 for the tests: serves a directory in upstream's layout.

  mirror-server.py ROOT PORT_FILE [--stall-after BYTES]

Binds a free loopback port and writes it to PORT_FILE. Honours single Range requests (the library
resumes dropped downloads). With --stall-after, every response stops after that many body bytes and
the connection stays open, silent: a mirror that stops answering mid-download.
"""
import http.server
import os
import sys
import time


def main():
    root, port_file = sys.argv[1], sys.argv[2]
    stall_after = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--stall-after" else None

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = os.path.normpath(os.path.join(root, self.path.lstrip("/")))
            if not path.startswith(os.path.abspath(root) + os.sep) or not os.path.isfile(path):
                self.send_error(404)
                return
            size = os.path.getsize(path)
            start = 0
            rng = self.headers.get("Range")
            if rng and rng.startswith("bytes=") and rng.endswith("-"):
                start = int(rng[len("bytes="):-1])
                self.send_response(206)
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, size - 1, size))
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(size - start))
            self.end_headers()
            sent = 0
            with open(path, "rb") as f:
                f.seek(start)
                while True:
                    chunk = f.read(65536)
                    if not chunk:
                        return
                    if stall_after is not None and sent + len(chunk) > stall_after:
                        self.wfile.write(chunk[: max(0, stall_after - sent)])
                        self.wfile.flush()
                        time.sleep(3600)
                        return
                    self.wfile.write(chunk)
                    sent += len(chunk)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
