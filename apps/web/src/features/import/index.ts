import { addFeatureStrings } from '../../lib/i18n/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// The wizard's strings travel with its chunk (namespace "import").
addFeatureStrings('import', { 'zh-CN': zhCN, en });

export { ImportPage } from './components/ImportPage';
