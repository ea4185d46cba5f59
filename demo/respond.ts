/** One request to a demo app: the form fields of a POST already parsed. */
export type DemoRequest = {
  method: string;
  url: URL;
  accept?: string | undefined;
  form?: URLSearchParams | undefined;
};

/** What an app answers to one request; demo/server.ts writes it to the socket. */
export type DemoResponse = {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
};

export const htmlResponse = (body: string, status = 200): DemoResponse => ({
  status,
  contentType: 'text/html; charset=utf-8',
  body,
});

export const jsonResponse = (value: unknown, status = 200): DemoResponse => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

/** `/things/12` → 12 for the given prefix and optional suffix; null when the path is not one. */
export function idFromPath(pathname: string, prefix: string, suffix = ''): number | null {
  const match = new RegExp(`^/${prefix}/(\\d{1,9})${suffix}$`).exec(pathname);
  return match?.[1] ? Number(match[1]) : null;
}
