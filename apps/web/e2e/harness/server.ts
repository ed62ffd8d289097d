import { inject } from 'vitest';
import type { DemoLogin } from './trellis';

/** The shared demo server of the browser tests (started once by global-setup). */
export function demoServer() {
  const { url, dataDir, logins } = inject('trellis');
  return {
    url,
    dataDir,
    logins,
    /** The demo login of a role (the n-th when several share it). */
    login(role: string, index = 0): DemoLogin {
      const found = logins.filter((l) => l.role === role)[index];
      if (!found) throw new Error(`no demo login with role ${role} #${index}`);
      return found;
    },
  };
}
