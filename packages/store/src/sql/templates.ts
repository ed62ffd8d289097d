import type { TemplateInstall, TemplateRepo } from '../api/templates';
import { fromJson, toJson, type Row, type SqlExec } from './exec';

const COLS =
  'name, version, spec, spec_version AS "specVersion", installed_at AS "installedAt", installed_by AS "installedBy"';

function toInstall(r: Row): TemplateInstall {
  return {
    name: String(r.name),
    version: String(r.version),
    spec: fromJson<unknown>(r.spec, null),
    specVersion:
      r.specVersion === null || r.specVersion === undefined ? null : Number(r.specVersion),
    installedAt: Number(r.installedAt),
    installedBy: (r.installedBy as string | null) ?? null,
  };
}

/** template_installs over portable SQL. */
export function templateRepo(x: SqlExec): TemplateRepo {
  return {
    async get(name) {
      const r = await x.get(`SELECT ${COLS} FROM template_installs WHERE name = ?`, [name]);
      return r ? toInstall(r) : null;
    },
    async list() {
      return (await x.all(`SELECT ${COLS} FROM template_installs ORDER BY name`)).map(toInstall);
    },
    async put(t) {
      await x.run(
        `INSERT INTO template_installs (name, version, spec, spec_version, installed_at, installed_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, spec = excluded.spec,
           spec_version = excluded.spec_version, installed_at = excluded.installed_at,
           installed_by = excluded.installed_by`,
        [t.name, t.version, toJson(t.spec), t.specVersion, t.installedAt, t.installedBy],
      );
    },
  };
}
