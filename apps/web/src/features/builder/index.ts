import { addFeatureStrings } from '../../lib/i18n/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// The builder's strings travel with its chunk (namespace "builder"), not with the app shell.
addFeatureStrings('builder', { 'zh-CN': zhCN, en });

export { BuilderPage } from './shell/BuilderPage';
