#!/usr/bin/env node
// Command-line entry: the compiled CLI on plain node (`npm run build` makes dist/; `npm start` runs the sources).
import '../dist/cli/main.js';
