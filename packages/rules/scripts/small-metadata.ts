import max from 'libphonenumber-js/max/metadata';
import { SMALL_PHONE_CALLING_CODES } from '../src/env/light-env';

type Metadata = {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
};

/**
 * The max metadata restricted to the small set's calling codes and every country using them,
 * plus the list of every calling code (so a page knows which numbers to leave to the server).
 */
export async function smallMetadataFrom(): Promise<{
  metadata: Metadata;
  allCallingCodes: string[];
}> {
  const source = max as unknown as Metadata;
  const codes = Object.fromEntries(
    SMALL_PHONE_CALLING_CODES.map((c) => [c, source.country_calling_codes[c] ?? []]),
  );
  const countries = Object.fromEntries(
    Object.values(codes)
      .flat()
      .map((c) => [c, source.countries[c]]),
  );
  return {
    metadata: { version: source.version, country_calling_codes: codes, countries },
    allCallingCodes: Object.keys(source.country_calling_codes).sort(),
  };
}
