import type { CliLocale } from './locale';

type Catalog = Record<string, string>;

// One entry per message code; `{name}` placeholders are filled from params.
const zh: Catalog = {
  'file.unreadable': '无法读取文件 {file}：{reason}',
  'file.malformed': '{file} 不是有效的 JSON：{reason}',
  'file.notFound': '找不到 {file}',
  'template.noManifest': '文件夹 {dir} 中没有 template.json，它不是一个模板文件夹',
  'template.manifest.notObject': 'template.json 必须是一个 JSON 对象',
  'template.manifest.required': 'template.json 缺少必填项 "{key}"',
  'template.manifest.type': 'template.json 的 "{key}" 应为{expected}',
  'template.manifest.pattern': 'template.json 的 "{key}" 格式不正确：{hint}',
  'template.manifest.locale':
    'template.json 的 locales 含有不支持的语言 "{value}"（支持 zh-CN、en）',
  'template.manifest.pathOutside': '规格文件路径 "{value}" 必须是模板文件夹内的相对路径',
  'template.manifest.duplicatePart': '规格文件 "{value}" 被列出了两次',
  'template.part.notObject': '{file} 必须是一个 JSON 对象（包含规格的顶层键，如 "entities"）',
  'template.part.notArray': '{file} 中的 "{key}" 应为数组，才能与其他文件合并',
  'template.conflict':
    '"{key}" 同时出现在 {first} 和 {file} 中；除列表外，每个顶层键只能由一个文件提供',
  'cli.internal': '内部错误：{reason}',
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
  'file.unreadable': 'Cannot read {file}: {reason}',
  'file.malformed': '{file} is not valid JSON: {reason}',
  'file.notFound': '{file} does not exist',
  'template.noManifest': 'The folder {dir} has no template.json, so it is not a template folder',
  'template.manifest.notObject': 'template.json must be a JSON object',
  'template.manifest.required': 'template.json is missing the required "{key}"',
  'template.manifest.type': '"{key}" in template.json must be {expected}',
  'template.manifest.pattern': '"{key}" in template.json is not in the right format: {hint}',
  'template.manifest.locale':
    'template.json lists the unsupported locale "{value}" (zh-CN and en are supported)',
  'template.manifest.pathOutside':
    'The spec file path "{value}" must be a relative path inside the template folder',
  'template.manifest.duplicatePart': 'The spec file "{value}" is listed twice',
  'template.part.notObject':
    '{file} must be a JSON object (holding top-level spec keys such as "entities")',
  'template.part.notArray': '"{key}" in {file} must be an array to be merged with the other files',
  'template.conflict':
    '"{key}" is set in both {first} and {file}; apart from lists, each top-level key may come from one file only',
  'cli.internal': 'Internal error: {reason}',
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
