import { PASSWORD_MESSAGES } from '../auth/password-policy';
import type { Locale } from './locale';

type Catalogue = Record<string, { 'zh-CN': string; en: string }>;

/** Localized texts of the errors the HTTP layer raises itself. `{name}` interpolates params. */
const MESSAGES: Catalogue = {
  not_found: { 'zh-CN': '找不到请求的资源。', en: 'The requested resource was not found.' },
  route_not_found: { 'zh-CN': '没有这个接口：{path}', en: 'No such endpoint: {path}' },
  method_not_allowed: {
    'zh-CN': '该接口不支持 {method} 方法，可用：{allow}',
    en: 'This endpoint does not accept {method}; allowed: {allow}',
  },
  invalid_json: { 'zh-CN': '请求体不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  invalid_encoding: {
    'zh-CN': '请求体不是有效的 UTF-8 文本。',
    en: 'The request body is not valid UTF-8 text.',
  },
  too_deep: {
    'zh-CN': '请求体嵌套过深（最多 {max} 层）。',
    en: 'The request body is nested too deeply (at most {max} levels).',
  },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型：{type}',
    en: 'Unsupported content type: {type}',
  },
  body_too_large: {
    'zh-CN': '请求体过大（最多 {max} 字节）。',
    en: 'The request body is too large (at most {max} bytes).',
  },
  invalid_body: {
    'zh-CN': '请求体必须是一个 JSON 对象。',
    en: 'The request body must be a JSON object.',
  },
  invalid_value: { 'zh-CN': '取值无效：{reason}', en: 'Invalid value: {reason}' },
  too_long: { 'zh-CN': '太长了。', en: 'Too long.' },
  too_many: { 'zh-CN': '一次最多 {max} 项。', en: 'At most {max} at a time.' },
  required: { 'zh-CN': '必填。', en: 'Required.' },
  unauthenticated: { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  invalid_credentials: { 'zh-CN': '账号或密码不正确。', en: 'Wrong login or password.' },
  account_disabled: { 'zh-CN': '该账号已停用。', en: 'This account is disabled.' },
  forbidden: { 'zh-CN': '你没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  csrf: {
    'zh-CN': '请求来源不被信任（Origin 检查失败）。',
    en: 'The request origin is not trusted (origin check failed).',
  },
  rate_limited: {
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试。',
    en: 'Too many requests; try again in {seconds} seconds.',
  },
  unknown_field: { 'zh-CN': '未知字段“{field}”', en: 'Unknown field "{field}"' },
  field_readonly: { 'zh-CN': '“{label}”是只读字段', en: '"{label}" is read-only' },
  invalid_filter: { 'zh-CN': '筛选条件无效：{reason}', en: 'Invalid filter: {reason}' },
  invalid_sort: { 'zh-CN': '排序字段无效：{field}', en: 'Invalid sort field: {field}' },
  too_many_sort_fields: {
    'zh-CN': '最多按 {max} 个字段排序（收到 {count} 个）。',
    en: 'Sort by at most {max} fields ({count} given).',
  },
  invalid_cursor: {
    'zh-CN': '分页游标无效，请从第一页重新开始。',
    en: 'The page cursor is invalid; start again from the first page.',
  },
  invalid_limit: {
    'zh-CN': 'limit 必须是 1 到 {max} 之间的整数。',
    en: 'limit must be an integer from 1 to {max}.',
  },
  version_required: {
    'zh-CN': '更新时必须提供 version（乐观锁）。',
    en: 'An update must carry version (optimistic locking).',
  },
  setup_done: {
    'zh-CN': '系统已初始化，不能再创建首个管理员。',
    en: 'Setup is already done; the first admin exists.',
  },
  login_taken: { 'zh-CN': '登录名 {login} 已被使用。', en: 'The login {login} is already taken.' },
  ...PASSWORD_MESSAGES,
  file_not_found: {
    'zh-CN': '找不到这个文件，或你无权使用它（只能使用自己上传或本来就能查看的文件）。',
    en: 'No such file, or you may not use it (only files you uploaded or can already see).',
  },
  unknown_role: { 'zh-CN': '未知角色：{role}', en: 'Unknown role: {role}' },
  unknown_team: { 'zh-CN': '未知团队：{team}', en: 'Unknown team: {team}' },
  unknown_supervisor: {
    'zh-CN': '上级不存在：{id}',
    en: 'The supervisor does not exist: {id}',
  },
  supervisor_loop: {
    'zh-CN': '上级不能是本人，也不能是本人的下属。',
    en: 'A supervisor cannot be the person themselves or someone who reports to them.',
  },
  last_user_manager: {
    'zh-CN':
      '{name} 是唯一能管理用户的在职人员：不能停用、交接离职或取消其管理用户的权限。请先让另一人拥有该权限。',
    en: '{name} is the only active person who can manage users: they cannot be deactivated, let go or lose that right. Give it to someone else first.',
  },
  last_user_manager_role: {
    'zh-CN':
      '发布后将没有在职人员能管理用户：角色 {role} 不再拥有“用户管理”（manageUsers）权限。请保留该权限，或先让另一位在职人员拥有它。',
    en: 'After this publish nobody active could manage users: the role {role} no longer has the Users right (manageUsers). Keep that right, or give it to another active person first.',
  },
  form_not_found: { 'zh-CN': '找不到表单：{form}', en: 'No such form: {form}' },
  source_not_found: { 'zh-CN': '找不到接入源：{source}', en: 'No such webhook source: {source}' },
  bad_token: {
    'zh-CN': '接入凭证无效或缺失（请求头 {header}）。',
    en: 'Missing or wrong token (header {header}).',
  },
  bad_signature: {
    'zh-CN': '签名无效或缺失（请求头 {header}）。',
    en: 'Missing or wrong signature (header {header}).',
  },
  no_secret: {
    'zh-CN': '接入源 {source} 尚未设置密钥。',
    en: 'Webhook source {source} has no secret set.',
  },
  mapping_empty: {
    'zh-CN': '负载中没有可映射的字段（映射：{paths}）。',
    en: 'The payload holds none of the mapped fields (mapping: {paths}).',
  },
  idempotency_key_reused: {
    'zh-CN':
      'Idempotency-Key “{key}” 已用于另一份内容不同的提交：重试请发送相同内容，新的提交请换一个新的 Key。',
    en: 'The Idempotency-Key "{key}" was already used for a submission with a different body: retry with the same body, or use a new key for a new submission.',
  },
  idempotency_conflict: {
    'zh-CN': '同一个 Idempotency-Key 正在处理中。',
    en: 'A request with this Idempotency-Key is in progress.',
  },
  engine_unavailable: {
    'zh-CN': '该功能尚未启用：{feature}',
    en: 'This feature is not available: {feature}',
  },
  writer_unavailable: {
    'zh-CN': '服务器正在重启写入线程，请稍后重试（使用同一个 Idempotency-Key 重试是安全的）。',
    en: 'The server is restarting its writer; try again shortly (retrying with the same Idempotency-Key is safe).',
  },
  database_busy: {
    'zh-CN':
      '数据库正忙，本次写入没有保存，请稍后重试（使用同一个 Idempotency-Key 重试是安全的）。',
    en: 'The database is busy; nothing was saved. Try again shortly (retrying with the same Idempotency-Key is safe).',
  },
  internal: {
    'zh-CN': '服务器内部错误，已记录。',
    en: 'Internal server error; it has been logged.',
  },
  // The engine's wording for the same code (packages/engine/src/i18n/messages.ts `validation`).
  validation: { 'zh-CN': '提交的数据有 {count} 处问题', en: 'The data has {count} problem(s)' },
  conflict: {
    'zh-CN': '记录已被他人修改，请刷新后重试。',
    en: 'The record was changed by someone else; reload and retry.',
  },
  no_draft: {
    'zh-CN':
      '还没有草稿：保存一份规格即可开始（PUT /api/v1/spec/draft，If-Match: "0"），通常以线上规格（GET /api/v1/spec）为起点。',
    en: 'There is no draft yet: start one by saving a spec (PUT /api/v1/spec/draft with If-Match: "0"), usually the live spec (GET /api/v1/spec).',
  },
  draft_conflict: {
    'zh-CN': '草稿在你打开之后已被他人保存：请先载入最新草稿，或确认用你的版本覆盖。',
    en: 'Someone else saved the draft after you opened it: load the latest draft, or confirm to overwrite it with yours.',
  },
  invalid_if_match: {
    'zh-CN': 'If-Match 必须是草稿的修订号，例如 "1767225600000"。',
    en: 'If-Match must be a draft revision, e.g. "1767225600000".',
  },
};

/** Localized message for a code; unknown codes fall back to the code itself. */
export function message(
  code: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const entry = MESSAGES[code];
  const text = entry ? entry[locale] : code;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}
