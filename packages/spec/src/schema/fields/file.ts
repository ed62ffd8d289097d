import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { fieldSchema } from './base';
import { compact } from './types';
import type { FieldTypeDef } from './types';

export const FileFieldSchema = fieldSchema(
  'file',
  {
    multiple: Type.Optional(Type.Boolean({ description: 'Several files. Default false.' })),
    maxFiles: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description: 'Most files when multiple. Default 10.',
      }),
    ),
    maxSizeMb: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1024,
        description: 'Largest file size in megabytes. Default 20.',
      }),
    ),
    accept: Type.Optional(
      Type.Array(
        Type.String({
          pattern: '^([a-z]+/([a-z0-9.+-]+|\\*)|\\.[a-z0-9]+)$',
          description: 'A MIME type ("application/pdf", "image/*") or an extension (".xlsx").',
        }),
        {
          minItems: 1,
          description: 'File kinds accepted. Default any.',
        },
      ),
    ),
  },
  'uploaded files (documents, photos).',
);
export type FileFieldSpec = Static<typeof FileFieldSchema>;

const FILE_REF = {
  type: 'object',
  required: ['id', 'name', 'size', 'mime'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 0 },
    mime: { type: 'string' },
  },
};

export const fileType: FieldTypeDef<FileFieldSpec> = {
  type: 'file',
  label: { 'zh-CN': '附件', en: 'File' },
  settingsSchema: FileFieldSchema,
  valueSchema: (f) =>
    compact({ type: 'array', items: FILE_REF, maxItems: f.multiple ? (f.maxFiles ?? 10) : 1 }),
  logicType: () => 'json',
  identity: false,
  title: false,
  stored: () => true,
};
