import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { whenRecordsFeatureLoaded } from './records-feature';

type Pieces = readonly (() => ReactNode)[];

/**
 * Draws the record page's Ant Design pieces once, with no data, into a container that is not in
 * the document, as soon as the records feature's code has arrived (a list, a board or a link
 * to a record asked for it), and keeps them: their styles are then in the head before the first
 * record is opened, and the click only draws the record (see RecordPageStyles). Not on idle:
 * a rep clicks a row 50–250 ms after the list shows, often before an idle moment came. One piece
 * per transition, each committed before the next is drawn, so a list's rows coming in or a click
 * wait at most for one piece's styles, never for all of them. Nothing of it is visible,
 * focusable or found by a selector on the page.
 */
export function RecordPageStylesAhead() {
  const [pieces, setPieces] = useState<Pieces>([]);
  const [drawn, setDrawn] = useState(0);
  const [box] = useState(() => document.createElement('div'));
  useEffect(
    () =>
      whenRecordsFeatureLoaded((feature) =>
        startTransition(() => {
          setPieces(feature.recordPagePieces);
          setDrawn(1);
        }),
      ),
    [],
  );
  // The next piece once this one is committed (its styles inserted).
  useEffect(() => {
    if (drawn > 0 && drawn < pieces.length) startTransition(() => setDrawn(drawn + 1));
  }, [drawn, pieces]);
  if (drawn === 0) return null;
  return createPortal(
    pieces.slice(0, drawn).map((Piece, i) => <Piece key={i} />),
    box,
  );
}
