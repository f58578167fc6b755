/** Hands bytes to the user as a file download (task pane only; needs a DOM). */
export function downloadFile(fileName: string, data: Uint8Array, contentType: string): void {
  const url = URL.createObjectURL(new Blob([data.slice()], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
