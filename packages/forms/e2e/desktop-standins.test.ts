// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage, MountOptions } from './form-page';

const page = pageForFile({ width: 1280, height: 900 });

const mount = (o: MountOptions) =>
  page.evaluate((o) => (window as unknown as { formPage: FormPage }).formPage.mount(o), o);
const submitted = () =>
  page.evaluate(() => (window as unknown as { formPage: FormPage }).formPage.submitted);

/** An option of the open dropdown (options with a color dot carry no title: by their text). */
const option = (text: string) =>
  page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${text}$`) });

/** The box of the widget around the input labelled `label`, as the stylesheet draws it. */
const look = (label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) => {
    const box = input.closest('.ant-input-number, .ant-select, .ant-picker') ?? input;
    const s = getComputedStyle(box);
    const r = box.getBoundingClientRect();
    return {
      height: r.height,
      width: r.width,
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      radius: s.borderTopLeftRadius,
      background: s.backgroundColor,
      font: `${s.fontSize} ${s.color}`,
      live: !box.classList.contains('tf-d-standin'),
    };
  });

// The desktop set mounts number, select and date inputs as stand-ins drawn with Ant Design's
// classes; pointing at one or focusing it swaps in the Ant Design component.
describe('desktop stand-ins (Ant Design static styles)', () => {
  beforeEach(() => mount({ set: 'desktop', locale: 'en' }));

  it('look the same before and after Ant Design takes over', async () => {
    for (const label of ['Age', 'Course', 'Start date']) {
      const { live: wasLive, ...drawn } = await look(label);
      expect(wasLive, label).toBe(false);
      await page.getByLabel(label, { exact: true }).hover();
      await expect
        .poll(async () => ({ label, live: (await look(label)).live }))
        .toEqual({
          label,
          live: true,
        });
      await page.mouse.move(0, 0); // the hover border is not part of the resting look
      // Ant Design fades its border back: compared once the transition has run.
      await expect
        .poll(async () => {
          const { live: _live, ...real } = await look(label);
          return { label, ...real };
        })
        .toEqual({ label, ...drawn });
    }
    // A text input is Ant Design's <input> itself: as tall as its other inputs.
    expect((await look('Name')).height).toBe((await look('Age')).height);
    // An email or phone input is one too, with its keyboard and autofill hints and no type
    // (text-inputs.tsx: a type set after the input is made has Chromium build it again).
    for (const [label, hint] of [
      ['Email', 'email'],
      ['Phone', 'tel'],
    ] as const) {
      const input = page.getByLabel(label, { exact: true });
      expect(
        await input.evaluate((el: HTMLInputElement) => [
          el.getAttribute('type'),
          el.inputMode,
          el.autocomplete,
          el.classList.contains('ant-input'),
        ]),
        label,
      ).toEqual([null, hint, hint, true]);
      expect((await look(label)).height, label).toBe((await look('Age')).height);
    }
  });

  it('shows the placeholder the live date picker shows, in the form language', async () => {
    await mount({ set: 'desktop', locale: 'zh-CN' });
    const start = page.getByLabel('开课日期', { exact: true });
    expect(await start.getAttribute('placeholder')).toBe('请选择日期');
    await start.hover();
    await expect.poll(async () => (await look('开课日期')).live).toBe(true);
    expect(await start.getAttribute('placeholder')).toBe('请选择日期');
  });

  it('a pointer that rests on a select wakes it, so the click opens its list', async () => {
    const course = page.getByLabel('Course', { exact: true });
    expect(await course.getAttribute('aria-controls')).toBeNull(); // a stand-in at first
    await course.hover();
    await expect.poll(async () => (await look('Course')).live).toBe(true);
    await course.click();
    await expect.poll(() => course.getAttribute('aria-expanded')).toBe('true');
    await option('Python').click();
    await expect
      .poll(() => page.locator('.ant-select', { has: course }).innerText())
      .toBe('Python');
    await page.getByLabel('Name', { exact: true }).fill('Li Lei');
    await page.getByLabel('Phone', { exact: true }).fill('138 0013 8000');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(submitted).toMatchObject({ course: 'python', name: 'Li Lei' });
  });

  it('a click that lands on a stand-in (no resting pointer) opens the list or calendar', async () => {
    // The pointer arrives and presses at once: the press reaches the stand-in, not the live one.
    const press = async (label: string) => {
      const box = (await page.getByLabel(label, { exact: true }).boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    const course = page.getByLabel('Course', { exact: true });
    await press('Course');
    await expect.poll(() => course.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await course.getAttribute('id'),
    );
    await option('Design').click();
    await expect.poll(() => course.getAttribute('aria-expanded')).toBe('false');

    const start = page.getByLabel('Start date', { exact: true });
    await press('Start date');
    await expect
      .poll(() => page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').count())
      .toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await start.getAttribute('id'),
    );
    await page.keyboard.type('2026-03-02');
    await page.keyboard.press('Enter');
    await page.getByLabel('Name', { exact: true }).fill('Li Lei');
    await page.getByLabel('Phone', { exact: true }).fill('138 0013 8000');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(submitted).toMatchObject({ course: 'design', startDate: '2026-03-02' });
  });

  it('keyboard focus moves into the live widget, which takes the typing', async () => {
    await page.getByLabel('Budget', { exact: true }).focus();
    await page.keyboard.press('Tab'); // into Age, a stand-in until now
    const active = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        live: document.activeElement
          ?.closest('.ant-input-number')
          ?.querySelector('.ant-input-number-actions')
          ? true
          : false,
      }));
    await expect.poll(active).toMatchObject({ live: true });
    expect((await active()).id).toBe(
      await page.getByLabel('Age', { exact: true }).getAttribute('id'),
    );
    await page.keyboard.type('42');
    await page.getByLabel('Name', { exact: true }).fill('Li Lei');
    await page.getByLabel('Phone', { exact: true }).fill('138 0013 8000');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(submitted).toMatchObject({ age: 42 });
  });

  it('a closed form leaves its look registered: the next one writes no style, looks the same', async () => {
    const drawn = await look('Age');
    const styleWrites = await page.evaluate(async () => {
      const fp = (window as unknown as { formPage: FormPage }).formPage;
      await fp.nextFrame(); // after its first paint the form has handed its look over
      fp.unmount();
      const writes: string[] = [];
      const note = (records: MutationRecord[]) => {
        for (const r of records)
          for (const n of [...r.addedNodes, ...r.removedNodes])
            if (n.nodeName === 'STYLE') writes.push((n as HTMLStyleElement).textContent ?? '');
      };
      const watch = new MutationObserver(note);
      watch.observe(document.head, { childList: true, subtree: true, characterData: true });
      fp.mount({ set: 'desktop', locale: 'en' });
      await fp.nextFrame();
      note(watch.takeRecords());
      watch.disconnect();
      return writes.map((w) => w.slice(0, 80));
    });
    expect(styleWrites).toEqual([]);
    expect(await look('Age')).toEqual(drawn);
  });

  it('keeps labels, required marks and errors on stand-ins (and focus on the first error)', async () => {
    const age = page.getByLabel('Age', { exact: true });
    await page.getByRole('button', { name: 'Submit' }).click();
    // Name is the first error: a text input, focused in place.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('name');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await age.getAttribute('role')).toBe('spinbutton');
    expect(await page.getByLabel('Course', { exact: true }).getAttribute('role')).toBe('combobox');
    expect(await page.getByText('"Name" is required').count()).toBe(1);
  });
});
