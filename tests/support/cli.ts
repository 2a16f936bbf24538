export { ROOT } from './root.ts';
export { runCli, type CliResult } from './emceeProcess.ts';
