#!/usr/bin/env python3
"""Time what an editor waits for while a report is typed: `draftlint lsp` republishing a
document's diagnostics after a one-character edit, with its outline and folding asked for.

    python3 bench/lsp_edit.py BINARY FILE [EDITS]

Opens FILE, then EDITS times (default 30) inserts one character in the middle of a paragraph,
asks for the document's symbols and folding ranges, and waits for the new version's
diagnostics and both answers. Prints the median and the slowest of those waits in
milliseconds, and the number of diagnostics last published.
"""
import json
import queue
import statistics
import subprocess
import sys
import threading
import time

binary, path = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 30
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


def wait_all(wanted: list) -> dict:
    """Wait until every predicate has matched a message; the diagnostics matched."""
    left = list(wanted)
    found = None
    while left:
        message = messages.get(timeout=60)
        for predicate in left:
            if predicate(message):
                left.remove(predicate)
                if message.get("method") == "textDocument/publishDiagnostics":
                    found = message
                break
    return found


def published(version: int):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get(
        "version"
    ) == version


def answer(id_: int):
    return lambda m: m.get("id") == id_


threading.Thread(target=read, daemon=True).start()
uri = "file:///bench/report.txt"
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": None, "capabilities": {}}})
wait_all([answer(1)])
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
wait_all([published(1)])

lines = text.split("\n")
# The longest line: a paragraph, where typing happens.
row = max(range(len(lines)), key=lambda i: len(lines[i]))
column = len(lines[row].encode("utf-16-le")) // 4
waits = []
last = None
for version in range(2, edits + 2):
    at = {"line": row, "character": column}
    ids = (version * 10, version * 10 + 1)
    start = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": at, "end": at}, "text": "法"}]}})
    send({"jsonrpc": "2.0", "id": ids[0], "method": "textDocument/documentSymbol",
          "params": {"textDocument": {"uri": uri}}})
    send({"jsonrpc": "2.0", "id": ids[1], "method": "textDocument/foldingRange",
          "params": {"textDocument": {"uri": uri}}})
    last = wait_all([published(version), answer(ids[0]), answer(ids[1])])
    waits.append((time.monotonic() - start) * 1000)
    column += 1

send({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": None})
wait_all([answer(3)])
send({"jsonrpc": "2.0", "method": "exit", "params": None})
server.wait(timeout=60)
print(f"median {statistics.median(waits):.1f} ms, slowest {max(waits):.1f} ms, "
      f"{len(last['params']['diagnostics'])} diagnostics")
