/**
 * The match pattern to hand the browser for `pattern`. Firefox's match patterns name no port (MDN,
 * "Match patterns": the host "must not include a port number", Firefox bugs 1362809 and 1468162)
 * and cover the host on every port without one; Chrome's and Edge's take a port. Given to Firefox
 * with its port, a pattern is refused, and with it the whole registration of the admin's hosts:
 * there the port is left out, and the adapter's own matching (`compileMatchPattern`) still tells
 * the two tools on one host apart.
 */
export function browserMatchPattern(pattern: string, portsAllowed: boolean): string {
  return portsAllowed ? pattern : pattern.replace(/^([^:/]+:\/\/[^/:]+):(?:\d+|\*)(?=\/)/, '$1');
}
