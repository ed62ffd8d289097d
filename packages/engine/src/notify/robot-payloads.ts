import { createHmac } from 'node:crypto';

/** Outbound notification body formats: WeCom (企业微信) group robot, DingTalk (钉钉) robot, or plain JSON. */
export type RobotFormat = 'wecom' | 'dingtalk' | 'json';

/** What a robot message says; `mobiles` are @-mentioned where the format supports it. */
export type RobotMessage = {
  title: string;
  text: string;
  markdown?: boolean;
  mobiles?: string[];
  extra?: Record<string, unknown>;
};

/**
 * WeCom group robot body (POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...).
 * text: {msgtype:'text', text:{content, mentioned_mobile_list}}; markdown: {msgtype:'markdown', markdown:{content}}.
 * WeCom markdown cannot @ by mobile, so mentions are only sent with text.
 */
export function wecomPayload(m: RobotMessage): Record<string, unknown> {
  if (m.markdown)
    return { msgtype: 'markdown', markdown: { content: `**${m.title}**\n${m.text}` } };
  const text: Record<string, unknown> = { content: m.title ? `${m.title}\n${m.text}` : m.text };
  if (m.mobiles && m.mobiles.length > 0) text.mentioned_mobile_list = m.mobiles;
  return { msgtype: 'text', text };
}

/**
 * DingTalk custom robot body (POST https://oapi.dingtalk.com/robot/send?access_token=...).
 * text: {msgtype:'text', text:{content}, at:{atMobiles, isAtAll:false}};
 * markdown: {msgtype:'markdown', markdown:{title, text}, at:{...}}. DingTalk only notifies a
 * mentioned mobile when the content contains "@<mobile>", so it is appended.
 */
export function dingtalkPayload(m: RobotMessage): Record<string, unknown> {
  const mobiles = m.mobiles ?? [];
  const mention = mobiles.length > 0 ? '\n' + mobiles.map((x) => `@${x}`).join(' ') : '';
  const at = { atMobiles: mobiles, isAtAll: false };
  if (m.markdown)
    return {
      msgtype: 'markdown',
      markdown: { title: m.title, text: `### ${m.title}\n${m.text}${mention}` },
      at,
    };
  return {
    msgtype: 'text',
    text: { content: (m.title ? `${m.title}\n${m.text}` : m.text) + mention },
    at,
  };
}

/** Plain JSON body for any other receiver. */
function jsonPayload(m: RobotMessage): Record<string, unknown> {
  return {
    title: m.title,
    text: m.text,
    ...(m.mobiles?.length ? { mobiles: m.mobiles } : {}),
    ...(m.extra ?? {}),
  };
}

/** The body for `format`. */
export function robotPayload(format: RobotFormat, m: RobotMessage): Record<string, unknown> {
  return format === 'wecom'
    ? wecomPayload(m)
    : format === 'dingtalk'
      ? dingtalkPayload(m)
      : jsonPayload(m);
}

/**
 * DingTalk "加签" (signed) robot URL: appends timestamp and
 * sign = urlencode(base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`))).
 */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}
