import type { AutomationSpec } from '@trellis/spec';
import type { RunLog } from './types';

// Robot URLs carry their access token (WeCom `?key=`, DingTalk `?access_token=`, a Feishu hook's
// last path segment) and callWebhook headers may carry credentials. Someone who watches
// automations (the `monitor` capability) but may not change them sees where a message went —
// the URL's origin, as delivery health shows the host — never the token.
// A URL in text ends before trailing punctuation ("POST https://…/send?key=x: refused").
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]*[^\s"'<>.,;:!?)]/g;

function originOf(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

function hideUrls(text: string): string {
  return text.replace(URL_IN_TEXT, originOf);
}

function hideSettings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideSettings);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'headers') continue;
    out[key] = key === 'url' && typeof v === 'string' ? originOf(v) : hideSettings(v);
  }
  return out;
}

/** An automation as a watcher sees it: each action's URL as its origin, no request headers. */
export function automationForWatcher(automation: AutomationSpec): AutomationSpec {
  return hideSettings(automation) as AutomationSpec;
}

/**
 * A run as a watcher sees it: URLs in its actions' summaries, messages and delivery errors, and
 * in the run's error, as their origin. Condition traces keep the record's values (a watcher reads
 * only runs over records they may read).
 */
export function runForWatcher(run: RunLog): RunLog {
  return {
    ...run,
    error: run.error === null ? null : hideUrls(run.error),
    actions: run.actions.map((a) => ({
      ...a,
      ...(a.result
        ? {
            result: a.result.ok
              ? { ...a.result, summary: hideUrls(a.result.summary) }
              : { ...a.result, message: hideUrls(a.result.message) },
          }
        : {}),
      ...(a.delivery
        ? {
            delivery: {
              ...a.delivery,
              lastError: a.delivery.lastError === null ? null : hideUrls(a.delivery.lastError),
            },
          }
        : {}),
    })),
  };
}
