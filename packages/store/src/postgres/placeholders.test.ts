import { describe, expect, it } from 'vitest';
import { numbered } from './placeholders';

describe('numbered', () => {
  it('numbers ? in order and leaves literals, identifiers and comments alone', () => {
    expect(numbered(`SELECT a FROM t WHERE b = ? AND c = '?' AND "d?" = ? -- why?\nLIMIT ?`)).toBe(
      `SELECT a FROM t WHERE b = $1 AND c = '?' AND "d?" = $2 -- why?\nLIMIT $3`,
    );
    expect(numbered(`SELECT 'it''s ?', ?::text`)).toBe(`SELECT 'it''s ?', $1::text`);
  });
});
