import type { Locale } from '../schema/common';

/**
 * Messages about template folders, their files and manifests, and template merges, in zh-CN and
 * en. One catalogue for the CLI, the server and the gallery, so an author reads the same sentence
 * wherever a template is checked. `{name}` is replaced by params.name.
 */
const catalogue: Record<string, readonly [zh: string, en: string]> = {
  'file.unreadable': ['无法读取文件 {file}：{reason}', 'Cannot read {file}: {reason}'],
  'file.malformed': ['{file} 不是有效的 JSON：{reason}', '{file} is not valid JSON: {reason}'],
  'file.notFound': ['找不到 {file}', '{file} does not exist'],
  'template.noManifest': [
    '文件夹 {dir} 中没有 template.json，它不是一个模板文件夹',
    'The folder {dir} has no template.json, so it is not a template folder',
  ],
  'template.manifest.notObject': [
    'template.json 必须是一个 JSON 对象',
    'template.json must be a JSON object',
  ],
  'template.manifest.required': [
    'template.json 缺少必填项 "{key}"',
    'template.json is missing the required "{key}"',
  ],
  'template.manifest.type': [
    'template.json 的 "{key}" 应为{expected}',
    '"{key}" in template.json must be {expected}',
  ],
  'template.manifest.pattern': [
    'template.json 的 "{key}" 格式不正确：{hint}',
    '"{key}" in template.json is not in the right format: {hint}',
  ],
  'template.manifest.unknownKey': [
    'template.json 中的 "{key}" 不是已知的项（可用：{known}）',
    '"{key}" in template.json is not a known entry (known: {known})',
  ],
  'template.manifest.locale': [
    'template.json 的 locales 含有不支持的语言 "{value}"（支持 zh-CN、en）',
    'template.json lists the unsupported locale "{value}" (zh-CN and en are supported)',
  ],
  'template.manifest.defaultLocale': [
    'template.json 的默认语言 "{value}" 必须列在 locales 中',
    'The default locale "{value}" of template.json must be listed in locales',
  ],
  'template.manifest.labelLocale': [
    'template.json 的 "{key}" 缺少语言 "{value}" 的文本（每个 locales 中的语言都要有）',
    '"{key}" in template.json has no text in "{value}" (every listed locale needs one)',
  ],
  'template.manifest.pathOutside': [
    '文件路径 "{value}" 必须是模板文件夹内的相对路径',
    'The file path "{value}" must be a relative path inside the template folder',
  ],
  'template.manifest.duplicatePart': [
    '规格文件 "{value}" 被列出了两次',
    'The spec file "{value}" is listed twice',
  ],
  'template.manifest.engineRange': [
    'template.json 的 engine "{value}" 不是有效的版本范围（例如 ">=0.1.0 <1.0.0"）',
    'The engine "{value}" in template.json is not a valid version range (e.g. ">=0.1.0 <1.0.0")',
  ],
  'template.manifest.previewType': [
    '预览图 "{value}" 必须是 .png、.jpg、.jpeg、.webp 或 .svg 图片',
    'The preview "{value}" must be a .png, .jpg, .jpeg, .webp or .svg image',
  ],
  'template.engineMismatch': [
    '模板要求引擎版本 {range}，而当前 Trellis 是 {version}',
    'The template needs engine {range}, but this Trellis is {version}',
  ],
  'template.preview.missing': ['找不到预览图 {file}', 'The preview image {file} does not exist'],
  'template.part.notObject': [
    '{file} 必须是一个 JSON 对象（包含规格的顶层键，如 "entities"）',
    '{file} must be a JSON object (holding top-level spec keys such as "entities")',
  ],
  'template.part.notArray': [
    '{file} 中的 "{key}" 应为数组，才能与其他文件合并',
    '"{key}" in {file} must be an array to be merged with the other files',
  ],
  'template.part.noSchema': [
    '{file} 没有 "$schema"：加上它，编辑器才能给出提示和检查（例如 "./node_modules/@trellis/spec/app-spec-part.schema.json"）',
    '{file} has no "$schema": add one so editors give hints and checks (e.g. "./node_modules/@trellis/spec/app-spec-part.schema.json")',
  ],
  'template.conflict': [
    '"{key}" 同时出现在 {first} 和 {file} 中；除列表外，每个顶层键只能由一个文件提供',
    '"{key}" is set in both {first} and {file}; apart from lists, each top-level key may come from one file only',
  ],
  'template.package.missing': [
    '模板文件夹没有 package.json：发布到 npm 需要它（name、version 与 template.json 一致，files 列出模板文件）',
    'The template folder has no package.json: publishing to npm needs one (name, the version of template.json, files listing the template files)',
  ],
  'template.package.version': [
    'package.json 的版本 {package} 与 template.json 的版本 {template} 不同',
    'package.json says version {package} but template.json says {template}',
  ],
  'template.package.private': [
    'package.json 标记为 "private": true，npm 会拒绝发布',
    'package.json is marked "private": true, so npm will refuse to publish it',
  ],
  'template.package.notPacked': [
    '{file} 不会被打进 npm 包（检查 package.json 的 "files"）',
    '{file} would be left out of the npm package (check "files" in package.json)',
  ],
  'template.conflicts': [
    '工作区和新版本模板都改动了 {count} 处，且改法不同：请为每一处选择保留工作区的（ours）还是采用模板的（theirs）：{paths}',
    "The workspace and the new template version both changed {count} place(s), differently: choose for each whether to keep the workspace's (ours) or take the template's (theirs): {paths}",
  ],
  'template.older': [
    '工作区已安装 {name} {installed}，比要安装的 {version} 更新；不能降级',
    'The workspace has {name} {installed} installed, newer than {version}; a template is not downgraded',
  ],
  'template.unknownConflict': [
    '没有路径为 {path} 的冲突，无法为它选择',
    'There is no conflict at {path} to choose for',
  ],
  'template.readme.missing': [
    '模板文件夹没有 README.md：在模板库里，它告诉别人这个模板适合谁、包含什么',
    'The template folder has no README.md: in the gallery it tells people who the template is for and what it holds',
  ],
};

/** Every template message code. */
export const templateMessageCodes: readonly string[] = Object.keys(catalogue);

/** The sentence of a template message in `locale`, with `{placeholders}` filled from params. */
export function templateMessage(
  locale: Locale,
  code: string,
  params: Record<string, unknown> = {},
): string {
  const entry = catalogue[code];
  const text = entry ? entry[locale === 'en' ? 1 : 0] : code;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A problem with a template, as a value: `path` is `file#pointer` or a file name. */
export type TemplateIssue = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
  /** A warning does not stop an install (a missing README, a part without `$schema`). */
  severity?: 'error' | 'warning';
};

/** Builds an issue with its localized message. */
export function templateIssue(
  locale: Locale,
  path: string,
  code: string,
  params?: Record<string, unknown>,
  severity?: 'warning',
): TemplateIssue {
  return {
    path,
    code,
    message: templateMessage(locale, code, params),
    ...(params ? { params } : {}),
    ...(severity ? { severity } : {}),
  };
}
