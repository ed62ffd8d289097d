/**
 * The writer's answers of one turn, sent in one message. Sent on `process.nextTick`: after the
 * continuations of the group that made them (a tick scheduled from a promise job runs once the
 * promise jobs are done), before the store's next group, which its transaction queue schedules
 * with `setImmediate` as the group ends, ahead of any answer. Sent on `setImmediate`, a group's
 * answers left after the next group had been written: at 16 submissions in flight every answer
 * waited a group longer (helper "http"'s probe, session 29: median answer 4.1 ms).
 */
export function replyBatcher<R>(send: (replies: R[]) => void): {
  reply(r: R): void;
  /** Sends what is waiting now (the writer stopping). */
  flush(): void;
} {
  let replies: R[] = [];
  const flush = () => {
    if (replies.length === 0) return;
    const out = replies;
    replies = [];
    send(out);
  };
  return {
    reply(r) {
      if (replies.length === 0) process.nextTick(flush);
      replies.push(r);
    },
    flush,
  };
}
