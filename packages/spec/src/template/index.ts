export {
  checkManifest,
  normalizePath,
  specFiles,
  type ManifestCheck,
  type TemplateManifest,
} from './manifest';
export {
  templateIssue,
  templateMessage,
  templateMessageCodes,
  type TemplateIssue,
} from './messages';
export {
  LIST_KEYS,
  locateSource,
  mergeSpecParts,
  type MergeResult,
  type SourceMap,
  type SpecPart,
} from './parts';
export {
  mergeSpecs,
  type ConflictChoice,
  type MergeConflict,
  type SpecMerge,
  type TemplateChange,
} from './three-way';
