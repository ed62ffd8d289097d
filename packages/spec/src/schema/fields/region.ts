import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { stringEnum } from '../common';
import { fieldSchema } from './base';
import type { FieldTypeDef } from './types';

export const RegionFieldSchema = fieldSchema(
  'region',
  {
    level: Type.Optional(
      stringEnum(
        ['province', 'city', 'district'],
        'Deepest level picked in the cascader: "province", "city" or "district" (default).',
      ),
    ),
    default: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{5}$',
        description: 'GB/T 2260 code given to new records, e.g. "330100".',
      }),
    ),
  },
  'a place in mainland China picked as province / city / district (GB/T 2260 codes).',
);
export type RegionFieldSpec = Static<typeof RegionFieldSchema>;

export const regionType: FieldTypeDef<RegionFieldSpec> = {
  type: 'region',
  label: { 'zh-CN': '省市区', en: 'Region' },
  settingsSchema: RegionFieldSchema,
  // The code of the deepest level picked; e.g. a province code ends in 0000. The engine checks the code exists.
  valueSchema: () => ({ type: 'string', pattern: '^[1-9][0-9]{5}$' }),
  logicType: () => 'text',
  identity: false,
  title: false,
  stored: () => true,
};
