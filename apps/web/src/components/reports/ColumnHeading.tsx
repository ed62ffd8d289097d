/** A report column's heading: its label, and under it the days it counts when it has its own. */
export function ColumnHeading({
  column,
}: {
  column: { label: string; period?: { from: string | null; to: string | null } };
}) {
  const { label, period } = column;
  if (!period) return <>{label}</>;
  return (
    <>
      {label}
      <span className="trellis-report-period">
        <span>{period.from ?? '…'}&nbsp;–</span> <span>{period.to ?? '…'}</span>
      </span>
    </>
  );
}
