import type { WidgetSet } from '../../react/widget-types';
import { LightBoolean, LightMultiselect, LightSelect, selectAsRadios } from './choice-inputs';
import { LightActions, LightFrame, LightNotice, LightSection, LightUnsupported } from './frames';
import { RegionSelect } from './RegionSelect';
import {
  LightDate,
  LightDatetime,
  LightEmail,
  LightFormula,
  LightLongtext,
  LightMoney,
  LightNumber,
  LightPhone,
  LightText,
  LightUrl,
} from './text-inputs';
import './light.css';

/**
 * The light widget set: plain elements and one small stylesheet, for the public phone page
 * (no component library). Record, user and file pickers need an account: not offered.
 */
export const lightWidgets: WidgetSet = {
  name: 'light',
  widgets: {
    text: LightText,
    longtext: LightLongtext,
    email: LightEmail,
    phone: LightPhone,
    url: LightUrl,
    number: LightNumber,
    percent: LightNumber,
    money: LightMoney,
    date: LightDate,
    datetime: LightDatetime,
    boolean: LightBoolean,
    select: LightSelect,
    multiselect: LightMultiselect,
    region: RegionSelect,
    formula: LightFormula,
  },
  // A row of radios (a text field's is 94 px), label and gap included (light.css), and the
  // grid's breakpoint.
  rows: { rowHeight: 92, columnsFrom: 640 },
  isGroup: (f) => f.type === 'multiselect' || f.type === 'region' || selectAsRadios(f),
  Unsupported: LightUnsupported,
  Frame: LightFrame,
  Section: LightSection,
  Actions: LightActions,
  Notice: LightNotice,
};
