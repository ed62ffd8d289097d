#!/usr/bin/env node
// The installed `trellis` command. Runs src/main.ts through tsx, resolving workspace packages
// to their TypeScript source (the @trellis/source export condition), in this same process so
// signals and exit codes reach the command directly.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-condition.mjs', import.meta.url);
registerTsx();
await import('../src/main.ts');
