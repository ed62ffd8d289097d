/**
 * A boolean property the spec may leave out, shown as a switch: left out means the schema's
 * default (the engine's behaviour), and only the other value is stored, so a spec keeps no
 * property that says what the default already says.
 */
export function switchShows(value: unknown, schemaDefault: unknown): boolean {
  return typeof value === 'boolean' ? value : schemaDefault === true;
}

/** What a flipped switch stores: undefined for the default, else the value. */
export function switchStores(checked: boolean, schemaDefault: unknown): boolean | undefined {
  return checked === (schemaDefault === true) ? undefined : checked;
}
