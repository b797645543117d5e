// Stands in for the `bindings` package inside the bundle. better-sqlite3 calls
// bindings('better_sqlite3.node') when no nativeBinding is given; the addon
// ships beside the single executable (or beside dist/spokepilot.cjs), so every
// connection, in any thread, finds it without being told.
const { dirname, join } = process.getBuiltinModule('node:path');
const { isSea } = process.getBuiltinModule('node:sea');

module.exports = function loadAddon(name) {
  const dir = isSea() ? dirname(process.execPath) : __dirname;
  const addon = { exports: {} };
  process.dlopen(addon, join(dir, name));
  return addon.exports;
};
