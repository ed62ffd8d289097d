import { addFeatureStrings } from '../../lib/i18n/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// The pages' strings travel with their chunk (namespace "ownership").
addFeatureStrings('ownership', { 'zh-CN': zhCN, en });

export { MyHandoversPage } from './components/MyHandoversPage';
export { PoolPage } from './components/PoolPage';
export { RepLeavesPage } from './components/RepLeavesPage';
