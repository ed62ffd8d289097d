type Schema = Record<string, unknown>;

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer' };
const obj = (properties: Record<string, unknown>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
});
const ref = (name: string) => ({ $ref: `#/components/schemas/sys.${name}` });
const UNITS = ['count', 'money', 'number', 'ratio', 'days', 'multiple'];
const WIDGET = { key: str, type: str, title: str, span: int };

/** Components of the dashboard endpoints (docs/reports.md), merged into the fixed ones. */
export const REPORT_COMPONENTS: Record<string, Schema> = {
  /** A number and the JSONLogic filter of the records behind it (ANDed with the reader's scope). */
  ReportNumber: obj(
    {
      value: { type: ['number', 'null'] },
      filter: { description: 'JSONLogic selecting exactly the records behind the number' },
    },
    ['value'],
  ),
  /** A row of a widget: a group (an owner, a stage, a channel…) and its numbers. */
  ReportRow: obj(
    {
      key: str,
      label: str,
      values: { type: 'object', additionalProperties: ref('ReportNumber') },
      unit: { enum: UNITS },
      flag: { type: 'boolean' },
    },
    ['key', 'label', 'values'],
  ),
  WidgetReport: obj(
    {
      ...WIDGET,
      entity: strOrNull,
      columns: {
        type: 'array',
        items: obj(
          {
            key: str,
            label: str,
            unit: { enum: UNITS },
            period: obj({ from: strOrNull, to: strOrNull }, ['from', 'to']),
          },
          ['key', 'label', 'unit'],
        ),
      },
      rows: { type: 'array', items: ref('ReportRow') },
      unowned: {
        ...ref('ReportRow'),
        description:
          "A leaderboard's records without an owner: not ranked among `rows`, not counted in its limit",
      },
      period: obj({ from: strOrNull, to: strOrNull, previous: {} }, ['from', 'to']),
      note: str,
    },
    ['key', 'type', 'title', 'columns', 'rows', 'period'],
  ),
  DashboardSummary: obj(
    {
      key: str,
      label: str,
      description: strOrNull,
      default: { type: 'boolean' },
      widgets: { type: 'array', items: obj(WIDGET, ['key', 'type', 'title']) },
    },
    ['key', 'label', 'widgets'],
  ),
};

export const REPORT_RESPONSES: Record<string, Schema> = {
  'get /api/v1/dashboards': obj({ dashboards: { type: 'array', items: ref('DashboardSummary') } }, [
    'dashboards',
  ]),
  'get /api/v1/dashboards/{key}': obj(
    {
      key: str,
      label: str,
      description: strOrNull,
      widgets: { type: 'array', items: ref('WidgetReport') },
    },
    ['key', 'label', 'widgets'],
  ),
  'get /api/v1/dashboards/{key}/widgets/{widget}': ref('WidgetReport'),
  'post /api/v1/dashboards/preview': {
    allOf: [
      ref('WidgetReport'),
      obj({ readers: { type: 'array', items: str, description: 'Roles that may open it' } }, [
        'readers',
      ]),
    ],
  },
};
