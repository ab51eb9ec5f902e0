/** Saves bytes as a file through a temporary Blob URL, so nothing leaves the machine. */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  // Copy into a fresh ArrayBuffer: a Blob part must not be a view on a SharedArrayBuffer.
  const blob = new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);

  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();

  // Revoking at once can cancel the download in some browsers, so the URL lives a minute.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
