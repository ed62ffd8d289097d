/** Media type of a 2xx answer that is not JSON. */
export const FIXED_MEDIA: Record<string, string> = {
  'get /api/v1/events': 'text/event-stream',
  'get /api/v1/imports/{id}/events': 'text/event-stream',
  'get /api/v1/imports/{id}/errors.csv': 'text/csv',
  'get /api/v1/files/{id}': 'application/octet-stream',
  'get /api/v1/spec/validators/{entity}.js': 'text/javascript',
  'get /api/v1/templates/{name}/previews/{index}': 'image/*',
};
