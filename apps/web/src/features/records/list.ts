// The list's own entry: the route of `/records/:entity` loads this, not the feature's index,
// whose record page and create form (the form runtime, its validator, date picker, regions,
// upload) the list does not need to show its rows. They load after the rows show.
export { RecordListPage } from './components/RecordListPage';
