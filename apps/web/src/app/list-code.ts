/**
 * The list page's code, asked for once a signed-in page is on screen and the browser has
 * nothing more urgent: the page people open most, from the workbench's menu or a link. Asked
 * only as the list opened, its ~10 files went out beside the page's own `/me` and rows, and
 * the browser sends at most six requests to one server at once: behind the workbench's reads
 * still under way (each holds one until the server answers it) and the live event stream, the
 * answers the rows needed waited for a free connection. The same module as the route's lazy
 * import, so the route finds it loaded.
 */
export function preloadListCodeWhenIdle(): () => void {
  const load = () => void import('../features/records/list').catch(() => undefined);
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(load, 500);
    return () => clearTimeout(timer);
  }
  const idle = requestIdleCallback(load, { timeout: 2000 });
  return () => cancelIdleCallback(idle);
}
