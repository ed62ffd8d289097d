export {};
export * from './permissions';
