import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import {
  CAMEL_KEY,
  keyedRecord,
  camelKey,
  closed,
  Duration,
  IntakeMode,
  kebabKey,
  label,
  Logic,
  optLabel,
  stringEnum,
} from './common';

export const CAPTURE_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
  'referrer',
  'landing_url',
] as const;

export const FormFieldSchema = closed(
  {
    field: camelKey('Key of the entity field placed here.'),
    label: optLabel('Overrides the field label in this form.'),
    help: optLabel('Help text under the input in this form.'),
    placeholder: optLabel('Placeholder in this form.'),
    visibleIf: Type.Optional(
      Logic('Show the input only when this holds for the values entered so far.'),
    ),
    requiredIf: Type.Optional(Logic('Require a value when this holds.')),
    readOnlyIf: Type.Optional(Logic('Make the input read-only when this holds.')),
    span: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 4,
        description: 'How many columns of the section the input spans. Default 1.',
      }),
    ),
  },
  { description: 'A field placed in a form, with form-specific conditions and texts.' },
);
export type FormFieldSpec = Static<typeof FormFieldSchema>;

export const FormSectionSchema = closed(
  {
    key: Type.Optional(camelKey('Optional section key (for links and tests).')),
    title: optLabel('Section heading.'),
    description: optLabel('Text under the heading.'),
    columns: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 4,
        description: 'Number of input columns on wide screens (phones always use one). Default 1.',
      }),
    ),
    visibleIf: Type.Optional(Logic('Show the whole section only when this holds.')),
    fields: Type.Array(
      Type.Union([camelKey('Key of the entity field placed here.'), FormFieldSchema], {
        description: 'A field key, or a placement object with conditions.',
      }),
      {
        minItems: 1,
        description: 'The inputs of the section, in order.',
      },
    ),
  },
  { description: 'A group of inputs with an optional heading.' },
);
export type FormSectionSpec = Static<typeof FormSectionSchema>;

export const FormSchema = closed(
  {
    key: kebabKey('Form key, unique in the spec.'),
    entity: camelKey('Key of the entity whose records this form creates or edits.'),
    label: label('Form name.'),
    description: optLabel('Text shown at the top of the form.'),
    public: Type.Optional(
      Type.Boolean({
        description:
          'Anyone with the link can submit it without logging in (intake form). Default false.',
      }),
    ),
    slug: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9-]*$',
        maxLength: 64,
        description: 'Public link path /f/<slug>; required and unique for public forms.',
      }),
    ),
    sections: Type.Array(FormSectionSchema, {
      minItems: 1,
      description: 'The sections of the form, in order.',
    }),
    capture: Type.Optional(
      Type.Array(
        stringEnum(
          CAPTURE_PARAMS,
          'A URL parameter or request attribute recorded with the submission.',
        ),
        {
          uniqueItems: true,
          description:
            'Attribution data captured from the link (UTM parameters, referrer, landing URL) into touches.',
        },
      ),
    ),
    captureInto: Type.Optional(
      closed(
        Object.fromEntries(
          CAPTURE_PARAMS.map((p) => [
            p,
            Type.Optional(
              camelKey(
                `Text or select field that receives the captured ${p} when the submission leaves it empty (a select field takes the option whose value or alias matches).`,
              ),
            ),
          ]),
        ),
        {
          description:
            'Captured parameters copied into fields of the record, e.g. {"utm_campaign": "campaignCode", "utm_source": "source"}: filled only when the submission (or, on a merge, the existing record) has no value, and before the form\'s defaults (a visitor from utm_source=douyin is a Douyin lead even on a form whose default source is the website); a value the field refuses is dropped, not the submission. Each parameter must be listed in capture.',
        },
      ),
    ),
    defaults: Type.Optional(
      keyedRecord(
        CAMEL_KEY,
        Type.Unknown({ description: 'Value of the field, as a record holds it.' }),
        'Field values set on every submission when neither the submission nor a captured parameter (captureInto) gives one, e.g. {"source": "website"}.',
      ),
    ),
    mode: Type.Optional(
      IntakeMode('What a public submission does when it matches an existing record.'),
    ),
    alertAfter: Type.Optional(
      Duration(
        'Public forms: Tell the people who manage intake when no lead has arrived through this source for this long (a campaign whose leads silently stop must not go unnoticed for days). Off when absent.',
      ),
    ),
    successMessage: optLabel('Message shown after a successful submission.'),
    submitLabel: optLabel('Text of the submit button. Default "提交" / "Submit".'),
    redirectUrl: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description: 'Page opened after a successful public submission instead of the message.',
      }),
    ),
  },
  {
    description:
      'A form for creating or editing records of one entity; public forms collect leads.',
  },
);
export type FormSpec = Static<typeof FormSchema>;
