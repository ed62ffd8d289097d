// The create form's own entry: `/records/:entity/new` loads the form runtime; the record page
// (the feature's index) loads it only when a record is edited or a refused move asks for fields.
export { CreateRecordPage } from './components/CreateRecordPage';
