import type { Locale } from '../http/locale';

/** The shortest password a person may choose (NIST SP 800-63B asks for at least 8; we ask 10). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer input is refused before hashing (scrypt over megabytes is a denial of service). */
const MAX_PASSWORD_LENGTH = 1000;

/** Why a password is refused: too short or too long, or easy to guess. */
export type PasswordProblem =
  | { code: 'weak_password'; params: { min: number } }
  | { code: 'password_too_long'; params: { max: number } }
  | { code: 'common_password'; params: Record<string, never> };

/** Texts of the policy's codes, shared by the HTTP catalogue and the CLI. */
export const PASSWORD_MESSAGES = {
  weak_password: {
    'zh-CN': '密码至少需要 {min} 个字符。',
    en: 'The password needs at least {min} characters.',
  },
  password_too_long: {
    'zh-CN': '密码最多 {max} 个字符。',
    en: 'The password may have at most {max} characters.',
  },
  common_password: {
    'zh-CN': '这个密码太常见（或与登录名相同），很容易被猜到：请换一个，例如几个不相关的词加数字。',
    en: 'This password is too common (or the same as the login) and easy to guess; choose another, e.g. a few unrelated words and a number.',
  },
} satisfies Record<PasswordProblem['code'], Record<Locale, string>>;

let common: Promise<Set<string>> | null = null;

// The ranked list of common passwords maintained by zxcvbn-ts (~49,000 entries from breaches),
// loaded on first use so that starting the server does not pay for it.
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    (m) => new Set(m.dictionary['passwords-common']),
  );
  return common;
}

/**
 * Checks a new password against the policy: at least `MIN_PASSWORD_LENGTH` characters, not one
 * of the common passwords (also with digits or symbols only added at the end, `password2024!`),
 * not a single repeated character, not the login. Answers the problem, or null when it is fine.
 * @example await passwordProblem('correct horse battery', { login: 'li.na' }) // null
 */
export async function passwordProblem(
  password: string,
  context: { login?: string } = {},
): Promise<PasswordProblem | null> {
  if (password.length > MAX_PASSWORD_LENGTH)
    return { code: 'password_too_long', params: { max: MAX_PASSWORD_LENGTH } };
  const text = password.normalize('NFKC');
  if ([...text.trim()].length < MIN_PASSWORD_LENGTH)
    return { code: 'weak_password', params: { min: MIN_PASSWORD_LENGTH } };
  const lower = text.toLowerCase();
  const core = lower.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
  const list = await commonPasswords();
  const login = context.login?.toLowerCase();
  if (
    list.has(lower) ||
    (core !== '' && list.has(core)) ||
    /^(.)\1*$/su.test(lower) ||
    (login !== undefined && login !== '' && (lower === login || core === login))
  )
    return { code: 'common_password', params: {} };
  return null;
}

/** The policy's message for a problem in the caller's language. */
export function passwordProblemText(problem: PasswordProblem, locale: Locale): string {
  const params = problem.params as Record<string, number>;
  return PASSWORD_MESSAGES[problem.code][locale].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? ''),
  );
}

/**
 * The field errors (`/password` unless `path` says otherwise) of a new password given in a
 * request body: required text, then the policy.
 */
export async function newPasswordErrors(
  value: unknown,
  context: { login?: string } = {},
  path = '/password',
): Promise<{ path: string; code: string; message: string; params?: Record<string, unknown> }[]> {
  if (typeof value !== 'string' || value === '') return [{ path, code: 'required', message: '' }];
  const problem = await passwordProblem(value, context);
  return problem ? [{ path, code: problem.code, message: '', params: problem.params }] : [];
}
