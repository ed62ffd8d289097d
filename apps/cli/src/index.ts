export { runCli, EXIT } from './run';
export type { CliContext } from './context';
export type { CliCommand } from './commands/command';
export { loadSpec, type LoadedSpec } from './template/load-spec';
