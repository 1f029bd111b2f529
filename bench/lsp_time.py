#!/usr/bin/env python3
"""Time `draftlint lsp` on one large document, as an editor would drive it.

    python3 bench/lsp_time.py BINARY FILE

Opens FILE, waits for its diagnostics, types one character at its end (an incremental change)
and, while that version is being checked, asks for the outline of another document. Prints one
line: seconds to the first diagnostics, seconds from the edit to the new version's
diagnostics, milliseconds to the answer given meanwhile, and the server's peak memory in MB.
"""
import json
import subprocess
import sys
import threading
import time
import queue

binary, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
server = subprocess.Popen(
    [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
)
messages: "queue.Queue[dict]" = queue.Queue()


def read() -> None:
    out = server.stdout
    while True:
        length = None
        line = out.readline()
        if not line:
            return
        while line.strip():
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
            line = out.readline()
        messages.put(json.loads(out.read(length)))


def send(message: dict) -> None:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def wait(wanted) -> dict:
    while True:
        message = messages.get(timeout=600)
        if wanted(message):
            return message


def published(version: int):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get(
        "version"
    ) == version


threading.Thread(target=read, daemon=True).start()
uri = "file:///bench/large.txt"
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": None, "capabilities": {}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
start = time.monotonic()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
wait(published(1))
opened = time.monotonic() - start

lines = text.split("\n")
end = {"line": len(lines) - 1, "character": len(lines[-1].encode("utf-16-le")) // 2}
start = time.monotonic()
send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
    "textDocument": {"uri": uri, "version": 2},
    "contentChanges": [{"range": {"start": end, "end": end}, "text": ","}]}})
asked = time.monotonic()
send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
      "params": {"textDocument": {"uri": "file:///bench/other.txt"}}})
wait(lambda m: m.get("id") == 2)
answered = time.monotonic() - asked
wait(published(2))
edited = time.monotonic() - start

peak = 0
with open(f"/proc/{server.pid}/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) // 1024
send({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": None})
wait(lambda m: m.get("id") == 3)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
code = server.wait(timeout=60)
print(f"{opened:.2f} {edited:.2f} {answered * 1000:.0f} {peak} {code}")
