// Writes src/env/phone-metadata.small.json: libphonenumber's max metadata cut to SMALL_PHONE_CALLING_CODES.
import { writeFileSync } from 'node:fs';
import { smallMetadataFrom } from './small-metadata';

const out = new URL('../src/env/phone-metadata.small.json', import.meta.url);
writeFileSync(out, JSON.stringify(await smallMetadataFrom()) + '\n');
console.log(`wrote ${out.pathname}`);
