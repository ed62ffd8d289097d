import i18next from 'i18next';

// The share page's strings, in their own namespace so the feature stays in its folder.
const zhCN = {
  title: '分享表单',
  loading: '正在加载表单…',
  notFound: '没有这个公开表单，或它已停用。',
  link: '表单链接',
  linkHelp: '发到微信群、朋友圈或短信；访客不用登录即可填写。',
  channel: '渠道（utm_source）',
  channelHelp: '填了之后，通过这个链接或二维码来的线索会记下渠道，例如 poster、douyin。',
  campaign: '活动（utm_campaign）',
  copy: '复制',
  copied: '已复制',
  open: '打开',
  qr: '二维码',
  qrHelp: '打印在海报、易拉宝或传单上，扫码即可在手机上填写。',
  download: '下载 PNG',
  embed: '嵌入到你的网站',
  embedScript: '脚本（推荐，自动调整高度并带上网页的 UTM 参数）',
  embedFrame: 'iframe',
  listTitle: '公开表单',
  listHelp: '访客不用登录即可填写的表单。打开“分享”拿链接、二维码和嵌入代码。',
  listEmpty: '还没有公开表单。在应用配置里给表单设置“公开”和链接名后，它会出现在这里。',
  share: '分享',
};
const en: typeof zhCN = {
  title: 'Share form',
  loading: 'Loading the form…',
  notFound: 'There is no public form here, or it was turned off.',
  link: 'Form link',
  linkHelp: 'Send it to a WeChat group, Moments or by SMS; visitors fill it in without signing in.',
  channel: 'Channel (utm_source)',
  channelHelp:
    'When set, leads that come through this link or QR code record the channel, e.g. poster, douyin.',
  campaign: 'Campaign (utm_campaign)',
  copy: 'Copy',
  copied: 'Copied',
  open: 'Open',
  qr: 'QR code',
  qrHelp:
    'Print it on a poster, roll-up banner or flyer; people scan it and fill in the form on their phone.',
  download: 'Download PNG',
  embed: 'Embed in your website',
  embedScript: "Script (recommended: sizes itself and passes the page's UTM parameters on)",
  embedFrame: 'iframe',
  listTitle: 'Public forms',
  listHelp:
    'Forms visitors fill in without signing in. Open “Share” for the link, the QR code and the embed code.',
  listEmpty:
    'No public forms yet. Mark a form public and give it a link name in the app spec, and it shows here.',
  share: 'Share',
};

export const NS = 'formShare';
i18next.addResourceBundle('zh-CN', NS, zhCN, true, true);
i18next.addResourceBundle('en', NS, en, true, true);
