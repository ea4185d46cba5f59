/** Offers `text` as a file download named `name`. */
export function downloadText(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers `data` as a JSON file download named `name`. */
export function downloadJson(name: string, data: unknown) {
  downloadText(name, JSON.stringify(data, null, 2), 'application/json');
}
