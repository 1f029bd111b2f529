'use strict';
// Loads the main script of an unpacked .vsix the way VS Code would require it, with VS Code's
// own `vscode` module stubbed: every module it requires must be in the package. Prints the
// functions it exports.
//
//   node test/load-packaged.js UNPACKED/extension
const Module = require('node:module');
const path = require('node:path');

const folder = path.resolve(process.argv[2]);
const manifest = require(path.join(folder, 'package.json'));
// Anything read from the stub is the stub again, callable and constructible, so that the
// language client's module-level uses of the API (classes extending VS Code's) load.
const stub = new Proxy(function vscode() {}, {
  get: (_target, key) => (key === 'prototype' ? {} : stub),
  apply: () => stub,
  construct: () => ({}),
});
const load = Module._load;
Module._load = function loadWithStub(request, ...rest) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};
const extension = require(path.join(folder, manifest.main));
const exported = Object.keys(extension).filter((key) => typeof extension[key] === 'function');
console.log(exported.sort().join(' '));
