// A tolerant reader for the parts of metadata.xml the workbench shows: per-package USE flag
// descriptions (`<use><flag name="x">…</flag></use>`), maintainers and the long description.
// Not a general XML parser: it scans for the few elements it needs, strips inline markup such as
// <pkg>, <cat>, <b>, decodes entities and CDATA, and never throws on malformed input.

export interface MetadataFlag {
  name: string;
  description: string;
  restrict?: string;
  lang?: string;
}

export interface MetadataXml {
  flags: MetadataFlag[];
  maintainers: { type?: string; email?: string; name?: string }[];
  longDescription: string | null;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes XML entities (named and numeric); unknown ones are left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Math.min(parseInt(body.slice(2), 16), 0x10ffff));
    if (body.startsWith('#')) return String.fromCodePoint(Math.min(parseInt(body.slice(1), 10), 0x10ffff));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Removes `<!-- … -->` comments (an unclosed comment runs to the end). Linear. */
function stripComments(text: string): string {
  if (text.indexOf('<!--') < 0) return text;
  let out = '';
  let pos = 0;
  for (;;) {
    const open = text.indexOf('<!--', pos);
    if (open < 0) return out + text.slice(pos);
    out += text.slice(pos, open);
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    pos = close + 3;
  }
}

/** Removes tags; a `<` without a later `>` is kept as text. Linear. */
function stripTags(text: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const open = text.indexOf('<', pos);
    if (open < 0) return out + text.slice(pos);
    const close = text.indexOf('>', open + 1);
    if (close < 0) return out + text.slice(pos);
    out += text.slice(pos, open);
    pos = close + 1;
  }
}

/** Text content of an XML fragment: CDATA kept verbatim, tags removed, entities decoded, spaces collapsed. */
function xmlText(fragment: string): string {
  let out = '';
  let pos = 0;
  while (pos < fragment.length) {
    const cdata = fragment.indexOf('<![CDATA[', pos);
    const end = cdata < 0 ? fragment.length : cdata;
    out += decodeEntities(stripTags(stripComments(fragment.slice(pos, end))));
    if (cdata < 0) break;
    const close = fragment.indexOf(']]>', cdata + 9);
    out += fragment.slice(cdata + 9, close < 0 ? fragment.length : close);
    pos = close < 0 ? fragment.length : close + 3;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (tag.length > 4096) return out; // garbage, not a real start tag
  for (const m of tag.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1] ?? ''] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

/** Finds `<name …>inner</name>` elements (not nested in themselves); tolerant of a missing close. */
function elements(xml: string, name: string): { attrs: Record<string, string>; inner: string }[] {
  const out: { attrs: Record<string, string>; inner: string }[] = [];
  const open = new RegExp(`<${name}(?=[\\s>/])`, 'g');
  const lastClose = xml.lastIndexOf(`</${name}>`);
  let m: RegExpExecArray | null;
  while ((m = open.exec(xml)) !== null) {
    const tagEnd = xml.indexOf('>', m.index);
    if (tagEnd < 0) break;
    const tag = xml.slice(m.index, tagEnd + 1);
    if (tag.endsWith('/>')) {
      out.push({ attrs: attributes(tag), inner: '' });
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const close = tagEnd < lastClose ? xml.indexOf(`</${name}>`, tagEnd) : -1;
    let end = close;
    if (end < 0) {
      // No closing tag: the element runs to the next opening tag of the same name.
      open.lastIndex = tagEnd + 1;
      const next = open.exec(xml);
      end = next ? next.index : xml.length;
    }
    out.push({ attrs: attributes(tag), inner: xml.slice(tagEnd + 1, end) });
    open.lastIndex = end;
  }
  return out;
}

/** Reads USE flag descriptions, maintainers and the long description from metadata.xml text. */
export function parseMetadataXml(xml: string): MetadataXml {
  const text = stripComments(xml);
  const flags: MetadataFlag[] = [];
  for (const use of elements(text, 'use')) {
    for (const flag of elements(use.inner, 'flag')) {
      const name = flag.attrs.name;
      if (!name) continue;
      const f: MetadataFlag = { name, description: xmlText(flag.inner) };
      if (flag.attrs.restrict) f.restrict = flag.attrs.restrict;
      const lang = use.attrs.lang ?? flag.attrs.lang;
      if (lang) f.lang = lang;
      flags.push(f);
    }
  }
  const maintainers = elements(text, 'maintainer').map((m) => {
    const entry: { type?: string; email?: string; name?: string } = {};
    if (m.attrs.type) entry.type = m.attrs.type;
    const email = elements(m.inner, 'email')[0];
    const name = elements(m.inner, 'name')[0];
    if (email) entry.email = xmlText(email.inner);
    if (name) entry.name = xmlText(name.inner);
    return entry;
  });
  const longs = elements(text, 'longdescription');
  const long = longs.find((l) => !l.attrs.lang || l.attrs.lang === 'en') ?? longs[0];
  return { flags, maintainers, longDescription: long ? xmlText(long.inner) : null };
}

/** Flag descriptions as a map, preferring English (no lang attribute, or lang="en"). */
export function flagDescriptions(meta: MetadataXml): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of meta.flags) if (!f.lang || f.lang === 'en') out.set(f.name, f.description);
  for (const f of meta.flags) if (!out.has(f.name)) out.set(f.name, f.description);
  return out;
}
