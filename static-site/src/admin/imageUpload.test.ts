import { describe, expect, it } from 'vitest';
import { imageFileProblem, imageUploadRequestOf, MAX_IMAGE_BYTES, pollDelayMs, uploadFormData } from './imageUpload';

describe('an image file an administrator chooses', () => {
  it('may be a JPEG, PNG or WebP of at most 5 MiB', () => {
    expect(imageFileProblem({ type: 'image/jpeg', size: 1 })).toBeNull();
    expect(imageFileProblem({ type: 'image/png', size: MAX_IMAGE_BYTES })).toBeNull();
    expect(imageFileProblem({ type: 'image/webp', size: 2048 })).toBeNull();
  });

  it('is refused before any request otherwise, saying why', () => {
    expect(imageFileProblem({ type: 'image/gif', size: 10 })).toMatch(/JPEG, PNG or WebP/);
    expect(imageFileProblem({ type: 'image/svg+xml', size: 10 })).toMatch(/JPEG, PNG or WebP/);
    expect(imageFileProblem({ type: '', size: 10 })).toMatch(/JPEG, PNG or WebP/);
    expect(imageFileProblem({ type: 'image/png', size: 0 })).toMatch(/empty/);
    expect(imageFileProblem({ type: 'image/png', size: MAX_IMAGE_BYTES + 1 })).toMatch(/5\.0 MiB; .* at most 5 MiB/);
  });

  it('is declared with its type and exact size, and its text alternative when given', () => {
    expect(imageUploadRequestOf({ type: 'image/png', size: 1234 }, '  A lamp  ')).toEqual({
      contentType: 'image/png',
      contentLength: 1234,
      alt: 'A lamp',
    });
    expect(imageUploadRequestOf({ type: 'image/png', size: 1234 }, ' ').alt, "the product's name then").toBeUndefined();
  });
});

describe('the upload form', () => {
  it("carries the presigned fields in the API's order, as they are, then the file last", async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'lamp.png', { type: 'image/png' });
    const form = uploadFormData(
      {
        fields: [
          { name: 'key', value: 'uploads/p/i' },
          { name: 'Content-Type', value: 'image/png' },
          { name: 'policy', value: 'eyJ9' },
          { name: 'x-amz-signature', value: '3f8e' },
        ],
      },
      file,
    );
    expect([...form.keys()]).toEqual(['key', 'Content-Type', 'policy', 'x-amz-signature', 'file']);
    expect(form.get('Content-Type')).toBe('image/png');
    const sent = form.get('file') as File;
    expect(sent.size).toBe(3);
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('waiting for a pending image', () => {
  it('asks again soon at first, then every 4 s at most', () => {
    expect([0, 1, 2, 3, 4, 10].map(pollDelayMs)).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });
});
