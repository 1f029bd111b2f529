#!/usr/bin/env python3
"""Time `draftlint lsp` on one large document, as an editor would drive it.

    python3 bench/lsp_time.py BINARY FILE

Opens FILE, waits for its diagnostics, types one character at its end (an incremental change)
and, while that version is being checked, asks for the outline of another document. Prints one
line: seconds to the first diagnostics, seconds from the edit to the new version's
diagnostics, milliseconds to the answer given meanwhile, and the server's peak memory in MB.
"""
import sys
import time

from lsp_client import Server, answer, published

binary, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
server = Server(binary)
send, wait = server.send, server.wait
uri = "file:///bench/large.txt"
server.initialize()
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
with open(f"/proc/{server.process.pid}/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) // 1024
code = server.shut_down()
print(f"{opened:.2f} {edited:.2f} {answered * 1000:.0f} {peak} {code}")
