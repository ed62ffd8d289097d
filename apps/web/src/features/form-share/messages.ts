import { addFeatureStrings } from '../../lib/i18n/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// The share page's strings, in their own namespace so the feature stays in its folder.
export const NS = 'formShare';
addFeatureStrings(NS, { 'zh-CN': zhCN, en });
