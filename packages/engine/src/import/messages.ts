import { interpolate, type Locale } from '@trellis/rules';

/** Messages of reading and mapping an import file (zh-CN and en). `{name}` from params. */
const importMessages = {
  emptyFile: { 'zh-CN': '文件是空的', en: 'The file is empty' },
  noHeader: {
    'zh-CN': '第 {row} 行没有列名，请指定表头所在的行',
    en: 'Row {row} has no column names; choose the row that holds the header',
  },
  binaryFile: {
    'zh-CN': '无法读取：这不是 CSV 文本文件（请上传 CSV 或 Excel .xlsx 文件）',
    en: 'Cannot read this file: it is not CSV text (upload a CSV or an Excel .xlsx file)',
  },
  badXlsx: {
    'zh-CN': '无法读取 Excel 文件：{reason}',
    en: 'Cannot read the Excel file: {reason}',
  },
  badCsv: {
    'zh-CN': '第 {row} 行无法解析：{reason}',
    en: 'Row {row} cannot be parsed: {reason}',
  },
  unknownEncoding: {
    'zh-CN': '不支持的文件编码“{encoding}”',
    en: 'Unsupported file encoding "{encoding}"',
  },
  noSheet: {
    'zh-CN': '工作簿里没有名为“{sheet}”的工作表',
    en: 'The workbook has no sheet named "{sheet}"',
  },
  unknownFormat: {
    'zh-CN': '不支持的文件类型，请上传 CSV 或 Excel .xlsx 文件',
    en: 'Unsupported file type; upload a CSV or an Excel .xlsx file',
  },
  unknownEntity: {
    'zh-CN': '没有名为“{entity}”的对象',
    en: 'There is no entity "{entity}"',
  },
  badDedupe: {
    'zh-CN': '重复处理方式只能是“跳过”“更新已有记录”或“只新建”',
    en: 'Duplicates must be skipped, update existing records, or be created only',
  },
  noMapping: {
    'zh-CN': '请至少为一列选择要导入的字段',
    en: 'Choose a field for at least one column',
  },
  unknownField: {
    'zh-CN': '字段“{field}”不存在或不能导入',
    en: 'Field "{field}" does not exist or cannot be imported',
  },
  fieldTwice: {
    'zh-CN': '字段“{field}”被选了两次',
    en: 'Field "{field}" is chosen for two columns',
  },
  sameAsRow: {
    'zh-CN': '与第 {row} 行重复',
    en: 'Same as row {row}',
  },
  fileChanged: {
    'zh-CN': '上传的文件已不在，无法继续导入',
    en: 'The uploaded file is gone; the import cannot go on',
  },
  badValueForField: {
    'zh-CN': '“{label}”列的值“{value}”无法识别',
    en: 'Column "{label}": value "{value}" is not recognised',
  },
  notAnOption: {
    'zh-CN': '“{text}”要对应的“{option}”不是字段“{field}”的选项',
    en: '"{text}" is mapped to "{option}", which is not an option of field "{field}"',
  },
  badValues: {
    'zh-CN': '值对应关系应为“文件里的值 → 选项”',
    en: 'The value mapping must map each text of the file to an option',
  },
  valuesNotMapped: {
    'zh-CN': '字段“{field}”没有对应的列，或不是单选/多选字段',
    en: 'Field "{field}" has no column, or is not a select or multiselect field',
  },
} as const;

export type ImportMessageKey = keyof typeof importMessages;

/** The text of an import message in a locale, placeholders filled. */
export function importMessage(
  key: ImportMessageKey,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const m = importMessages[key];
  return interpolate(locale === 'en' ? m.en : m['zh-CN'], params);
}

/** A problem with the file as a whole: the import cannot start. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly key: ImportMessageKey,
    readonly params: Record<string, unknown> = {},
  ) {
    super(importMessage(key, 'en', params));
    this.name = 'ImportFileError';
  }

  /** The message in the caller's language. */
  text(locale: Locale): string {
    return importMessage(this.key, locale, this.params);
  }
}
