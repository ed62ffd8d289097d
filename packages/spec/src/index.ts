export * from './schema/index';
export * from './helpers';
export { defaultWorkbench, workbenchOf } from './workbench';
export { validateSpec } from './validate/validate-spec';
export type { ValidateOptions, ValidateResult } from './validate/validate-spec';
export type { SpecError } from './validate/context';
export { specErrorCodes, specErrorTemplates } from './validate/messages';
export { diffSpec } from './diff/diff-spec';
export type { SpecChange, SpecChangeKind } from './diff/diff-spec';
export * from './regions';
export * from './region-names';
export * from './template/index';
export {
  addressRange,
  internalUrlTarget,
  NO_OUTBOUND_ALLOW,
  parseOutboundAllow,
  refusedAddress,
} from './outbound';
export type { OutboundAllow } from './outbound';
