import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { regionChildren, regionInfo, type RegionInfo } from '@trellis/spec';
import { resolveLocale, type PublicFormPage } from '@trellis/rules';
import type { ServerContext } from '../context';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv } from '../types';
import { embedScript } from './embed';
import { currentForm, type LiveForm } from './live-forms';
import { formPageHtml, inlineStylesheets } from './page-html';
import { notFoundHtml } from './not-found';

// An intake form is made to be embedded in a school's own site: any page may frame it.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors *",
  'cross-origin-resource-policy': 'cross-origin',
  'cache-control': 'no-cache',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

function formOf(ctx: ServerContext, c: Context<AppEnv>): Promise<LiveForm | null> {
  return currentForm(ctx.engine, c.req.param('form') ?? '');
}

/** Every division under a province (its cities and their districts), for the region cascader. */
function provinceDivisions(province: string): RegionInfo[] {
  const out: RegionInfo[] = [];
  for (const city of regionChildren(province)) out.push(city, ...regionChildren(city.code));
  return out;
}

/**
 * The public form page `GET /f/:form` (the URL its POST goes to) and what it loads: the
 * precompiled validator, region data by province, the embed script. The page itself comes from
 * the web build's `form.html` (`staticDir`); without a build the page answers 503.
 */
export function registerPublicFormPages(app: Hono<AppEnv>, ctx: ServerContext): void {
  let template: string | null = null;
  const readTemplate = () => {
    const dir = ctx.options.staticDir;
    if (template === null && dir && existsSync(join(dir, 'form.html')))
      template = inlineStylesheets(readFileSync(join(dir, 'form.html'), 'utf8'), (path) => {
        const file = join(dir, path);
        return file.startsWith(join(dir, 'assets')) && existsSync(file)
          ? readFileSync(file, 'utf8')
          : null;
      });
    return template;
  };

  app.get('/f/:form', async (c) => {
    const lang = c.req.query('lang');
    const locale = lang ? resolveLocale(lang) : localeOf(c);
    const live = await formOf(ctx, c);
    if (!live) return c.html(notFoundHtml(locale), 404, { 'cache-control': 'no-cache' });
    const html = readTemplate();
    if (!html) throw new HttpProblem(503, 'web_not_built');
    const slug = live.projection.form.slug;
    const data: PublicFormPage = {
      ...live.projection,
      locale,
      submitUrl: `/f/${slug}`,
      validatorUrl: `/f/${slug}/validator.js?h=${live.validator().hash}`,
      ...(live.projection.entity.fields.some((f) => f.type === 'region')
        ? { provinces: regionChildren(null) }
        : {}),
    };
    return c.html(formPageHtml(html, data), 200, PAGE_HEADERS);
  });

  app.get('/f/:form/validator.js', async (c) => {
    const live = await formOf(ctx, c);
    if (!live)
      throw new HttpProblem(404, 'form_not_found', { form: c.req.param('form').slice(0, 64) });
    const { source, hash } = live.validator();
    return c.body(source, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': c.req.query('h') === hash ? IMMUTABLE : 'no-cache',
    });
  });

  app.get('/f/:form/regions/:province', async (c) => {
    const code = c.req.param('province').replace(/\.json$/, '');
    const info = regionInfo(code);
    if (!(await formOf(ctx, c)) || info?.level !== 'province')
      throw new HttpProblem(404, 'not_found', { path: c.req.path.slice(0, 100) });
    return c.json(provinceDivisions(code), 200, { 'cache-control': 'public, max-age=86400' });
  });

  app.get('/f/:form/embed.js', async (c) => {
    const live = await formOf(ctx, c);
    if (!live)
      throw new HttpProblem(404, 'form_not_found', { form: c.req.param('form').slice(0, 64) });
    return c.body(embedScript(new URL(c.req.url).origin, live.projection.form.slug), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=300',
    });
  });
}
