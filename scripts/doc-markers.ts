/** Start and end comments around a generated part of a Markdown document. */
export type DocMarkers = { readonly start: string; readonly end: string };

/**
 * `markdown` with the part between `markers` (markers included) replaced by `generated`, which
 * starts and ends with the markers itself; `file` names the document in the error.
 */
export function replaceGenerated(
  markdown: string,
  markers: DocMarkers,
  generated: string,
  file: string,
): string {
  const start = markdown.indexOf(markers.start);
  const end = markdown.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`${file}: markers of the generated part missing`);
  return markdown.slice(0, start) + generated + markdown.slice(end + markers.end.length);
}
