import type { ComponentType, ReactNode } from 'react';
import type { Locale, RuleEnv } from '@trellis/rules';
import type { FieldSpec, FieldType } from '@trellis/spec';
import type { RowMeasure } from '../core/first-screen';

/** A record another record points to, as a picker lists it. */
export type RecordOption = { id: string; title: string };
/** A stored file as a file field holds it. */
export type FileRef = { id: string; name: string; size?: number; mime?: string };

/**
 * What the form asks of its host for inputs that need the server: relation and user pickers
 * search through it, file inputs upload through it. The form works without (those inputs say
 * they cannot be filled here), so it can be previewed and measured alone.
 */
export type FormServices = {
  searchRecords?(entity: string, query: string): Promise<RecordOption[]>;
  recordTitles?(entity: string, ids: string[]): Promise<RecordOption[]>;
  searchUsers?(query: string): Promise<RecordOption[]>;
  userNames?(ids: string[]): Promise<RecordOption[]>;
  upload?(file: File): Promise<FileRef>;
  /** Region data that loads on demand (public pages); absent: the rules env has it all. */
  loadRegions?(province: string): Promise<void>;
};

/** Anything that takes focus: an element or a component handle (Ant Design's refs). */
export type Focusable = { focus(options?: FocusOptions): void };

/** Props every widget gets: one field's value and how to change it, plus its accessibility wiring. */
export type WidgetProps = {
  id: string;
  field: FieldSpec;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  /** Take focus when mounted (a widget swapped in for a focused stand-in). */
  autoFocus?: boolean;
  /** Attach to the focusable element or component (focus on the first error). */
  attachInput(el: Focusable | null): void;
  readOnly: boolean;
  required: boolean;
  invalid: boolean;
  /** Ids of the help and error texts, for aria-describedby. */
  describedBy: string | undefined;
  placeholder: string | undefined;
  /** The field label, for inputs that need an accessible name of their own (groups). */
  label: string;
  locale: Locale;
  env: RuleEnv;
  services: FormServices;
};

export type Widget = ComponentType<WidgetProps>;

/** The frame around one input: label, required mark, help, error, layout span. */
export type FieldFrameProps = {
  id: string;
  label: string;
  required: boolean;
  readOnly: boolean;
  help: string | undefined;
  helpId: string;
  error: string | undefined;
  errorId: string;
  span: number;
  /** Widgets that render a group (radios, checkboxes) label it themselves with a legend. */
  group: boolean;
  /**
   * The field comes after what a first screen shows (`firstScreenFields`): the set marks its
   * root `data-tf-field="far"` (a field on the first screen: `data-tf-field=""`) and may leave
   * it undrawn (`content-visibility: auto`) until the form marks it `data-tf-drawn`, a few
   * frames after it rendered (`useDrawAhead`).
   */
  far: boolean;
  locale: Locale;
  children: ReactNode;
};

export type SectionFrameProps = {
  title: string | undefined;
  description: string | undefined;
  columns: number;
  children: ReactNode;
};

export type ActionsProps = { label: string; busy: boolean; disabled: boolean; locale: Locale };

export type NoticeProps = {
  kind: 'error' | 'info';
  children: ReactNode;
  action?: { label: string; onClick(): void };
};

/**
 * A widget set: one input per field type plus the frames around them. The desktop set renders
 * Ant Design, the light set plain elements for the public phone page; RecordForm is the same.
 */
export type WidgetSet = {
  name: string;
  widgets: Partial<Record<FieldType, Widget>>;
  /** Whether a field's widget renders a group of inputs (framed as fieldset/legend), not one input. */
  isGroup?(field: FieldSpec): boolean;
  Unsupported: Widget;
  Frame: ComponentType<FieldFrameProps>;
  Section: ComponentType<SectionFrameProps>;
  Actions: ComponentType<ActionsProps>;
  Notice: ComponentType<NoticeProps>;
  /**
   * The height of its rows and the width its columns start at: a form sizes its first screen
   * from the window with them (`firstScreenFields`); without, 24 fields.
   */
  rows?: RowMeasure;
  /** Wraps the whole form (the desktop set sets Ant Design's locale here). */
  Root?: ComponentType<{ locale: Locale; children: ReactNode }>;
};
