/**
 * Hands `blob` to the browser as a download named `filename`: a blob URL and
 * a temporary link, which the CSP allows.
 */
export function saveFile(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 10_000)
}
