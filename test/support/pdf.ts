import { execFileSync } from 'node:child_process';

/**
 * A PDF's text and page count, read back by poppler's pdftotext and pdfinfo (Debian's
 * poppler-utils; `.ci/run` installs it). A missing tool is a failure with instructions.
 */
export function readPdf(file: string): { pages: number; text: string } {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0), text };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        'Reading a PDF back needs poppler-utils (pdftotext, pdfinfo): apt-get install -y poppler-utils',
      );
    throw error;
  }
}
