#!/usr/bin/env node
// Command-line entry: the compiled CLI on plain node (`npm run build` makes dist/; `npm start` runs the sources).
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the modules on disk, so later starts skip most of the parsing. A server
// runs until it is killed, so the cache is written once the modules are loaded rather than at exit.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
module.flushCompileCache?.();
