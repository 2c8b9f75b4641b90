// The API is addressed relative to the page, so that a Banner served below a path prefix
// (https://host/smsdesk/, PUBLIC_URL with a path) calls https://host/smsdesk/api/..., and one
// served at / calls /api/... as before. The Banner is one page with hash routes: the page's
// directory is always where the server is mounted.
export function pageRelative(path: string): string {
  return path.startsWith('/') ? `.${path}` : path;
}
