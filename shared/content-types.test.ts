import { describe, expect, it } from 'vitest';
import { contentTypeFor, OPAQUE_CONTENT_TYPE } from './content-types';

describe('content types of built renderer files', () => {
  it('names the types a page needs, whatever the case of the extension', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/index-Ab12.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/index.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('icon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('ring.wav')).toBe('audio/wav');
  });

  it('serves unknown, missing and dot-file extensions as opaque bytes', () => {
    expect(contentTypeFor('notes.exe')).toBe(OPAQUE_CONTENT_TYPE);
    expect(contentTypeFor('README')).toBe(OPAQUE_CONTENT_TYPE);
    expect(contentTypeFor('.html')).toBe(OPAQUE_CONTENT_TYPE);
    expect(contentTypeFor('assets.v2/bundle')).toBe(OPAQUE_CONTENT_TYPE);
  });
});
