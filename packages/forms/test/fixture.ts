import type { AppSpec } from '@trellis/spec';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A lead entity with the field types a form meets, a gated pipeline and an intake form with conditions. */
export const formsApp: AppSpec = {
  specVersion: 1,
  name: l('测试', 'Test'),
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [
    {
      key: 'lead',
      label: l('线索', 'Lead'),
      titleField: 'name',
      identity: [['phone']],
      fields: [
        { key: 'name', type: 'text', label: l('姓名', 'Name'), required: true, maxLength: 50 },
        {
          key: 'phone',
          type: 'phone',
          label: l('手机', 'Phone'),
          required: true,
          defaultRegion: 'CN',
        },
        { key: 'email', type: 'email', label: l('邮箱', 'Email') },
        {
          key: 'course',
          type: 'select',
          label: l('课程', 'Course'),
          options: [
            { value: 'python', label: l('Python 开发', 'Python'), color: '#1677ff' },
            { value: 'design', label: l('平面设计', 'Design'), color: '#eb2f96' },
            { value: 'data', label: l('数据分析', 'Data analysis') },
          ],
        },
        { key: 'budget', type: 'money', label: l('预算', 'Budget'), currency: 'CNY', min: 0 },
        { key: 'age', type: 'number', label: l('年龄', 'Age'), integer: true, min: 3, max: 99 },
        { key: 'city', type: 'region', label: l('城市', 'City'), level: 'city' },
        { key: 'startDate', type: 'date', label: l('开课日期', 'Start date') },
        { key: 'vip', type: 'boolean', label: l('VIP', 'VIP') },
        {
          key: 'tags',
          type: 'multiselect',
          label: l('标签', 'Tags'),
          options: [
            { value: 'hot', label: l('热', 'Hot') },
            { value: 'parent', label: l('家长', 'Parent') },
          ],
        },
        { key: 'notes', type: 'longtext', label: l('备注', 'Notes') },
        {
          key: 'lossReason',
          type: 'select',
          label: l('流失原因', 'Loss reason'),
          options: [{ value: 'price', label: l('价格', 'Price') }],
        },
        {
          key: 'budgetYuan',
          type: 'formula',
          label: l('预算（元）', 'Budget (yuan)'),
          resultType: 'number',
          expression: {
            if: [{ '==': [{ var: 'budget' }, null] }, null, { '/': [{ var: 'budget' }, 100] }],
          },
        },
      ],
    },
  ],
  pipelines: [
    {
      key: 'sales',
      entity: 'lead',
      label: l('销售', 'Sales'),
      lossReasonField: 'lossReason',
      stages: [
        { key: 'new', label: l('新线索', 'New'), category: 'open' },
        {
          key: 'qualified',
          label: l('已确认', 'Qualified'),
          category: 'open',
          requires: ['budget', 'course'],
        },
        { key: 'lost', label: l('流失', 'Lost'), category: 'lost' },
      ],
    },
  ],
  forms: [
    {
      key: 'apply',
      entity: 'lead',
      public: true,
      slug: 'apply',
      label: l('免费试听报名', 'Free trial sign-up'),
      sections: [
        {
          title: l('联系方式', 'Contact'),
          fields: [
            { field: 'phone', help: l('顾问 24 小时内联系您', 'An advisor calls within 24 hours') },
            'name',
            'course',
            {
              field: 'budget',
              visibleIf: { '==': [{ var: 'course' }, 'python'] },
              requiredIf: { '==': [{ var: 'course' }, 'python'] },
            },
            'budgetYuan',
            'city',
          ],
        },
      ],
    },
  ],
};
