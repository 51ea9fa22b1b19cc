#!/usr/bin/env node
// Launcher: runs the TypeScript command line through tsx's ESM loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
