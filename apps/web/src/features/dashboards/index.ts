import { addFeatureStrings } from '../../lib/i18n/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

addFeatureStrings('dashboards', { 'zh-CN': zhCN, en });

export { DashboardPage } from './components/DashboardPage';
