import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem, passwordProblemText } from './password-policy';

describe('password policy (issue 11 item 7)', () => {
  it.each(['password', '12345678', '        ', '          ', 'Tr3llis!', '短密码'])(
    'refuses %j as too short',
    async (pw) => {
      expect(await passwordProblem(pw)).toEqual({
        code: 'weak_password',
        params: { min: MIN_PASSWORD_LENGTH },
      });
    },
  );

  it.each([
    'qwertyuiop',
    '1234567890',
    'password123',
    'Password2024!',
    'woaini1314',
    'aaaaaaaaaaaa',
    '1111111111',
  ])('refuses the common or trivial %j', async (pw) => {
    expect(await passwordProblem(pw)).toMatchObject({ code: 'common_password' });
  });

  it('refuses the login as the password', async () => {
    expect(await passwordProblem('zhang.wei.2026', { login: 'zhang.wei.2026' })).toMatchObject({
      code: 'common_password',
    });
  });

  it.each([
    'correct horse battery',
    'pass-word-1',
    '我的密码是很长的一句话',
    'abc我的密码是很长的一句话',
  ])('accepts %j', async (pw) => {
    expect(await passwordProblem(pw, { login: 'li.na' })).toBeNull();
  });

  it('refuses very long input before hashing and says why in both languages', async () => {
    const long = await passwordProblem('x'.repeat(1001));
    expect(long?.code).toBe('password_too_long');
    const short = (await passwordProblem('short'))!;
    expect(passwordProblemText(short, 'zh-CN')).toBe('密码至少需要 10 个字符。');
    expect(passwordProblemText(short, 'en')).toBe('The password needs at least 10 characters.');
  });
});
