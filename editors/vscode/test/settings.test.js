'use strict';
const assert = require('node:assert/strict');
const test = require('node:test');
const manifest = require('../package.json');
const { DEFAULT_FILES, documentSelector, readSettings, serverOptions } = require('../src/settings');

const unset = { get: () => undefined };
const from = (values) => ({ get: (key) => values[key] });
const relative = (base, glob) => ({ base, glob });

test('unset settings take the defaults the manifest declares', () => {
  const settings = readSettings(unset);
  const properties = manifest.contributes.configuration.properties;
  for (const [key, value] of Object.entries(settings)) {
    assert.deepEqual(properties[`draftlint.${key}`]?.default, value, `draftlint.${key}`);
  }
  // Every setting the manifest declares is read here, but the one the language client reads itself.
  const declared = Object.keys(properties).filter((key) => key !== 'draftlint.trace.server');
  assert.deepEqual(
    declared.sort(),
    Object.keys(settings)
      .map((key) => `draftlint.${key}`)
      .sort(),
  );
});

test('values of the wrong type count as unset, blank globs are dropped', () => {
  assert.deepEqual(readSettings(from({ enable: 'no', path: '  ', files: '**', configuredFolders: 0 })), {
    enable: true,
    path: 'draftlint',
    files: DEFAULT_FILES,
    configuredFolders: true,
  });
  assert.deepEqual(readSettings(from({ files: ['', '**/*.txt', 3] })).files, ['**/*.txt']);
  assert.equal(readSettings(from({ path: ' /opt/draftlint ' })).path, '/opt/draftlint');
});

test('by default reports by name and configured folders are checked, in files and new documents', () => {
  const selector = documentSelector(readSettings(unset), ['/work/reports'], relative);
  assert.deepEqual(selector, [
    { scheme: 'file', pattern: '**/.draftlint.toml' },
    { scheme: 'file', language: 'plaintext', pattern: '**/*报告*' },
    { scheme: 'untitled', language: 'plaintext', pattern: '**/*报告*' },
    { scheme: 'file', language: 'markdown', pattern: '**/*报告*' },
    { scheme: 'untitled', language: 'markdown', pattern: '**/*报告*' },
    { scheme: 'file', language: 'plaintext', pattern: { base: '/work/reports', glob: '**' } },
    { scheme: 'file', language: 'markdown', pattern: { base: '/work/reports', glob: '**' } },
    { scheme: 'file', pattern: { base: '/work/reports', glob: '**/*.toml' } },
  ]);
  // The language client passes on only filters that name a scheme, a language or a string pattern.
  assert.ok(selector.every((filter) => typeof filter.scheme === 'string'));
});

test('folders with a config are left out when configuredFolders is off', () => {
  const settings = readSettings(from({ configuredFolders: false, files: ['**/*.txt'] }));
  const selector = documentSelector(settings, ['/work/reports'], relative);
  assert.ok(
    selector.every((filter) => typeof filter.pattern === 'string'),
    JSON.stringify(selector),
  );
  assert.ok(selector.some((filter) => filter.pattern === '**/*.txt'));
  assert.ok(!selector.some((filter) => filter.pattern === '**/*报告*'));
});

test('nothing is checked when disabled', () => {
  assert.deepEqual(documentSelector(readSettings(from({ enable: false })), ['/work/reports'], relative), []);
});

test('the server is `draftlint lsp` over stdio, without a transport flag it does not take', () => {
  assert.deepEqual(serverOptions('/usr/bin/draftlint', '/work/reports'), {
    command: '/usr/bin/draftlint',
    args: ['lsp'],
    options: { cwd: '/work/reports' },
  });
  assert.deepEqual(serverOptions('/usr/bin/draftlint', undefined).options, {});
  assert.equal('transport' in serverOptions('/usr/bin/draftlint', undefined), false);
});
