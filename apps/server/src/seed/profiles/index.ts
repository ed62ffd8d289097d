import type { SeedProfile } from '../types';
import { b2bSalesProfile } from './b2b-sales';
import { educationProfile } from './education';

/** Seed profiles by template name: how `trellis seed --template <name>` makes its data. */
export const seedProfiles: Readonly<Record<string, SeedProfile>> = {
  [educationProfile.template]: educationProfile,
  [b2bSalesProfile.template]: b2bSalesProfile,
};
