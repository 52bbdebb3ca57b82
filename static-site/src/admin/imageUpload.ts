// Uploading a product image: the file is checked here first (the API would refuse it anyway, but only
// after a round trip), then the API records the image and answers with a presigned form; the file
// goes straight to the image store with that form, and the image is checked and resized in the
// background, so the page asks for it until it is ready or rejected.
import type { products } from '@serverless-shop/api-client';

/** products.yaml's ImageContentType. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** products.yaml's ImageUploadRequest.content_length maximum: 5 MiB. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The file input's accept attribute. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');

const isImageType = (type: string): type is ImageType => (IMAGE_TYPES as readonly string[]).includes(type);

/** What is wrong with a chosen file, or null when it may be uploaded. */
export function imageFileProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!isImageType(file.type)) {
    return 'Choose a JPEG, PNG or WebP image.';
  }
  if (file.size === 0) {
    return 'This file is empty.';
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return `This file is ${(file.size / 1024 / 1024).toFixed(1)} MiB; an image may be at most 5 MiB.`;
  }
  return null;
}

/** The createProductImage body for a file imageFileProblem accepted. */
export function imageUploadRequestOf(file: Pick<File, 'type' | 'size'>, alt: string): products.ImageUploadRequest {
  const text = alt.trim();
  return {
    contentType: file.type as products.ImageContentType,
    contentLength: file.size,
    alt: text === '' ? undefined : text,
  };
}

/** The presigned form: every field as given, in order, then the file, last, as "file". */
export function uploadFormData(upload: Pick<products.PresignedPost, 'fields'>, file: Blob): FormData {
  const form = new FormData();
  for (const field of upload.fields) {
    form.append(field.name, field.value);
  }
  form.append('file', file);
  return form;
}

/** How long to wait before asking again about a pending image: soon at first, then less often. */
export function pollDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 4000);
}

/** How long an image may stay pending before the page stops asking and says so. */
export const PROCESSING_TIMEOUT_MS = 120_000;
