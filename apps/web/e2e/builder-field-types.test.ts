import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { FIELD_TYPES } from '@trellis/spec';
import { choose } from './harness/antd';
import { shot, DESKTOP, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { fieldSteps, openBuilder, publishDraft, signInAs } from './harness/builder-steps';
import { draftSaved, draftSpec } from './harness/draft';
import { ownServer } from './harness/own-server';

// Every field type the spec has, built in the builder (zh-CN) with its settings, placed on the
// create form and published; then a rep fills each widget as a person does and the record reads
// back as typed. It publishes: a demo server of its own keeps the shared one as shipped.
const server = ownServer();

const ENTITY = 'trialBooking';
/** Set when the first test has published what the second one fills. */
let published = false;

type Field = { key: string; type: string; [setting: string]: unknown };
type Spec = {
  entities: { key: string; fields: Field[] }[];
  forms: { key: string; entity: string; sections: { fields: (string | { field: string })[] }[] }[];
};

/** A field the test builds: its type's name in the picker, its names, how its settings are set. */
type Build = {
  type: string;
  picker: string;
  zh: string;
  en: string;
  settings?: (drawer: Locator, page: Page) => Promise<void>;
};

/** Picks preset color `n` (of the builder's palette) for option `row` of the open drawer. */
async function color(page: Page, drawer: Locator, row: number, n: number) {
  // One color popup at a time: the one this opens is then the only one shown.
  const open = page.locator('.ant-color-picker.ant-popover:not(.ant-popover-hidden)');
  await expect.poll(() => open.count()).toBe(0);
  await drawer.getByRole('listitem').nth(row).getByLabel('颜色', { exact: true }).click();
  await expect.poll(() => open.count()).toBe(1);
  await open.locator('.ant-color-picker-presets-color').nth(n).click();
  await page.keyboard.press('Escape');
  if ((await open.count()) > 0) await drawer.locator('.ant-drawer-title').click();
  await expect.poll(() => open.count()).toBe(0);
}

/** Names option `n` (1-based) of the open drawer in both languages. */
async function option(drawer: Locator, n: number, zh: string, en: string) {
  await drawer.getByLabel(`选项 ${n} 的中文名称`).fill(zh);
  await drawer.getByLabel(`选项 ${n} 的英文名称`).fill(en);
  await drawer.getByLabel(`选项 ${n} 的英文名称`).blur();
}

const FIELDS: Build[] = [
  {
    type: 'text',
    picker: '单行文本',
    zh: '家长姓名',
    en: 'Parent name',
    settings: async (d) => {
      await d.getByRole('switch', { name: '必填', exact: true }).click();
      await d.getByLabel('帮助文字 (中文)').fill('填写来试听的孩子的家长');
      await d.getByLabel('帮助文字 (英文)').fill('The parent of the child who comes');
      await d.getByLabel('占位文字 (中文)').fill('例如：王女士');
      await d.getByLabel('占位文字 (英文)').fill('e.g. Ms Wang');
    },
  },
  {
    type: 'longtext',
    picker: '多行文本',
    zh: '备注',
    en: 'Notes',
    settings: async (d) => {
      await d.getByLabel('最多字数', { exact: true }).fill('500');
      await d.getByLabel('最多字数', { exact: true }).blur();
    },
  },
  { type: 'email', picker: '邮箱', zh: '邮箱', en: 'Email' },
  {
    type: 'phone',
    picker: '电话',
    zh: '手机号',
    en: 'Mobile phone',
    settings: async (d) => {
      await d.getByText('国际格式（+86…）').first().waitFor();
    },
  },
  { type: 'url', picker: '网址', zh: '主页', en: 'Homepage' },
  {
    type: 'number',
    picker: '数字',
    zh: '人数',
    en: 'Seats',
    settings: async (d) => {
      await d.getByRole('switch', { name: '只允许整数', exact: true }).click();
      await d.getByLabel('最小值', { exact: true }).fill('1');
      await d.getByLabel('最小值', { exact: true }).blur();
    },
  },
  {
    type: 'money',
    picker: '金额',
    zh: '单价',
    en: 'Unit price',
    settings: async (d) => {
      const currency = d.getByLabel('币种', { exact: true });
      await expect.poll(() => currency.inputValue()).toBe('CNY');
      // ¥100,000 typed in yuan, kept in fen.
      await d.getByLabel('最大值', { exact: true }).fill('100000');
      await d.getByLabel('最大值', { exact: true }).blur();
    },
  },
  {
    type: 'percent',
    picker: '百分比',
    zh: '折扣',
    en: 'Discount',
    settings: async (d) => {
      await d.getByLabel('最大值', { exact: true }).fill('100');
      await d.getByLabel('最大值', { exact: true }).blur();
    },
  },
  { type: 'date', picker: '日期', zh: '试听日期', en: 'Trial date' },
  { type: 'datetime', picker: '日期时间', zh: '到店时间', en: 'Arrival time' },
  { type: 'boolean', picker: '是/否', zh: '需要接送', en: 'Needs pickup' },
  {
    type: 'select',
    picker: '单选',
    zh: '年级',
    en: 'Grade',
    settings: async (d, page) => {
      await option(d, 1, '一年级', 'Grade 1');
      await option(d, 2, '二年级', 'Grade 2');
      await color(page, d, 0, 0);
      await color(page, d, 1, 2);
    },
  },
  {
    type: 'multiselect',
    picker: '多选',
    zh: '兴趣',
    en: 'Interests',
    settings: async (d, page) => {
      await d.getByRole('button', { name: '添加选项' }).click();
      await d.getByLabel('选项 3 的中文名称').waitFor();
      await option(d, 1, '编程', 'Coding');
      await option(d, 2, '美术', 'Art');
      await option(d, 3, '音乐', 'Music');
      await color(page, d, 0, 7);
      await color(page, d, 2, 4);
    },
  },
  {
    type: 'relation',
    picker: '关联记录',
    zh: '推荐线索',
    en: 'Referred lead',
    settings: async (d, page) => {
      await choose(page, d.getByLabel('关联到', { exact: true }), '线索');
    },
  },
  { type: 'user', picker: '成员', zh: '接待顾问', en: 'Advisor' },
  {
    type: 'file',
    picker: '附件',
    zh: '报名表',
    en: 'Signed form',
    settings: async (d) => {
      await d.getByLabel('单个文件上限（MB）', { exact: true }).fill('5');
      await d.getByLabel('单个文件上限（MB）', { exact: true }).blur();
    },
  },
  {
    type: 'region',
    picker: '省市区',
    zh: '所在地区',
    en: 'District',
    settings: async (d, page) => {
      await choose(page, d.getByLabel('精确到', { exact: true }), '区县');
    },
  },
  {
    type: 'formula',
    picker: '公式',
    zh: '总价',
    en: 'Total',
    settings: async (d, page) => {
      // Typed as in a spreadsheet, fields by their Chinese names; a slip is named by the box.
      const expression = d.getByLabel('公式', { exact: true });
      await expression.fill('[单价] * [人数');
      await expression.blur();
      await d.getByRole('alert').getByText('第 11 个字符处：方括号“[”没有闭合').waitFor();
      await expression.fill('[单价] * [人数]');
      await expression.blur();
      await d.getByText('结果：数字').waitFor();
      await choose(page, d.getByLabel('结果类型', { exact: true }), '金额');
    },
  },
];

/** The field's key as the builder makes it from the English name. */
const KEYS: Record<string, string> = {
  text: 'parentName',
  longtext: 'notes',
  email: 'email',
  phone: 'mobilePhone',
  url: 'homepage',
  number: 'seats',
  money: 'unitPrice',
  percent: 'discount',
  date: 'trialDate',
  datetime: 'arrivalTime',
  boolean: 'needsPickup',
  select: 'grade',
  multiselect: 'interests',
  relation: 'referredLead',
  user: 'advisor',
  file: 'signedForm',
  region: 'district',
  formula: 'total',
};

/** Waits until the Ant Design select or picker around `input` shows its list closed. */
const closed = (input: Locator) =>
  expect.poll(() => input.getAttribute('aria-expanded'), { timeout: 10_000 }).not.toBe('true');

/** Points at a drawn stand-in (a number, date or select input) until Ant Design's widget is in. */
async function wake(input: Locator) {
  await input.hover();
  await expect.poll(() => input.evaluate((el) => el.closest('.tf-d-standin') === null)).toBe(true);
}

describe('every field type, from the builder to a record', () => {
  it('builds a field of each type with its settings, puts them on the create form and publishes (zh-CN)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    // Each type the spec has is built here: a new type fails this until it is added.
    expect(FIELDS.map((f) => f.type)).toEqual([...FIELD_TYPES]);
    await inBuilderBrowser('builder-field-types', { locale: 'zh-CN' }, async (page) => {
      await openBuilder(page, server, 'entities');
      await page.getByRole('button', { name: '添加到“实体”' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel('名称 (中文)', { exact: true }).fill('试听登记');
      await modal.getByLabel('名称 (英文)', { exact: true }).fill('Trial booking');
      await modal.getByRole('button', { name: /^创\s?建$/ }).click();
      await modal.waitFor({ state: 'hidden' });
      await page.waitForURL(new RegExp(`/builder/entities/${ENTITY}$`));

      const fields = fieldSteps(page, 'zh-CN');
      for (const f of FIELDS) {
        const drawer = await fields.add(f.picker, { zh: f.zh, en: f.en });
        await f.settings?.(drawer, page);
        await fields.close();
      }
      await shot(page, 'builder-field-types-fields-zh-CN-desktop');

      const draft = (await draftSpec<Spec>(page))!;
      const entity = draft.entities.find((e) => e.key === ENTITY)!;
      expect(entity.fields.map((f) => [f.key, f.type])).toEqual([
        ['name', 'text'],
        ...FIELDS.map((f) => [KEYS[f.type], f.type]),
      ]);
      const byKey = Object.fromEntries(entity.fields.map((f) => [f.key, f]));
      expect(byKey['parentName']).toMatchObject({
        required: true,
        help: { 'zh-CN': '填写来试听的孩子的家长', en: 'The parent of the child who comes' },
        placeholder: { 'zh-CN': '例如：王女士', en: 'e.g. Ms Wang' },
      });
      expect(byKey['notes']).toMatchObject({ maxLength: 500 });
      expect(byKey['mobilePhone']).toMatchObject({ normalize: 'e164', defaultRegion: 'CN' });
      expect(byKey['seats']).toMatchObject({ integer: true, min: 1 });
      expect(byKey['unitPrice']).toMatchObject({ currency: 'CNY', max: 10_000_000 });
      expect(byKey['discount']).toMatchObject({ max: 100 });
      expect(byKey['grade']).toMatchObject({
        options: [
          { value: 'grade1', label: { 'zh-CN': '一年级', en: 'Grade 1' }, color: '#1677ff' },
          { value: 'grade2', label: { 'zh-CN': '二年级', en: 'Grade 2' }, color: '#52c41a' },
        ],
      });
      expect(byKey['interests']).toMatchObject({
        options: [
          { value: 'coding', color: '#722ed1' },
          { value: 'art' },
          { value: 'music', color: '#fa8c16' },
        ],
      });
      expect(byKey['referredLead']).toMatchObject({ entity: 'lead' });
      expect(byKey['signedForm']).toMatchObject({ maxSizeMb: 5 });
      expect(byKey['district']).toMatchObject({ level: 'district' });
      expect(byKey['total']).toMatchObject({
        expression: { '*': [{ var: 'unitPrice' }, { var: 'seats' }] },
        resultType: 'money',
      });

      // The create form: every field, placed with its + button.
      await page.goto(`${server.url}/builder/forms`);
      await page.getByRole('button', { name: '添加到“表单”' }).click();
      const formModal = page.getByRole('dialog');
      await formModal.getByLabel('名称 (中文)', { exact: true }).fill('试听登记表');
      await formModal.getByLabel('名称 (英文)', { exact: true }).fill('Trial booking form');
      await choose(page, formModal.getByLabel('实体', { exact: true }), '试听登记');
      await formModal.getByRole('button', { name: /^创\s?建$/ }).click();
      await formModal.waitFor({ state: 'hidden' });
      const preview = page.locator('[data-testid=form-preview]');
      await preview.getByLabel('家长姓名').first().waitFor();
      for (const f of FIELDS) {
        const add = page.getByRole('button', { name: `把“${f.zh}”加到最后一个分组` });
        // A new form starts with the required fields: those are placed already.
        if ((await add.count()) === 0) continue;
        await add.click();
        await add.waitFor({ state: 'detached' });
      }
      await page.getByText('实体的全部字段都已在表单中。').waitFor();
      await draftSaved(page);
      const form = (await draftSpec<Spec>(page))!.forms.find((x) => x.entity === ENTITY)!;
      const placed = form.sections
        .flatMap((s) => s.fields)
        .map((p) => (typeof p === 'string' ? p : p.field));
      expect([...placed].sort()).toEqual(['name', ...Object.values(KEYS)].sort());

      // Reps (the sales role) create booking records and see their own.
      await page.goto(`${server.url}/builder/roles/sales`);
      await page.getByLabel('试听登记：新建').check();
      await choose(page, page.getByLabel('试听登记：查看'), '自己的');
      await draftSaved(page);

      await publishDraft(page, 'zh-CN');
      expect(page.pageErrors).toEqual([]);
      published = true;
    });
  }, 600_000);

  it('a rep fills each widget as a person does; the record reads back as typed (zh-CN)', async () => {
    expect(published).toBe(true);
    await inBuilderBrowser('builder-field-types-rep', { locale: 'zh-CN' }, async (page) => {
      await signInAs(page, server, 'sales');
      const get = <T>(path: string) =>
        page.evaluate(async (p) => (await (await fetch(p)).json()) as unknown, path) as Promise<T>;
      // A lead of this rep's with a name no other lead they can find shares, and a colleague.
      const me = await get<{ user: { id: string } }>('/api/v1/me');
      const leads = await get<{ items: { id: string; name: string; ownerId: string }[] }>(
        `/api/v1/records/lead?limit=200`,
      );
      const count = (name: string) => leads.items.filter((l) => l.name === name).length;
      const lead = leads.items.find((l) => l.ownerId === me.user.id && count(l.name) === 1)!;
      expect(lead).toBeDefined();
      const users = await get<{ items: { id: string; name: string; login: string }[] }>(
        '/api/v1/users',
      );
      const advisor = users.items.find(
        (u) =>
          u.id !== me.user.id &&
          u.name &&
          users.items.filter((x) => x.name === u.name).length === 1,
      )!;

      await page.goto(`${server.url}/records/${ENTITY}/new`);
      const form = page.getByRole('form', { name: '新建试听登记' });
      const input = (label: string) => form.getByLabel(label, { exact: true });
      // A field's frame: its label, its input, its help and error.
      const fieldOf = (label: string) =>
        form.locator('[data-tf-field]').filter({ has: page.getByText(label, { exact: true }) });

      // Required, with its help and placeholder: saving without it names it.
      const parent = input('家长姓名');
      expect(await parent.getAttribute('placeholder')).toBe('例如：王女士');
      await form.getByText('填写来试听的孩子的家长').waitFor();
      await input('名称').fill('周末试听 · 小王');
      await form.getByRole('button', { name: /^新\s?建$/ }).click();
      await expect.poll(() => parent.getAttribute('aria-invalid')).toBe('true');

      await parent.fill('王女士');
      await input('备注').fill('孩子八岁，喜欢画画');
      await input('邮箱').fill('Wang.Parent@Example.COM');
      await input('手机号').fill('138 0013 8000');
      await input('主页').fill('https://example.com/wang');
      for (const [label, text] of [
        ['人数', '3'],
        ['单价', '1280.5'],
        ['折扣', '15'],
      ] as const) {
        await wake(input(label));
        await input(label).fill(text);
        await input(label).press('Tab');
      }
      // The formula follows as the numbers are typed: ¥1,280.50 × 3.
      await form.getByText('3,841.50').waitFor();

      // A picker's list has no aria-expanded: its calendar is waited on to have faded out.
      const calendars = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      const date = input('试听日期');
      await wake(date);
      await date.click();
      await date.fill('2027-03-06');
      await date.press('Tab');
      await expect.poll(() => calendars.count(), { timeout: 10_000 }).toBe(0);
      expect(await date.inputValue()).toBe('2027-03-06');
      const arrival = input('到店时间');
      await wake(arrival);
      // A time needs its OK (the only calendar open is this one): a click that beat the typed
      // text on a busy machine confirmed nothing, so the value is checked and typed again.
      for (let attempt = 1; ; attempt++) {
        await arrival.click();
        await arrival.fill('2027-03-06 14:30');
        await calendars.getByRole('button', { name: /^确\s?定$/ }).click();
        await expect.poll(() => calendars.count(), { timeout: 10_000 }).toBe(0);
        if ((await arrival.inputValue()) === '2027-03-06 14:30') break;
        if (attempt === 3) throw new Error('the arrival time was never confirmed');
      }

      await form.getByRole('switch', { name: '需要接送' }).click();
      await expect
        .poll(() => form.getByRole('switch', { name: '需要接送' }).getAttribute('aria-checked'))
        .toBe('true');

      await choose(page, input('年级'), '二年级');
      await closed(input('年级'));

      // Two interests from the select's own list, then the list is closed.
      const interests = input('兴趣');
      await interests.click();
      await expect.poll(() => interests.getAttribute('aria-controls')).toBeTruthy();
      const list = page
        .locator(`[id="${await interests.getAttribute('aria-controls')}"]`)
        .locator('xpath=..')
        .locator('.ant-select-item-option');
      await list.filter({ hasText: /^编程$/ }).click();
      await list.filter({ hasText: /^音乐$/ }).click();
      await page.keyboard.press('Escape');
      await closed(interests);
      const tags = form
        .locator('.ant-select', { has: page.getByLabel('兴趣', { exact: true }) })
        .locator('.ant-tag');
      await expect.poll(() => tags.allInnerTexts()).toEqual(['编程', '音乐']);

      await choose(page, input('推荐线索'), lead.name, { search: true });
      await closed(input('推荐线索'));
      await choose(page, input('接待顾问'), advisor.name, { search: true });
      await closed(input('接待顾问'));

      // A small file, chosen in the file dialog the upload button opens.
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        fieldOf('报名表').getByRole('button', { name: /上传/ }).click(),
      ]);
      await chooser.setFiles({
        name: '报名表.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('王女士 · 试听报名'),
      });
      await fieldOf('报名表')
        .locator(
          '.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)',
        )
        .getByText('报名表.txt')
        .waitFor();

      // Province, city, district in the cascader's columns.
      const region = input('所在地区');
      await region.click();
      const columns = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
      for (const place of ['浙江省', '杭州市', '西湖区'])
        await columns.locator(`[role=menuitemcheckbox][title="${place}"]`).click();
      await closed(region);
      // Faded out, so the screenshots show the form, not the columns leaving.
      await columns.waitFor({ state: 'hidden' });
      await fieldOf('所在地区').getByTitle('浙江省 / 杭州市 / 西湖区').waitFor();

      await shot(page, 'builder-field-types-form-zh-CN-desktop');
      await page.setViewportSize(PHONE);
      await fieldOf('所在地区').getByTitle('浙江省 / 杭州市 / 西湖区').waitFor();
      await shot(page, 'builder-field-types-form-zh-CN-phone');
      await page.setViewportSize(DESKTOP);

      await form.getByRole('button', { name: /^新\s?建$/ }).click();
      await page.waitForURL((url) =>
        new RegExp(`/records/${ENTITY}/(?!new$)[^/]+$`).test(url.pathname),
      );
      const id = new URL(page.url()).pathname.split('/').at(-1)!;
      const stored = await get<Record<string, unknown>>(`/api/v1/records/${ENTITY}/${id}`);
      const arrivalMs = await page.evaluate(() => new Date(2027, 2, 6, 14, 30).getTime());
      expect(stored).toMatchObject({
        name: '周末试听 · 小王',
        parentName: '王女士',
        notes: '孩子八岁，喜欢画画',
        email: 'wang.parent@example.com',
        mobilePhone: '+8613800138000',
        homepage: 'https://example.com/wang',
        seats: 3,
        unitPrice: 128050,
        discount: 15,
        trialDate: '2027-03-06',
        arrivalTime: arrivalMs,
        needsPickup: true,
        grade: 'grade2',
        interests: ['coding', 'music'],
        referredLead: lead.id,
        advisor: advisor.id,
        signedForm: [{ name: '报名表.txt', mime: 'text/plain' }],
        district: '330106',
        total: 384150,
      });
      await page.getByRole('heading', { name: '周末试听 · 小王' }).waitFor();
      expect(page.pageErrors).toEqual([]);
    });
  }, 300_000);
});
