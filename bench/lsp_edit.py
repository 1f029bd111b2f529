#!/usr/bin/env python3
"""Time what an editor waits for while a report is typed: `draftlint lsp` republishing a
document's diagnostics after a one-character edit, with its outline and folding asked for.

    python3 bench/lsp_edit.py BINARY FILE [EDITS]

Opens FILE, then EDITS times (default 30) inserts one character in the middle of a paragraph,
asks for the document's symbols and folding ranges, and waits for the new version's
diagnostics and both answers. Prints the median and the slowest of those waits in
milliseconds, and the number of diagnostics last published.
"""
import statistics
import sys
import time

from lsp_client import Server, answer, published

binary, path = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 30
text = open(path, encoding="utf-8").read()
server = Server(binary)
send = server.send


def wait_all(wanted: list) -> dict:
    """Wait until every predicate has matched a message; the diagnostics matched."""
    left = list(wanted)
    found = None
    while left:
        message = server.messages.get(timeout=60)
        for predicate in left:
            if predicate(message):
                left.remove(predicate)
                if message.get("method") == "textDocument/publishDiagnostics":
                    found = message
                break
    return found


uri = "file:///bench/report.txt"
server.initialize()
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

server.shut_down()
print(f"median {statistics.median(waits):.1f} ms, slowest {max(waits):.1f} ms, "
      f"{len(last['params']['diagnostics'])} diagnostics")
