"""A minimal LSP client over stdio for the language-server benchmarks (`lsp_time.py`,
`lsp_edit.py`): starts `BINARY lsp`, reads its messages on a thread, sends and waits."""
import json
import queue
import subprocess
import threading


class Server:
    def __init__(self, binary: str):
        self.process = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: "queue.Queue[dict]" = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            length = None
            line = out.readline()
            if not line:
                return
            while line.strip():
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                line = out.readline()
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def wait(self, wanted, timeout: float = 600) -> dict:
        """The next message `wanted` accepts; the others are dropped."""
        while True:
            message = self.messages.get(timeout=timeout)
            if wanted(message):
                return message

    def initialize(self) -> None:
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        self.wait(answer(1))
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def shut_down(self) -> int:
        self.send({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": None})
        self.wait(answer(3))
        self.send({"jsonrpc": "2.0", "method": "exit", "params": None})
        return self.process.wait(timeout=60)


def published(version: int):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get(
        "version"
    ) == version


def answer(id_: int):
    return lambda m: m.get("id") == id_
