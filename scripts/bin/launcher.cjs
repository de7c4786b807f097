#!/usr/bin/env node
'use strict';
// The `stackaudit` command. It loads the CLI bundle (cli.js, CommonJS) through V8 with the
// code cache that `npm run build` wrote beside it (cli.js.cache): a cold run then skips
// compiling the functions a scan needs. Node 20 has no module compile cache of its own
// (module.enableCompileCache is Node 22). V8 rejects a cache made by another Node.js version
// or other flags, and the bundle is then compiled as usual; a run never writes the cache.
// https://nodejs.org/api/vm.html#new-vmscriptcode-options (cachedData, createCachedData)

const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const file = join(__dirname, 'cli.js');
const cacheFile = `${file}.cache`;
const source = readFileSync(file, 'utf8');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = new Module(file, module);
mod.filename = file;
mod.paths = Module._nodeModulePaths(dirname(file));
script.runInThisContext().call(mod.exports, mod.exports, (id) => mod.require(id), mod, file, dirname(file));
// The build's warm-up run: the cache then holds every function that run compiled.
if (process.env.STACKAUDIT_WRITE_CODE_CACHE === '1') process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
mod.exports.runCli();
