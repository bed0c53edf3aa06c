// profiles/use.desc (`flag - description`) and profiles/use.local.desc (`cat/pn:flag - description`),
// plus the profiles/desc/*.desc files of USE_EXPAND variables (same format as use.desc).

export interface UseDescription {
  flag: string;
  description: string;
  /** `cat/pn` for use.local.desc entries. */
  package?: string;
  line: number;
}

export interface UseDescFile {
  entries: UseDescription[];
  /** Lines that are neither comments nor `name - description`. */
  invalid: { line: number; text: string }[];
}

function parse(text: string, local: boolean): UseDescFile {
  const entries: UseDescription[] = [];
  const invalid: { line: number; text: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const sep = t.indexOf(' - ');
    if (sep <= 0) {
      invalid.push({ line: i + 1, text: line });
      return;
    }
    const key = t.slice(0, sep).trim();
    const description = t.slice(sep + 3).trim();
    if (local) {
      const colon = key.lastIndexOf(':');
      if (colon <= 0 || !key.slice(0, colon).includes('/')) {
        invalid.push({ line: i + 1, text: line });
        return;
      }
      entries.push({ flag: key.slice(colon + 1), package: key.slice(0, colon), description, line: i + 1 });
    } else {
      entries.push({ flag: key, description, line: i + 1 });
    }
  });
  return { entries, invalid };
}

/** Parses profiles/use.desc or a profiles/desc/<var>.desc file. */
export function parseUseDesc(text: string): UseDescFile {
  return parse(text, false);
}

/** Parses profiles/use.local.desc. */
export function parseUseLocalDesc(text: string): UseDescFile {
  return parse(text, true);
}
