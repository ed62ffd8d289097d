import { describe, expect, it } from 'vitest';
import { smallMetadataFrom } from '../../scripts/small-metadata';
import { ALL_CALLING_CODES, smallPhoneMetadata } from './light-env';

describe('small phone metadata', () => {
  it('is exactly the max metadata of libphonenumber-js cut to its calling codes (regenerate after an upgrade)', async () => {
    const fresh = await smallMetadataFrom();
    expect(smallPhoneMetadata).toEqual(fresh.metadata);
    expect(ALL_CALLING_CODES).toEqual(fresh.allCallingCodes);
  });
});
