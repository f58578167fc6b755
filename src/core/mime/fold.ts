/** Header line formatting: folding to 78 columns (RFC 5322 §2.2.3). */

const MAX_LINE = 78;

/**
 * "Name: value\r\n", folded before white space so no line exceeds 78 characters where
 * possible. Encoded words contain no white space, so they are never split; a single
 * token longer than a line stays long (RFC 5322 allows up to 998). Line breaks inside the
 * value are flattened so a value cannot inject header fields.
 */
export function foldHeader(name: string, value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, ' ').trim();
  const segments = flat.match(/[ \t]*[^ \t]+/g) ?? [];
  const lines: string[] = [];
  let line = `${name}:`;
  let hasContent = false;
  for (const segment of segments) {
    const piece = hasContent || /^[ \t]/.test(segment) ? segment : ' ' + segment;
    if (hasContent && line.length + piece.length > MAX_LINE) {
      lines.push(line);
      line = /^[ \t]/.test(piece) ? piece : ' ' + piece;
    } else {
      line += piece;
    }
    hasContent = true;
  }
  lines.push(line);
  return lines.join('\r\n') + '\r\n';
}
