import type { WidgetSet } from '../../react/widget-types';
import { DesktopBoolean, DesktopMultiselect, DesktopSelect } from './choice-inputs';
import { FileInput } from './FileInput';
import {
  DesktopActions,
  DesktopFrame,
  DesktopNotice,
  DesktopRoot,
  DesktopSection,
  DesktopUnsupported,
} from './frames';
import { RelationPicker, UserPicker } from './RecordPicker';
import { RegionCascader } from './RegionCascader';
import {
  DesktopDate,
  DesktopDatetime,
  DesktopEmail,
  DesktopFormula,
  DesktopLongtext,
  DesktopMoney,
  DesktopNumber,
  DesktopPhone,
  DesktopText,
  DesktopUrl,
} from './text-inputs';
import './desktop.css';

/** The desktop widget set: Ant Design 6 inputs with its zh-CN / en-US locales, for the web app. */
export const desktopWidgets: WidgetSet = {
  name: 'desktop',
  widgets: {
    text: DesktopText,
    longtext: DesktopLongtext,
    email: DesktopEmail,
    phone: DesktopPhone,
    url: DesktopUrl,
    number: DesktopNumber,
    percent: DesktopNumber,
    money: DesktopMoney,
    date: DesktopDate,
    datetime: DesktopDatetime,
    boolean: DesktopBoolean,
    select: DesktopSelect,
    multiselect: DesktopMultiselect,
    relation: RelationPicker,
    user: UserPicker,
    file: FileInput,
    region: RegionCascader,
    formula: DesktopFormula,
  },
  isGroup: (f) => f.type === 'select' && f.display === 'radio',
  // A row of one-line fields, label and gap included (desktop.css), and the grid's breakpoint.
  rows: { rowHeight: 78, columnsFrom: 768 },
  Unsupported: DesktopUnsupported,
  Frame: DesktopFrame,
  Section: DesktopSection,
  Actions: DesktopActions,
  Notice: DesktopNotice,
  Root: DesktopRoot,
};
