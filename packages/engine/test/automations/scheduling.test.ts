import { describe, expect, it } from 'vitest';
import { computeSlaDueAt, breachEventId } from '../../src/scheduler/sla';
import { cronError, decideSchedule, nextOccurrence } from '../../src/scheduler/cron';

const H = 3_600_000;
const parse = (s: string): number | null => {
  const m = /^(\d+)([hd])$/.exec(s);
  return m ? Number(m[1]) * (m[2] === 'h' ? H : 24 * H) : null;
};

describe('SLA due time', () => {
  const t0 = Date.UTC(2026, 0, 5, 9);
  it('counts noActivityFor from the later of stage entry and last activity', () => {
    expect(
      computeSlaDueAt(
        { noActivityFor: '48h' },
        { stageEnteredAt: t0, lastActivityAt: null },
        parse,
      ),
    ).toEqual({ dueAt: t0 + 48 * H, kind: 'noActivityFor' });
    // An activity resets the clock.
    expect(
      computeSlaDueAt(
        { noActivityFor: '48h' },
        { stageEnteredAt: t0, lastActivityAt: t0 + 10 * H },
        parse,
      )?.dueAt,
    ).toBe(t0 + 58 * H);
    // An activity from before the stage was entered does not count.
    expect(
      computeSlaDueAt(
        { noActivityFor: '48h' },
        { stageEnteredAt: t0, lastActivityAt: t0 - 10 * H },
        parse,
      )?.dueAt,
    ).toBe(t0 + 48 * H);
  });

  it('takes the earlier of noActivityFor and maxDwell', () => {
    expect(
      computeSlaDueAt(
        { noActivityFor: '48h', maxDwell: '3d' },
        { stageEnteredAt: t0, lastActivityAt: t0 + 40 * H },
        parse,
      ),
    ).toEqual({ dueAt: t0 + 72 * H, kind: 'maxDwell' });
  });

  it('has no due time without an SLA, a stage entry or a valid duration', () => {
    expect(
      computeSlaDueAt(undefined, { stageEnteredAt: t0, lastActivityAt: null }, parse),
    ).toBeNull();
    expect(
      computeSlaDueAt(
        { noActivityFor: '48h' },
        { stageEnteredAt: null, lastActivityAt: null },
        parse,
      ),
    ).toBeNull();
    expect(
      computeSlaDueAt(
        { noActivityFor: 'soon' },
        { stageEnteredAt: t0, lastActivityAt: null },
        parse,
      ),
    ).toBeNull();
  });

  it('identifies a breach by record, stage and the missed due time', () => {
    expect(breachEventId('lead', 'r1', 'new', 5)).toBe('sla:lead:r1:new:5');
  });
});

describe('cron schedules', () => {
  const monday9 = Date.UTC(2026, 0, 5, 9); // Monday 2026-01-05 09:00 UTC
  it('finds the next occurrence strictly after a time, in a timezone', () => {
    expect(nextOccurrence('0 9 * * 1', monday9 - 1)).toBe(monday9);
    expect(nextOccurrence('0 9 * * 1', monday9)).toBe(monday9 + 7 * 24 * H);
    // 09:00 in Shanghai is 01:00 UTC.
    expect(nextOccurrence('0 9 * * *', monday9, 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 6, 1));
  });

  it('does not fire for the past on first sight', () => {
    expect(decideSchedule('0 9 * * 1', null, monday9 + H)).toEqual({
      fire: false,
      nextDueAt: monday9 + 7 * 24 * H,
    });
  });

  it('fires once when due and then waits for the next occurrence', () => {
    const d = decideSchedule('0 9 * * 1', monday9, monday9 + 1000);
    expect(d).toEqual({
      fire: true,
      occurrence: monday9,
      missed: 0,
      nextDueAt: monday9 + 7 * 24 * H,
    });
    expect(decideSchedule('0 9 * * 1', d.nextDueAt, monday9 + 2000)).toEqual({
      fire: false,
      nextDueAt: monday9 + 7 * 24 * H,
    });
  });

  it('catches up after three weeks of downtime with one run for the latest occurrence', () => {
    const now = monday9 + 21 * 24 * H + 5 * H;
    expect(decideSchedule('0 9 * * 1', monday9, now)).toEqual({
      fire: true,
      occurrence: monday9 + 21 * 24 * H,
      missed: 3,
      nextDueAt: monday9 + 28 * 24 * H,
    });
  });

  it('reports an invalid pattern or timezone', () => {
    expect(cronError('0 9 * * 1')).toBeNull();
    expect(cronError('61 9 * * 1')).toMatch(/./);
    expect(cronError('0 9 * * 1', 'Mars/Base')).toMatch(/./);
  });
});
