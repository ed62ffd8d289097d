import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import { smallPhoneMetadata } from '../env/light-env';
import type { MetadataJson } from '../env/types';

/**
 * A stored (E.164) phone number as people read it: the national form for numbers of the
 * field's region ("+8613800138000" in CN reads "138 0013 8000"), the international form for
 * others ("+852 5123 4567"). What cannot be parsed with the metadata is shown as stored — a
 * number typed with `normalize: "none"` or of a calling code the light metadata leaves out.
 */
export function formatPhone(
  value: string,
  region = 'CN',
  metadata: MetadataJson = smallPhoneMetadata,
): string {
  const parsed = parsePhoneNumberFromString(value, region as CountryCode, metadata);
  if (!parsed?.isValid()) return value;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

/** The `tel:` target of a stored number: E.164 when it parses, else the digits and a leading +. */
export function phoneHref(
  value: string,
  region = 'CN',
  metadata: MetadataJson = smallPhoneMetadata,
): string {
  const parsed = parsePhoneNumberFromString(value, region as CountryCode, metadata);
  return `tel:${parsed?.isValid() ? parsed.number : value.replace(/[^\d+]/g, '')}`;
}
