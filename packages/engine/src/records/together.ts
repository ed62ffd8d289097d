// The store's pipelined writes and the engine's units share one way of waiting for them all.
export { together } from '@trellis/store';
