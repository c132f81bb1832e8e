/** An address: local part, @, dotted domain ending in a letter TLD (RFC 5321 lengths). */
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** Domains reserved for documentation and tests (RFC 2606, RFC 6761): nobody's address. */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;

/**
 * Mailboxes of a role, not a person (RFC 2142 and their everyday cousins): an answer that quotes
 * support@company.com discloses nothing personal.
 */
const ROLE_MAILBOX =
  /^(?:info|marketing|sales|support|abuse|noc|security|postmaster|hostmaster|webmaster|www|ftp|news|help|contact|hello|team|admin|billing|privacy|press|media|careers|jobs|hr|office|enquiries|inquiries|feedback|service|customer[._-]?services?|customercare|no[._-]?reply)$/i;

/**
 * Email addresses in a token run, as offsets into it; addresses at reserved domains and role
 * mailboxes are left out.
 */
export function emailsIn(run: string): { start: number; end: number }[] {
  if (!run.includes("@")) return [];
  const found: { start: number; end: number }[] = [];
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(run); m !== null; m = EMAIL.exec(run)) {
    const at = m[0].indexOf("@");
    if (RESERVED_DOMAIN.test(m[0].slice(at + 1)) || ROLE_MAILBOX.test(m[0].slice(0, at))) continue;
    found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}
