import type { Locale } from '../ports';
import { isObject } from './config';
import { actions, triggers } from './registry';
import type { AutomationError } from './types';

/**
 * Checks one automation's trigger and actions with their modules' validateConfig (schema plus
 * what a schema cannot say: valid cron and timezone, durations, strategy needs a team...).
 * Paths are JSON pointers inside the automation (`/on/cron`, `/do/1/team`). Never throws.
 */
export function validateAutomation(
  automation: unknown,
  locale: Locale = 'zh-CN',
): AutomationError[] {
  if (!isObject(automation))
    return [
      {
        path: '',
        code: 'schema.type',
        message: locale === 'en' ? 'must be an object' : '应当是对象',
      },
    ];
  const errors: AutomationError[] = [];
  const on = automation.on;
  const t = isObject(on) ? triggers[String(on.type)] : undefined;
  if (!t)
    errors.push({
      path: '/on/type',
      code: 'trigger.unknown',
      message:
        (locale === 'en' ? 'Unknown trigger: ' : '未知的触发器：') +
        String(isObject(on) ? on.type : on),
    });
  else errors.push(...t.validateConfig(on, locale).map((e) => ({ ...e, path: '/on' + e.path })));
  const list = Array.isArray(automation.do) ? automation.do : [];
  list.forEach((a, i) => {
    const m = isObject(a) ? actions[String(a.type)] : undefined;
    if (!m)
      errors.push({
        path: `/do/${i}/type`,
        code: 'action.unknown',
        message:
          (locale === 'en' ? 'Unknown action: ' : '未知的动作：') +
          String(isObject(a) ? a.type : a),
      });
    else
      errors.push(...m.validateConfig(a, locale).map((e) => ({ ...e, path: `/do/${i}` + e.path })));
  });
  return errors;
}
