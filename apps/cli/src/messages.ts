import type { CliLocale } from './locale';

type Catalog = Record<string, string>;

// One entry per message code; `{name}` placeholders are filled from params.
const zh: Catalog = {
  'cli.internal': '内部错误：{reason}',
  'cli.dataDir.restoring': '{dir} 正在恢复备份，请在恢复完成后再试',
  'cli.dataDir.in_use': '{dir} 正在被另一个 Trellis 进程使用（服务正在运行？）',
  'cli.usage': '命令用法有误：{detail}',
  'validate.ok':
    '✓ {target} 校验通过（{entities} 个实体、{pipelines} 条流程、{automations} 条自动化、{forms} 个表单）',
  'validate.failed': '✗ {target} 有 {count} 个错误：',
  'validate.unreadable': '✗ 无法读取 {target}：',
  'validate.in': '（位于 {source}）',
  'help.spec': '校验、合并应用规格（app spec）',
  'help.validate': '校验一个规格 JSON 文件或模板文件夹；有效退出码 0，无效 1，无法读取或解析 2',
  'help.bundle': '把模板文件夹中拆分的规格文件合并为一个 JSON 文档并输出',
  'help.target': '规格 JSON 文件，或包含 template.json 的模板文件夹',
  'help.folder': '包含 template.json 的模板文件夹',
  'help.locale': '错误信息的语言（zh-CN 或 en）',
  'help.json': '以 JSON 输出：{ "ok": boolean, "errors": [{ "path", "code", "message" }] }',
  'help.program': 'Trellis 低代码 CRM 命令行工具',
};

const en: Catalog = {
  'cli.internal': 'Internal error: {reason}',
  'cli.dataDir.restoring':
    '{dir} is being restored from a backup; try again when the restore has finished',
  'cli.dataDir.in_use': '{dir} is in use by another Trellis process (is the server running?)',
  'cli.usage': 'Wrong command usage: {detail}',
  'validate.ok':
    '✓ {target} is valid ({entities} entities, {pipelines} pipelines, {automations} automations, {forms} forms)',
  'validate.failed': '✗ {target} has {count} error(s):',
  'validate.unreadable': '✗ Cannot read {target}:',
  'validate.in': '(in {source})',
  'help.spec': 'Validate and bundle app specs',
  'help.validate':
    'Validate a spec JSON file or a template folder; exits 0 when valid, 1 when invalid, 2 when unreadable',
  'help.bundle':
    'Print the spec of a template folder, however it is split into files, as one JSON document',
  'help.target': 'a spec JSON file, or a template folder holding template.json',
  'help.folder': 'a template folder holding template.json',
  'help.locale': 'language of the messages (zh-CN or en)',
  'help.json': 'print JSON: { "ok": boolean, "errors": [{ "path", "code", "message" }] }',
  'help.program': 'The Trellis low-code CRM command line',
};

const catalogs: Record<CliLocale, Catalog> = { 'zh-CN': zh, en };

/** Looks up a CLI message in the given locale and fills its `{placeholders}`. */
export function t(locale: CliLocale, code: string, params: Record<string, unknown> = {}): string {
  const template = catalogs[locale][code] ?? catalogs.en[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
