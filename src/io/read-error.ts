/**
 * Why a file could not be read, in words. A file name that is not valid UTF-8 reaches us with U+FFFD in
 * place of its bad bytes (Node decodes argv and folder listings that way), so opening it by that name
 * fails with ENOENT, which would tell the user the file they can see does not exist.
 */
export function readErrorMessage(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' && path.includes('\uFFFD'))
    return 'its name is not valid UTF-8 (� marks the bytes that are not), and plangen opens files by name: rename it';
  return error instanceof Error ? error.message : String(error);
}
