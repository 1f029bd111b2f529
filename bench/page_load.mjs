// How long the review page takes to load in headless Chromium, driven through the DevTools
// protocol on the loopback address. Each page given is loaded three times in one tab, from a
// blank page each time; the first load of the first page is in a browser just started (cold).
// For each load: wall time from the navigation request to the page's load event, and to the
// next frame after it (style, layout and paint of what is on screen done), as the browser
// reports them. Node 20 needs --experimental-websocket (node 22 has WebSocket built in).
//
//   node --experimental-websocket bench/page_load.mjs file:///…/index.html …
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = 9300 + Math.floor(Math.random() * 600);
const profile = mkdtempSync(join(tmpdir(), 'page-load-'));
const browser = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu',
  `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1',
  `--remote-debugging-port=${port}`, '--window-size=1400,1000', 'about:blank'], { stdio: 'ignore' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let targets;
for (let i = 0; i < 150 && !targets; i++) {
  try {
    targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  } catch {
    await sleep(100);
  }
}
const tab = targets.find((t) => t.type === 'page');
const socket = new WebSocket(tab.webSocketDebuggerUrl);
await new Promise((resolve) => socket.addEventListener('open', resolve));
let lastId = 0;
const replies = new Map();
const listeners = [];
socket.addEventListener('message', (event) => {
  const message = JSON.parse(event.data);
  if (message.id && replies.has(message.id)) {
    replies.get(message.id)(message.result);
    replies.delete(message.id);
  } else if (message.method) {
    listeners.slice().forEach((listener) => listener(message));
  }
});
const send = (method, params = {}) => new Promise((resolve) => {
  lastId += 1;
  replies.set(lastId, resolve);
  socket.send(JSON.stringify({ id: lastId, method, params }));
});
const once = (method) => new Promise((resolve) => {
  const listener = (message) => {
    if (message.method === method) {
      listeners.splice(listeners.indexOf(listener), 1);
      resolve(message);
    }
  };
  listeners.push(listener);
});

await send('Page.enable');
for (const url of process.argv.slice(2)) {
  for (let run = 1; run <= 3; run++) {
    await send('Page.navigate', { url: 'about:blank' });
    await sleep(300);
    const loaded = once('Page.loadEventFired');
    const start = performance.now();
    await send('Page.navigate', { url });
    await loaded;
    const toLoad = performance.now() - start;
    await send('Runtime.evaluate', {
      expression: 'new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))',
      awaitPromise: true,
    });
    const toFrame = performance.now() - start;
    const page = (await send('Runtime.evaluate', {
      expression: `(() => { const n = performance.getEntriesByType('navigation')[0];
        return { bytes: n.decodedBodySize, elements: document.getElementsByTagName('*').length }; })()`,
      returnByValue: true,
    })).result.value;
    console.log(JSON.stringify({ page: decodeURI(url.split('/').pop()), run,
      to_load_event_ms: Math.round(toLoad), to_next_frame_ms: Math.round(toFrame), ...page }));
  }
}
socket.close();
browser.kill();
await sleep(300);
rmSync(profile, { recursive: true, force: true });
