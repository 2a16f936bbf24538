#!/usr/bin/env node
// Runs the compiled bot (dist/, made by `npm run build`, always present in the published package
// and the container). In a clone whose dist/ is missing or older than the sources, it runs the
// TypeScript sources through tsx instead, so `npm ci && npm start` needs no build step and an old
// build is never run by mistake. EMCEE_RUN=dist|sources forces one or the other.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const compiled = path.join(root, 'dist', 'src', 'cli', 'main.js');

// Secrets may sit in a local .env (never committed); variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
const { main } = await import(pathToFileURL(chooseCompiled() ? compiled : await sources()).href);
process.exitCode = await main(process.argv.slice(2));

function chooseCompiled() {
  const forced = process.env.EMCEE_RUN;
  if (forced === 'dist' || forced === 'sources') return forced === 'dist';
  if (!existsSync(compiled)) return false;
  // The published package ships no sources: nothing to be stale against.
  const built = statSync(compiled).mtimeMs;
  return !['src', 'commands'].some((folder) => newerThan(path.join(root, folder), built));
}

/** Whether any file under `dir` was changed after `time` (a walk of ~150 files: about a millisecond). */
function newerThan(dir, time) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some(
    (entry) => entry.isFile() && statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > time,
  );
}

async function sources() {
  const { register } = await import('tsx/esm/api');
  register();
  return path.join(root, 'src', 'cli', 'main.ts');
}
