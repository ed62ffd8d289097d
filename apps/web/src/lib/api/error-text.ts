import type { TFunction } from 'i18next';
import { ApiError } from './problem';

/**
 * What a failed request says to the user, in their language: the server's localized sentence
 * when it sent one; "could not reach the server" when nothing answered (offline, a timeout);
 * otherwise a general failure — never a bare "HTTP 0" or a proxy's English status text.
 */
export function errorText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  if (error.status === 0) return t('error.network');
  return error.problem.detail ?? t('error.unknown');
}
