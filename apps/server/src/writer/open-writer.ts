import { createAutomations, createEngine } from '@trellis/engine';
import type { AutomationsApi, Engine } from '@trellis/engine';
import type { Store } from '@trellis/store';
import { watchImports } from '../imports/run-job';
import { alertSilentSources } from '../intake/silence-alerts';
import { envMailer, envSecrets } from '../setup/outbound';
import { envHttp } from '../setup/outbound-http';
import { envRetention } from '../setup/env-retention';
import type { WriteCall } from './calls';
import { executeWrite } from './execute';

const SILENCE_CHECK_EVERY_MS = 60_000;

/** The writer: the engine and automations over the only write connection, and what it runs. */
export type Writer = {
  engine: Engine;
  automations: AutomationsApi;
  execute(call: WriteCall): Promise<unknown>;
  /** Stops the automation loop and the silence checks (the store stays open). */
  stop(): Promise<void>;
};

/**
 * Wires the writer over an open store: the engine with the role model of its live spec, the
 * automations (outbound HTTP, mail and secrets from the environment), the silence alerts of
 * intake sources. The caller starts the automation loop.
 */
export function openWriter(
  store: Store,
  opts: { env: NodeJS.ProcessEnv; workerId?: string; contended?: () => boolean },
): Writer {
  // Robot messages, webhooks and emails leave from the writer (`trellis start` checked SMTP).
  const mail = envMailer(opts.env);
  if (!mail.ok) throw new Error(mail.reason);
  // Checked by `trellis start` before the writer starts; here only applied.
  const retention = envRetention(opts.env);
  const engine: Engine = createEngine({
    store,
    // Only public addresses, or internal ones the operator allows (TRELLIS_OUTBOUND_ALLOW).
    http: envHttp(opts.env),
    ...(mail.mailer ? { mailer: mail.mailer } : {}),
  });
  // Each drain transaction holds the writer that forwarded writes wait for. The drain looks
  // after every event whether one waits (`contended`): then the transaction ends there (~1 ms)
  // and the loop pauses 100 ms between two. A lead's automations cost the writer about twice
  // as much in such one-event transactions as in a backlog (session 27), and at 20 ms they took
  // a tenth of the writer's CPU during an intake burst (perf, session 28): the burst's leads are
  // routed after it instead, in the backlog's cheaper transactions. Nobody waiting, it runs up
  // to batchMs (25 ms): a backlog after a burst is worked off in a fifth of the commits, 5 ms
  // transactions gave a commit to every ~14 events, and under load to every 1–2.
  const automations = createAutomations(engine, {
    secrets: envSecrets(opts.env),
    options: {
      batchSize: 16,
      batchMs: 25,
      contendedBatchMs: 1,
      contendedPauseMs: 100,
      ...(retention.ok && retention.retentionMs !== undefined
        ? { retentionMs: retention.retentionMs }
        : {}),
      ...(opts.workerId ? { workerId: opts.workerId } : {}),
    },
    ...(opts.contended ? { contended: opts.contended } : {}),
  });
  // Intake sources with `alertAfter` that went quiet are reported to the people who manage intake.
  const silence = setInterval(() => {
    void engine.liveSpec().then(
      (spec) => alertSilentSources(store, spec, engine.clock.now()),
      () => undefined,
    );
  }, SILENCE_CHECK_EVERY_MS);
  // Imports a stopped server (or, on PostgreSQL, a dead one beside it) left running go on from
  // their last committed batch.
  const stopImports = watchImports(engine, (e) => console.error(JSON.stringify(e)));
  const deps = { engine, store, automations, now: () => engine.clock.now() };
  return {
    engine,
    automations,
    execute: (call) => executeWrite(deps, call),
    stop: async () => {
      clearInterval(silence);
      stopImports();
      await automations.stop();
    },
  };
}
