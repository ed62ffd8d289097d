import { describe, expect, it } from 'vitest';
import { envLimits } from './env-limits';

describe('operator limits from the environment', () => {
  it('reads each limit, leaves unset ones to the defaults and refuses a bad value by name', () => {
    expect(
      envLimits({
        TRELLIS_LIMIT_INTAKE_PER_MINUTE: '0',
        TRELLIS_LIMIT_UPLOAD_BYTES: '5242880',
        TRELLIS_LIMIT_LOGIN_ATTEMPTS: ' 5 ',
        TRELLIS_LIMIT_BODY_BYTES: '',
      }),
    ).toEqual({
      ok: true,
      limits: { intakePerMinute: 0, fileBytes: 5_242_880, loginAttempts: 5 },
    });
    expect(envLimits({ TRELLIS_LIMIT_PAGE_SIZE: '0' })).toEqual({
      ok: false,
      variable: 'TRELLIS_LIMIT_PAGE_SIZE',
      value: '0',
    });
    expect(envLimits({ TRELLIS_LIMIT_BODY_BYTES: '1MB' })).toMatchObject({ ok: false });
  });
});
