import type { RecordData } from '@trellis/rules';

const PREFIX = 'trellis:draft:';

/** A local draft of a long form, kept in the browser until the form is submitted. */
export type DraftStore = {
  load(): RecordData | null;
  save(values: RecordData): void;
  clear(): void;
};

/** localStorage-backed drafts under `key`; a browser that refuses storage just keeps none. */
export function localDraft(
  key: string,
  storage: Storage | undefined = globalThis.localStorage,
): DraftStore {
  const name = PREFIX + key;
  return {
    load() {
      try {
        const text = storage?.getItem(name);
        const parsed = text ? (JSON.parse(text) as unknown) : null;
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as RecordData)
          : null;
      } catch {
        return null;
      }
    },
    save(values) {
      try {
        storage?.setItem(name, JSON.stringify(values));
      } catch {
        // Full or disabled storage: the draft is a convenience, the form keeps working.
      }
    },
    clear() {
      try {
        storage?.removeItem(name);
      } catch {
        // as above
      }
    },
  };
}
