#!/usr/bin/env node
// `npx stratus` and `npm start`: the CLI from its JavaScript build (dist/cli, made by
// `npm install` and rebuilt here whenever a source is newer), so a command starts on Node alone
// and loads only what it imports — no TypeScript compiled on every run.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildFolder, stale } from '../scripts/build-cli.mjs';

if (stale()) await build();
await import(pathToFileURL(join(buildFolder(), 'bin', 'stratus.mjs')).href);
