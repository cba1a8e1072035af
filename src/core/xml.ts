/**
 * Characters XML 1.0 cannot carry (Word refuses such a file, pandoc and LibreOffice forgive it):
 * C0 controls except tab/newline/CR, lone surrogates, U+FFFE and U+FFFF.
 */
export const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, '');
}
