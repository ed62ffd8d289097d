/** An attribution touch: a form submission or webhook call that created or merged into a record. */
export type Touch = {
  id: string;
  entity: string;
  recordId: string;
  kind: string;
  sourceKey: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  referrer: string | null;
  landingUrl: string | null;
  at: number;
};

/** Touches (`touches`: UTM attribution). */
export type TouchRepo = {
  append(t: Touch): Promise<void>;
  /** Appends many at once in multi-row statements (a seed or an import batch). */
  appendMany(touches: readonly Touch[]): Promise<void>;
  /** A record's touches, oldest first. */
  listFor(entity: string, recordId: string): Promise<Touch[]>;
};
