import type { Socket } from 'node:net';

const TOO_LARGE = 'HPE_HEADER_OVERFLOW';

/**
 * Answers what Node's HTTP parser refuses before the app sees a request — a request line or
 * headers over the limit (a 20,000-character query string: `431`), or malformed HTTP (`400`) —
 * with a problem+json body like every other error, instead of Node's bare status line. The
 * request never parsed, so its language is unknown: the detail carries both.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === TOO_LARGE;
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: `https://trellis.dev/problems/${tooLarge ? 'header_too_large' : 'bad_request'}`,
    title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
    status,
    code: tooLarge ? 'header_too_large' : 'bad_request',
    detail: tooLarge
      ? '请求地址或请求头过长（合计最多 16 KB），请缩短查询条件。 The request line or headers are too long (16 KB in all); shorten the query.'
      : '无法解析的 HTTP 请求。 The HTTP request could not be parsed.',
    errors: [],
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}
