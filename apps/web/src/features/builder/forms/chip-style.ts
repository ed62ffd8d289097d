import type { CSSProperties } from 'react';

/** A field as the designer shows it: a small bordered box with its icon and name. */
export const chipStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 6,
  minWidth: 0,
  padding: '4px 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  fontSize: 14,
  lineHeight: '22px',
};
