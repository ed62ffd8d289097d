// Regenerates the committed import test files: `npx tsx test-data/import/make-test-data.ts`.
// They are committed so the tests read the same bytes a user's Excel would upload.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

const dir = import.meta.dirname;

// As Excel (zh-CN Windows) saves "CSV (逗号分隔)": GBK, CRLF, no BOM, quotes only where needed.
const leadsCsv = [
  '姓名,手机号,微信号,来源渠道,意向课程,所在城市,年龄,首次接触时间,备注',
  '张伟,138 0013 8000,zw_2024,抖音,Python编程,北京,28,2026/3/5 14:30,"想周末上课,预算有限"',
  '李娜,+86-139-1234-5678,,公众号,数据分析,上海,31,2026/3/6 9:05,',
  '王芳,1391234567,,官网,UI设计,杭州,二十,2026/3/7 10:00,手机号少一位',
  '刘洋,(0086)13700137000,,转介绍,Java开发,深圳,24,2026/3/8 16:45,',
  '张伟,13800138000,,抖音,Python编程,北京,28,,同一人第二次登记',
  '陈静,13600136000,,小红书,产品经理,广州,35,,',
  '赵磊,186-0018-6000,zhaolei_pm,400电话,产品经理,成都,41,2026-03-09 11:00,"=HYPERLINK(""http://evil.example"",""点我"")"',
  '',
].join('\r\n');
writeFileSync(join(dir, 'leads-gbk.csv'), iconv.encode(leadsCsv, 'gbk'));
writeFileSync(
  join(dir, 'leads-utf8-bom.csv'),
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(leadsCsv)]),
);
writeFileSync(join(dir, 'empty.csv'), '');
// A PNG header and some of its bytes, named .csv.
writeFileSync(
  join(dir, 'picture.csv'),
  Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff610000000173524742' +
      '00aece1ce90000004449444154789c63f8ffff3f0325c0c4c0c0c0f09f8181818101e2c1a6c4f0ff3f03',
    'hex',
  ),
);

async function workbook(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('线索登记');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '2026年3月 线索登记表';
  // Two header rows: 姓名/来源/日期 merged down, 联系方式 merged across 手机号 + 邮箱.
  ws.mergeCells('A2:A3');
  ws.getCell('A2').value = '姓名';
  ws.mergeCells('B2:C2');
  ws.getCell('B2').value = '联系方式';
  ws.getCell('B3').value = '手机号';
  ws.getCell('C3').value = '邮箱';
  ws.mergeCells('D2:D3');
  ws.getCell('D2').value = '来源渠道';
  ws.mergeCells('E2:E3');
  ws.getCell('E2').value = '首次接触时间';
  ws.mergeCells('F2:F3');
  ws.getCell('F2').value = '年龄';
  const rows: [string, string | number, string, string, Date | number | string, number][] = [
    [
      '周杰',
      13900139000,
      'zhoujie@example.com',
      '抖音',
      new Date(Date.UTC(2026, 2, 5, 14, 30)),
      22,
    ],
    ['吴敏', '139 0139 0001', '', '线下活动', new Date(Date.UTC(2026, 2, 6, 9, 0)), 30],
    ['郑凯', '13900139002', 'not-an-email', '官网', 46090.5, 27],
    ['孙丽', '13900139003', '', '转介绍', '2026/3/8 16:45', 33],
  ];
  rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    row.values = r;
    row.getCell(5).numFmt = 'yyyy/m/d h:mm';
  });
  const notes = wb.addWorksheet('说明');
  notes.getCell('A1').value = '填写说明：手机号必填';
  await wb.xlsx.writeFile(join(dir, 'leads-merged.xlsx'));
}

await workbook();

// Stored in the order that broke ExcelJS's streaming reader (exceljs#3064): the relationships and
// shared strings before the sheets, the workbook part (sheet names, date system) last; the sheets
// stored against their tab order. 2,000 rows of Chinese shared strings (about 200 kB) cross many
// chunk boundaries of the unzipped stream; the workbook uses the 1904 date system.
const PART_LAST_ROWS = 2000;
async function workbookPartLast(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('线索');
  ws.addRow(['姓名', '手机号', '来源渠道', '首次接触时间', '备注']);
  for (let i = 0; i < PART_LAST_ROWS; i++) {
    const row = ws.addRow([
      `学员${i}号`,
      `139${String(i).padStart(8, '0')}`,
      '抖音',
      new Date(Date.UTC(2026, 2, 5, 14, 30 + (i % 60))),
      `第${i}位学员想了解周末班的课程安排、上课地点和分期付款`,
    ]);
    row.getCell(4).numFmt = 'yyyy/m/d h:mm';
  }
  wb.addWorksheet('说明').getCell('A1').value = '填写说明：手机号必填';
  const written = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const first = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
    'xl/worksheets/sheet2.xml',
    'xl/worksheets/sheet1.xml',
  ];
  const files = Object.values(written.files).filter((f) => !f.dir);
  const order = [
    ...first,
    ...files.map((f) => f.name).filter((n) => !first.includes(n) && n !== 'xl/workbook.xml'),
    'xl/workbook.xml',
  ];
  // JSZip stores files in the order they are added.
  const out = new JSZip();
  for (const name of order)
    out.file(name, await written.file(name)!.async('uint8array'), {
      date: new Date(Date.UTC(2026, 2, 1)),
    });
  writeFileSync(
    join(dir, 'leads-workbook-last.xlsx'),
    await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
  );
}

await workbookPartLast();
