#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm start` needs no build step.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

// Secrets may sit in a local .env (never committed); variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
