// Which apps an interaction's time away is attributed to (issue #7; rank-apps.ts explains the
// approximation). Its own module: the columns (report-columns.ts) and the ranking both need it,
// and neither should import the other.

/** The apps used other than the record's own, each once; the record's app when there is none. */
export function awayTargets(app: string, appsUsed: readonly string[]): string[] {
  const others = appsUsed.filter((used, at) => used !== app && appsUsed.indexOf(used) === at);
  return others.length > 0 ? others : [app];
}
