export * from './schema/index';
export * from './helpers';
