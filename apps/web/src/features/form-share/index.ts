import './messages';

export { FormSharePage } from './components/FormSharePage';
export { PublicFormsPage } from './components/PublicFormsPage';
