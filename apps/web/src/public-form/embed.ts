/**
 * Inside the embed frame: tells the host page how tall the form is whenever it changes, so
 * the embed script can size the iframe (no inner scrollbar on the school's site).
 */
export function reportHeight(el: HTMLElement): void {
  if (window.parent === window) return;
  const send = () =>
    window.parent.postMessage({ trellisFormHeight: document.documentElement.scrollHeight }, '*');
  new ResizeObserver(send).observe(el);
  send();
}
