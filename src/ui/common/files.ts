/** Bytes in and out of the browser: reading a chosen File and handing bytes to the user as a download. */
export async function readFileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Hands bytes to the user as a file download (any page with a DOM: task pane, extension pages). */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'application/octet-stream', doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke later: browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
