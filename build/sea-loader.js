// The main script of the single executable, and of each of its worker threads
// (started from a `data:` URL, hence ESM there, CJS in the main thread: this
// file uses neither require nor import). It runs the bundle, embedded once as
// the SEA asset "spokepilot.cjs", with a full require(): the require a SEA
// gives its main script loads built-in modules only, and the bundle must load
// better_sqlite3.node from beside the executable.
const { getAsset } = process.getBuiltinModule('node:sea');
const { createRequire } = process.getBuiltinModule('node:module');
const { dirname, join } = process.getBuiltinModule('node:path');
const { runInThisContext } = process.getBuiltinModule('node:vm');

const bundleFile = join(dirname(process.execPath), 'spokepilot.cjs'); // a name for stack traces; no such file
const wrapped = `(function (exports, require, module, __filename, __dirname) {${getAsset('spokepilot.cjs', 'utf8')}\n})`;
const bundleModule = { exports: {} };
runInThisContext(wrapped, { filename: bundleFile }).call(
  bundleModule.exports,
  bundleModule.exports,
  createRequire(process.execPath),
  bundleModule,
  bundleFile,
  dirname(bundleFile),
);
