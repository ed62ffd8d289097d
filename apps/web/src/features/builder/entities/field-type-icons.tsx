import type { ReactNode } from 'react';
import {
  CalculatorOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DollarOutlined,
  EnvironmentOutlined,
  FieldNumberOutlined,
  FileTextOutlined,
  FontSizeOutlined,
  LinkOutlined,
  MailOutlined,
  NodeIndexOutlined,
  PaperClipOutlined,
  PercentageOutlined,
  PhoneOutlined,
  TagOutlined,
  TagsOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { FieldType } from '@trellis/spec';

/** The icon of each field type in the builder (the type registry's UI half in the builder). */
export const FIELD_TYPE_ICONS: Record<FieldType, ReactNode> = {
  text: <FontSizeOutlined />,
  longtext: <FileTextOutlined />,
  email: <MailOutlined />,
  phone: <PhoneOutlined />,
  url: <LinkOutlined />,
  number: <FieldNumberOutlined />,
  money: <DollarOutlined />,
  percent: <PercentageOutlined />,
  date: <CalendarOutlined />,
  datetime: <ClockCircleOutlined />,
  boolean: <CheckSquareOutlined />,
  select: <TagOutlined />,
  multiselect: <TagsOutlined />,
  relation: <NodeIndexOutlined />,
  user: <UserOutlined />,
  file: <PaperClipOutlined />,
  region: <EnvironmentOutlined />,
  formula: <CalculatorOutlined />,
};
