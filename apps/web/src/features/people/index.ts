import { addFeatureStrings } from '../../lib/i18n/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// The page's strings travel with its chunk (namespace "people").
addFeatureStrings('people', { 'zh-CN': zhCN, en });

export { PeoplePage } from './components/PeoplePage';
