'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');
const { resolveExecutable } = require('../src/executable');
const messages = require('../src/messages');

const made = [];
test.after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function folderWith(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftlint-vscode-'));
  made.push(dir);
  for (const [name, mode] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), '#!/bin/sh\n', { mode });
  }
  return dir;
}

test(
  'a bare name is found on PATH, skipping files that cannot be run',
  { skip: process.platform === 'win32' },
  () => {
    const notRunnable = folderWith({ draftlint: 0o644 });
    const runnable = folderWith({ draftlint: 0o755 });
    const env = { PATH: ['relative/bin', notRunnable, runnable].join(path.delimiter) };
    assert.equal(resolveExecutable('draftlint', { env }), path.join(runnable, 'draftlint'));
    assert.equal(resolveExecutable('', { env }), path.join(runnable, 'draftlint'));
    assert.equal(resolveExecutable('draftlint', { env: { PATH: notRunnable } }), undefined);
    assert.equal(resolveExecutable('draftlint', { env: {} }), undefined);
  },
);

test(
  'paths: absolute, from the home folder, relative to the workspace',
  { skip: process.platform === 'win32' },
  () => {
    const dir = folderWith({ draftlint: 0o755 });
    const program = path.join(dir, 'draftlint');
    assert.equal(resolveExecutable(program), program);
    assert.equal(resolveExecutable(path.join(dir, 'missing')), undefined);
    assert.equal(resolveExecutable('~/draftlint', { home: dir }), program);
    assert.equal(resolveExecutable('./draftlint', { base: dir }), program);
    assert.equal(resolveExecutable(`../${path.basename(dir)}/draftlint`, { base: dir }), program);
    // Without a workspace a relative path means nothing: VS Code's own folder is no place to look.
    assert.equal(resolveExecutable('./draftlint', {}), undefined);
    // A directory is no program.
    assert.equal(resolveExecutable(dir), undefined);
  },
);

test('on Windows a name gets .exe and PATH is looked up whatever its case', () => {
  const seen = [];
  const isProgram = (file) => {
    seen.push(file);
    return file === 'D:\\tools\\draftlint.exe';
  };
  const context = { platform: 'win32', env: { Path: 'C:\\bin;"D:\\tools"' }, isProgram };
  assert.equal(resolveExecutable('draftlint', context), 'D:\\tools\\draftlint.exe');
  assert.deepEqual(seen, ['C:\\bin\\draftlint.exe', 'D:\\tools\\draftlint.exe']);
  assert.equal(resolveExecutable('D:\\tools\\draftlint', context), 'D:\\tools\\draftlint.exe');
  assert.equal(resolveExecutable('D:\\tools\\draftlint.exe', context), 'D:\\tools\\draftlint.exe');
  assert.equal(
    resolveExecutable('tools\\draftlint', { ...context, base: 'D:\\' }),
    'D:\\tools\\draftlint.exe',
  );
  assert.equal(resolveExecutable('C:\\draftlint.exe', context), undefined);
});

test('the message for a missing program says which setting to change', () => {
  assert.match(messages.programMissing('draftlint'), /找不到 draftlint 程序.*“draftlint\.path”/);
  const custom = messages.programMissing('/opt/draftlint/bin/draftlint');
  assert.match(custom, /“draftlint\.path”指定的程序：\/opt\/draftlint\/bin\/draftlint/);
});
