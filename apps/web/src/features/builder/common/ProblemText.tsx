import { Typography } from 'antd';
import type { SpecProblem } from '../draft/draft-store';

/** The server's problems with one place of the spec, in red under it. */
export function ProblemText({ problems }: { problems: SpecProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert">
      {problems.map((p, i) => (
        <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 13 }}>
          {p.message}
        </Typography.Text>
      ))}
    </div>
  );
}
