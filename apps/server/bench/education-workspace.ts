import { installSpec, openRuntime } from '../src/index';
import { educationSpec } from '../test/stack';

type DataPaths = Parameters<typeof openRuntime>[0];

/**
 * Prepares a fresh data directory as the intake benches start from: the education spec and one
 * sales rep in each team its routing rules name, so assignment has someone to pick everywhere.
 */
export async function prepareEducationWorkspace(paths: DataPaths, passwordHash: string) {
  const rt = await openRuntime(paths);
  try {
    const installed = await installSpec(rt.store, educationSpec());
    if (!installed.ok) throw new Error(JSON.stringify(installed.errors.slice(0, 3)));
    for (const [login, team] of [
      ['a1', 'tech'],
      ['a2', 'tech'],
      ['d1', 'design'],
      ['h1', 'hangzhou'],
      ['s1', 'shanghai'],
      ['s2', 'sales'],
    ] as const) {
      await rt.app.ctx.users.insert(
        { login, passwordHash, role: 'sales', teams: [team] },
        Date.now(),
      );
    }
  } finally {
    await rt.close();
  }
}
