import { userCwd, type CliContext } from './context';
import { runCli } from './run';

// A reader that stops early (`trellis spec bundle x | head`) closes the pipe: that is not
// an error of ours, so end quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Entry point of the `trellis` command (bin/trellis.mjs and `pnpm trellis` both land here).
const ctx: CliContext = {
  cwd: userCwd(process.env, process.cwd()),
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  exitCode: 0,
};

// Setting exitCode (not calling process.exit) lets piped stdout flush completely.
process.exitCode = await runCli(process.argv.slice(2), ctx);
