/** Hands bytes to the user as a download from an extension page (no downloads permission needed). */
export function saveBytes(bytes: Uint8Array, fileName: string, contentType: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: contentType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
