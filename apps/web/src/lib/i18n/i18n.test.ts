import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { addFeatureStrings, initI18n } from './i18n';

describe('addFeatureStrings', () => {
  it('keeps the strings of a feature loaded before i18next is initialised (a page opened by its address)', async () => {
    expect(i18next.isInitialized).toBeFalsy();
    // The router loads the page's chunk while the shared strings are still on their way.
    expect(() =>
      addFeatureStrings('early', { 'zh-CN': { hello: '你好' }, en: { hello: 'Hello' } }),
    ).not.toThrow();
    // initI18n sets the page's language (no DOM in this test).
    vi.stubGlobal('document', { documentElement: {} });
    await initI18n();
    vi.unstubAllGlobals();
    expect(i18next.t('hello', { ns: 'early', lng: 'en' })).toBe('Hello');
    expect(i18next.t('hello', { ns: 'early', lng: 'zh-CN' })).toBe('你好');
    // A feature loaded afterwards is added at once.
    addFeatureStrings('late', { 'zh-CN': { bye: '再见' }, en: { bye: 'Bye' } });
    expect(i18next.t('bye', { ns: 'late', lng: 'en' })).toBe('Bye');
  });
});
