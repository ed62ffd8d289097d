import { openDatabase, syncEntityTables } from '../src/sync-sqlite';
import type { AppShape, EntityShape } from '../src/index';
import type { StoreDb } from '../src/sync-sqlite';

/** A lead entity like the education template's, covering every storage class. */
export const leadEntity: EntityShape = {
  key: 'lead',
  titleField: 'name',
  identity: [['phone'], ['email']],
  fields: [
    { key: 'name', type: 'text', required: true },
    { key: 'phone', type: 'phone' },
    { key: 'email', type: 'email' },
    { key: 'city', type: 'region', indexed: true },
    {
      key: 'source',
      type: 'select',
      options: [{ value: 'douyin' }, { value: 'wechat' }, { value: 'website' }],
    },
    { key: 'tags', type: 'multiselect', options: [{ value: 'vip' }, { value: 'hot' }] },
    { key: 'budget', type: 'money' },
    { key: 'age', type: 'number' },
    { key: 'vip', type: 'boolean' },
    { key: 'birthday', type: 'date' },
    { key: 'nextCallAt', type: 'datetime' },
    { key: 'notes', type: 'longtext' },
    { key: 'attachments', type: 'file', multiple: true },
  ],
};

export const baseSpec: AppShape = {
  entities: [leadEntity],
  teams: [{ key: 'tech', label: { 'zh-CN': '技术', en: 'Tech' } }],
};

/** A fresh in-memory database with the entity tables of `spec` created. */
export function memoryDb(spec: AppShape = baseSpec): StoreDb {
  const db = openDatabase(':memory:');
  syncEntityTables(db, spec);
  return db;
}
