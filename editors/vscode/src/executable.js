'use strict';
// Finds the draftlint program the way starting it would, so that a missing program is reported
// in Chinese before the language client tries to start it and fails with a message of its own.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * The absolute path of the program the `draftlint.path` setting names, or undefined when there
 * is no such program.
 *
 * A bare name (the default `draftlint`) is looked up on PATH; on Windows a name without an
 * extension gets `.exe`. A path may start with `~` (the home folder); a relative path is taken
 * from `base`, the first workspace folder, and names nothing when there is none.
 *
 * @param {string | undefined} setting
 * @param {{ base?: string, env?: NodeJS.ProcessEnv, platform?: string, home?: string,
 *           isProgram?: (file: string) => boolean }} [context]
 * @returns {string | undefined}
 */
function resolveExecutable(setting, context = {}) {
  const platform = context.platform ?? process.platform;
  const windows = platform === 'win32';
  const paths = windows ? path.win32 : path.posix;
  const isProgram = context.isProgram ?? ((file) => isProgramFile(file, windows));
  let name = (setting ?? '').trim() || 'draftlint';
  const withExtension = (file) => (windows && paths.extname(file) === '' ? `${file}.exe` : file);

  const home = context.home ?? os.homedir();
  if (name === '~' || name.startsWith('~/') || (windows && name.startsWith('~\\'))) {
    name = paths.join(home, name.slice(1));
  }
  const hasSeparator = name.includes('/') || (windows && name.includes('\\'));
  if (paths.isAbsolute(name) || hasSeparator) {
    if (!paths.isAbsolute(name)) {
      if (context.base === undefined) {
        return undefined;
      }
      name = paths.resolve(context.base, name);
    }
    const file = withExtension(name);
    return isProgram(file) ? file : undefined;
  }

  const env = context.env ?? process.env;
  // Windows spells it Path; a copied environment is no longer case-insensitive.
  const key = Object.keys(env).find((k) => (windows ? k.toUpperCase() === 'PATH' : k === 'PATH'));
  const folders = (key === undefined ? '' : (env[key] ?? '')).split(paths.delimiter);
  for (const folder of folders) {
    const unquoted = folder.replace(/^"(.*)"$/, '$1');
    if (unquoted === '' || !paths.isAbsolute(unquoted)) {
      continue;
    }
    const file = withExtension(paths.join(unquoted, name));
    if (isProgram(file)) {
      return file;
    }
  }
  return undefined;
}

/** A regular file this process may run (on Windows: any regular file). */
function isProgramFile(file, windows) {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (!windows) {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

module.exports = { resolveExecutable };
