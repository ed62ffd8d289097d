export { runCli, EXIT } from './run';
export type { CliContext } from './context';
export type { CliCommand } from './commands/command';
export { bundleTemplate, type TemplateBundle } from './template/bundle';
export {
  mergeSpecParts,
  locateSource,
  LIST_KEYS,
  type SpecPart,
  type SourceMap,
} from './template/merge';
export { checkManifest, type TemplateManifest } from './template/manifest';
export { loadSpec, type LoadedSpec } from './template/load-spec';
export type { CliIssue, ReadFailure } from './template/types';
