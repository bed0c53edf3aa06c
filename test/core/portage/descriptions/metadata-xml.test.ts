import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMetadataXml, flagDescriptions } from '../../../../src/core/portage/descriptions/metadata-xml.js';

const METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE pkgmetadata SYSTEM "https://www.gentoo.org/dtd/metadata.dtd">
<pkgmetadata>
  <maintainer type="project">
    <email>php-bugs@gentoo.org</email>
    <name>PHP</name>
  </maintainer>
  <longdescription lang="en">The &quot;PHP&quot; language</longdescription>
  <!-- <flag name="commented">ignored</flag> -->
  <use>
    <flag name="fpm">Enable the <pkg>www-servers/php-fpm</pkg>-style
      FastCGI Process Manager</flag>
    <flag name="embed" restrict="&gt;=dev-lang/php-8">Build the embedded SAPI &amp; library</flag>
    <flag name="cdata"><![CDATA[Uses <raw> & text]]> after</flag>
    <flag name="numeric">&#169; &#x2603; &unknown;</flag>
  </use>
  <use lang="de">
    <flag name="fpm">FastCGI-Prozessmanager</flag>
  </use>
</pkgmetadata>
`;

describe('metadata.xml', () => {
  it('reads flags with inline markup, entities, CDATA and restrictions', () => {
    const meta = parseMetadataXml(METADATA);
    expect(meta.flags).toEqual([
      { name: 'fpm', description: 'Enable the www-servers/php-fpm-style FastCGI Process Manager' },
      { name: 'embed', description: 'Build the embedded SAPI & library', restrict: '>=dev-lang/php-8' },
      { name: 'cdata', description: 'Uses <raw> & text after' },
      { name: 'numeric', description: '© ☃ &unknown;' },
      { name: 'fpm', description: 'FastCGI-Prozessmanager', lang: 'de' },
    ]);
    expect(meta.maintainers).toEqual([{ type: 'project', email: 'php-bugs@gentoo.org', name: 'PHP' }]);
    expect(meta.longDescription).toBe('The "PHP" language');
    expect(flagDescriptions(meta).get('fpm')).toBe('Enable the www-servers/php-fpm-style FastCGI Process Manager');
  });
  it('tolerates broken XML', () => {
    expect(parseMetadataXml('<use><flag name="a">one<flag name="b">two</use>').flags).toEqual([{ name: 'a', description: 'one' }, { name: 'b', description: 'two' }]);
    expect(parseMetadataXml('<pkgmetadata><use>').flags).toEqual([]);
    expect(parseMetadataXml('<longdescription>a <b unclosed</longdescription>').longDescription).toBe('a <b unclosed');
    expect(parseMetadataXml('<longdescription>&lt;&#60;&amp;lt;</longdescription>').longDescription).toBe('<<&lt;');
  });
  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const meta = parseMetadataXml(`<use>${s}<flag name="x">${s}</flag></use>`);
      expect(meta.flags.some((f) => f.name === 'x')).toBe(true);
    }), { numRuns: 300 });
  });
});
