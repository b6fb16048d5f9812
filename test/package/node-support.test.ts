// The Node.js version guard: what counts as supported, and a refusal that says what was found, what is needed and what to do.
import { describe, expect, it } from 'vitest';
import { assertSupportedNode, isSupportedNode, UnsupportedNodeError } from '../../core/node-support.ts';

describe('Node.js version guard', () => {
  it.each([
    ['22.12.0', true],
    ['22.12.1', true],
    ['22.20.0', true],
    ['23.0.0', true],
    ['24.21.0', true],
    ['v24.0.0', true],
    ['22.11.9', false],
    ['22.2.0', false],
    ['20.20.2', false],
    ['18.20.0', false],
  ])('Node %s supported: %s', (version, supported) => {
    expect(isSupportedNode(version)).toBe(supported);
  });

  it('refuses an old Node naming the version found, the version needed and what to do', () => {
    expect(() => assertSupportedNode('setupDoubles()', '20.20.2')).toThrow(UnsupportedNodeError);
    expect(() => assertSupportedNode('setupDoubles()', '20.20.2')).toThrow(
      /^oauth-doubles: setupDoubles\(\) needs Node\.js >= 22\.12 .*this is Node\.js 20\.20\.2\. Run it on Node\.js 22\.12 or newer.*only the HTTP server works/,
    );
  });

  it('lets this Node through', () => {
    expect(() => assertSupportedNode('setupDoubles()')).not.toThrow();
  });
});
