// The libraries behind two kinds of cell text, in a chunk of their own (cell-formats.ts loads
// it beside a page's data, not before its first rows): libphonenumber with its metadata and the
// GB/T 2260 region list.
export { formatPhone } from '@trellis/rules';
export { regionPath } from '@trellis/spec';
