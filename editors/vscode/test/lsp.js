'use strict';
// Just enough of a language client to talk to `draftlint lsp` from a test: framed JSON-RPC over
// the child's stdin and stdout, requests answered by id, notifications kept until waited for.

class Connection {
  /** @param {import('node:child_process').ChildProcessWithoutNullStreams} child */
  constructor(child) {
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    /** @type {Map<number, { resolve: Function, reject: Function }>} */
    this.pending = new Map();
    /** @type {Array<{ method: string, params: any }>} */
    this.notifications = [];
    /** @type {Array<() => void>} */
    this.waiting = [];
    child.stdout.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        return;
      }
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
      const bodyStart = headerEnd + 4;
      if (!Number.isInteger(length) || this.buffer.length < bodyStart + length) {
        return;
      }
      const message = JSON.parse(this.buffer.subarray(bodyStart, bodyStart + length).toString('utf8'));
      this.buffer = this.buffer.subarray(bodyStart + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.method === undefined) {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) {
        call?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      } else {
        call?.resolve(message.result);
      }
    } else if (message.id !== undefined) {
      // A request of the server's (registering the config file watcher): accepted.
      this.send({ id: message.id, result: null });
    } else {
      this.notifications.push(message);
      this.waiting.splice(0).forEach((wake) => wake());
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** The first notification of `method` whose params satisfy `accept`, received or to come. */
  async notification(method, accept, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find((n) => n.method === method && accept(n.params));
      if (found) {
        return found.params;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no ${method} within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

module.exports = { Connection };
