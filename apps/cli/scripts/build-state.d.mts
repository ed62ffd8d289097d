// Types of build-state.mjs for the TypeScript tests that import it (the script runs as plain
// JavaScript before anything is built).
export declare const STATE_FILE: string;
export declare function buildIsCurrent(dist: string, repo: string): boolean;
export declare function workspaceInputs(
  metaInputs: string[],
  where: { workingDir: string; repo: string },
): string[];
