// A manifest that cannot run gets one clear error naming the key and the line — never a crash, never a hang.
import { describe, expect, it } from 'vitest';
import { ManifestRunError } from '../../contract-tests/chiefonboarding/interpreter/integration.ts';
import { loadManifest } from '../../contract-tests/chiefonboarding/manifest/load.ts';
import { ManifestError } from '../../contract-tests/chiefonboarding/manifest/source.ts';
import { integration, manifest, scripted } from './support.ts';

function problems(text: string): string[] {
  try {
    loadManifest(text, 'm.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).problems.map((p) => `line ${p.line}, ${p.key}: ${p.message}`);
  }
  throw new Error('the manifest was accepted');
}

const lines = (...rows: string[]): string => rows.join('\n');

describe('a manifest that is not JSON', () => {
  it('names the line of the syntax error', () => {
    expect(problems(lines('{', '  "oauth": {', '    "authenticate_url": "https://a.example/x"', '    "access_token": {}', '  }', '}'))).toEqual([
      'line 4, (JSON): is not valid JSON here: a comma was expected',
    ]);
  });

  it('refuses comments and trailing commas, which Python’s json refuses too', () => {
    expect(problems(lines('{', '  // a comment', '  "oauth": {}', '}'))[0]).toMatch(/^line 2, \(JSON\): is not valid JSON here: comments are not JSON/);
    expect(problems(lines('{', '  "type": "x",', '}'))[0]).toMatch(/^line 3, \(JSON\): is not valid JSON here/);
  });

  it('refuses empty text, a JSON list and a huge file', () => {
    expect(problems('')[0]).toMatch(/^line 1/);
    expect(problems('[1, 2]')).toEqual(['line 1, (the manifest): is a JSON array; a manifest is a JSON object such as {"oauth": {…}, "execute": […]}']);
    expect(problems(`{"type": "${'x'.repeat(600 * 1024)}"}`)[0]).toMatch(/larger than 512 KiB/);
  });
});

describe('a manifest of the wrong shape', () => {
  const text = lines(
    '{',
    '  "oauth": {',
    '    "authenticate_url": "https://a.example/auth",',
    '    "access_token": {',
    '      "url": "https://a.example/token",',
    '      "methd": "POST",',
    '      "status_code": "200"',
    '    },',
    '    "refresh": { "url": 42, "method": "FETCH" }',
    '  },',
    '  "execute": {}',
    '}',
  );

  it('names every unknown key, wrong type and bad choice with its line', () => {
    expect(problems(text).sort()).toEqual(
      [
        'line 11, execute: must be a list, not an object',
        'line 4, oauth.access_token: has unknown key "methd"; the platform\'s validator refuses unknown keys',
        'line 7, oauth.access_token.status_code: must be a list, not string "200"',
        'line 9, oauth.refresh.url: must be a string, not number 42',
        'line 9, oauth.refresh.method: must be one of "GET", "POST", "PUT", "DELETE", "PATCH", not string "FETCH"',
      ].sort(),
    );
  });

  it('reports the templates and URLs of a manifest of the wrong shape in the same error', () => {
    const text = lines('{"oauth": {', '  "authenticate_url": "ftp://a.example/auth",', '  "access_token": {"url": "https://a.example/{{ a b }}", "foo": 1}', '}}');
    expect(problems(text)).toEqual([
      'line 2, oauth.authenticate_url: is "ftp://a.example/auth", not an http:// or https:// URL',
      'line 3, oauth.access_token: has unknown key "foo"; the platform\'s validator refuses unknown keys',
      'line 3, oauth.access_token.url: {{ a b }} is not a variable name Django reads (letters, digits, _ and dots)',
    ]);
  });

  it('says a required key is missing', () => {
    expect(problems('{"oauth": {"authenticate_url": "https://a.example/auth"}}')).toEqual(['line 1, oauth.access_token: is missing: it is required']);
    expect(problems('{"execute": []}')).toEqual(['line 1, (the manifest): has no "oauth" part: there is no OAuth flow to run']);
  });

  it('bounds execute', () => {
    const steps = Array.from({ length: 51 }, () => ({ url: 'https://a.example/x' }));
    expect(problems(JSON.stringify(manifest({}, { execute: steps })))).toEqual(['line 1, execute: has more than 50 entries']);
  });
});

describe('templates and URLs', () => {
  it('refuses a URL that is not http(s), with its line', () => {
    const text = lines('{"oauth": {', '  "authenticate_url": "javascript:alert(1)",', '  "access_token": {"url": "ftp://a.example/token"}', '}}');
    expect(problems(text)).toEqual([
      'line 2, oauth.authenticate_url: is "javascript:alert(1)", not an http:// or https:// URL',
      'line 3, oauth.access_token.url: is "ftp://a.example/token", not an http:// or https:// URL',
    ]);
  });

  it('refuses a URL that renders to something else than http(s), when it is followed', () => {
    const i = integration(manifest({ authenticate_url: '{{ BASE }}/auth' }), scripted(() => ({ json: {} })).fetch, { values: { BASE: 'file:///etc', CLIENT_ID: 'c', CLIENT_SECRET: 's' } });
    expect(() => i.authorizeUrl()).toThrow(ManifestRunError);
    expect(() => i.authorizeUrl()).toThrow(/^line \d+, oauth\.authenticate_url: renders to a file: URL; only http:\/\/ and https:\/\/ are requested$/);
  });

  it('refuses template tags, bad variable names and unknown filters', () => {
    const text = JSON.stringify(
      manifest({ authenticate_url: 'https://a.example/auth?{% if x %}a{% endif %}', access_token: { url: 'https://a.example/token?x={{ a b }}&y={{ CLIENT_ID|title }}' } }),
      null,
      2,
    );
    expect(problems(text)).toEqual([
      'line 3, oauth.authenticate_url: the template tag {% if x %} is not run by the interpreter (only {{ … }} variables are)',
      'line 3, oauth.authenticate_url: the template tag {% endif %} is not run by the interpreter (only {{ … }} variables are)',
      'line 5, oauth.access_token.url: {{ a b }} is not a variable name Django reads (letters, digits, _ and dots)',
      'line 5, oauth.access_token.url: the filter |title in {{ CLIENT_ID|title }} is not supported (supported: safe, urlencode, default, escape, lower, upper)',
    ]);
  });

  it('refuses a template that refers to a value nobody set, naming the key and the line', () => {
    const text = JSON.stringify(manifest({ access_token: { url: 'https://a.example/token', data: { client_secret: '{{ CLIENT_SECRT }}' } } }), null, 2);
    let error: unknown;
    try {
      integration(text, scripted(() => ({ json: {} })).fetch);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toBe(
      'test.json: line 7, oauth.access_token.data.client_secret: {{ CLIENT_SECRT }} refers to "CLIENT_SECRT", which has no value: the platform would render it as an empty string. Values set: CLIENT_ID, CLIENT_SECRET, redirect_url.',
    );
  });

  it('lets execute use the new hire’s fields and what an earlier step stored', () => {
    const steps = [
      { url: 'https://a.example/users?email={{ email }}', store_data: { USER_ID: 'id' } },
      { url: 'https://a.example/users/{{ USER_ID }}' },
    ];
    expect(() => integration(manifest({}, { execute: steps }), scripted(() => ({ json: {} })).fetch)).not.toThrow();
    expect(() => integration(manifest({}, { execute: [...steps].reverse() }), scripted(() => ({ json: {} })).fetch)).toThrow(/line \d+, execute\[0\]\.url: \{\{ USER_ID \}\} refers to "USER_ID"/);
  });
});

describe('the documentation’s fragment', () => {
  it('reads `"oauth": {…},` as the documentation prints it, and keeps the file’s line numbers', () => {
    const text = lines('"oauth": {', '  "authenticate_url": "https://a.example/auth",', '  "access_token": {"url": "https://a.example/token", "bad": 1}', '},');
    expect(problems(text)).toEqual(['line 3, oauth.access_token: has unknown key "bad"; the platform\'s validator refuses unknown keys']);
  });
});

describe('garbage', () => {
  it('any mutation of a valid manifest is either read or refused with a ManifestError', () => {
    const base = JSON.stringify(manifest({}, { execute: [{ url: 'https://a.example/x', data: { a: '{{ email }}' } }] }), null, 2);
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = '{}[]",:\\ {{%}}#&\u0000é1a';
    for (let i = 0; i < 400; i++) {
      let text = base;
      for (let k = 0; k <= next(3); k++) {
        const at = next(text.length);
        text = next(2) === 0 ? text.slice(0, at) + alphabet[next(alphabet.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + next(4));
      }
      try {
        integration(text, scripted(() => ({ json: {} })).fetch).authorizeUrl();
      } catch (error) {
        if (!(error instanceof ManifestError) && !(error instanceof ManifestRunError)) throw new Error(`mutation ${i} crashed: ${String(error)}\n${text}`);
        expect((error as Error).message).toMatch(/line \d+/);
      }
    }
  });
});
