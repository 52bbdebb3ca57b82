// A product's images on its admin page: the list (every status: administrators see pending and
// rejected ones too), upload and delete. An upload is three steps: the API records the image and
// hands out a presigned form; the file goes with it straight to the image store; the image function
// checks and resizes it in the background, so the page asks until it is ready or rejected.
import { isApiProblem, type products } from '@serverless-shop/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { ProductImage } from '../catalog/ProductImage';
import { problemView, type ProblemView } from '../problems/problemView';
import { ProblemAlert } from '../ui/Feedback';
import { TextField } from '../ui/Field';
import {
  IMAGE_ACCEPT,
  imageFileProblem,
  imageUploadRequestOf,
  pollDelayMs,
  PROCESSING_TIMEOUT_MS,
  uploadFormData,
} from './imageUpload';

/** A product has at most this many images (products.yaml, createProductImage). */
const MAX_IMAGES = 10;

type Outcome =
  | { kind: 'none' }
  | { kind: 'busy'; text: string }
  | { kind: 'ready'; text: string }
  | { kind: 'failed'; text: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the image store said when it refused the form (S3 answers XML with a <Message>). */
async function storeRefusal(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  const message = new DOMParser().parseFromString(text, 'application/xml').querySelector('Message')?.textContent;
  return `The image store refused the file (${response.status}${message ? `: ${message}` : ''}).`;
}

export function ProductImagesEditor({
  productId,
  initial,
  onChanged = () => undefined,
}: {
  productId: string;
  initial: products.ProductImage[];
  /** After each change of the product's images (each is a new version of the product). */
  onChanged?: () => void;
}) {
  const { api, notice } = useServices();
  const [images, setImages] = useState(initial);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const [altError, setAltError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [problem, setProblem] = useState<ProblemView | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Stops the polling when the page goes away.
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const put = (image: products.ProductImage) =>
    setImages((current) =>
      current.some((i) => i.imageId === image.imageId)
        ? current.map((i) => (i.imageId === image.imageId ? image : i))
        : [...current, image],
    );
  const drop = (imageId: string) => setImages((current) => current.filter((i) => i.imageId !== imageId));

  /** Asks for the image until it is no longer pending, or gives up after PROCESSING_TIMEOUT_MS. */
  const awaitProcessing = async (imageId: string): Promise<products.ProductImage | null> => {
    const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
    for (let attempt = 0; mounted.current && Date.now() < deadline; attempt++) {
      await sleep(pollDelayMs(attempt));
      const image = await api.products.getProductImage({ productId, imageId });
      if (!mounted.current) {
        return null;
      }
      put(image);
      if (image.status !== 'pending') {
        return image;
      }
    }
    return null;
  };

  const upload = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setAltError(undefined);
    const wrong = file ? imageFileProblem(file) : 'Choose an image file.';
    setFileError(wrong ?? undefined);
    if (!file || wrong) {
      fileInput.current?.focus();
      return;
    }
    setOutcome({ kind: 'busy', text: 'Uploading the image…' });
    let recorded: products.ImageUpload | null = null;
    let stored = false;
    try {
      recorded = await api.products.createProductImage({
        productId,
        imageUploadRequest: imageUploadRequestOf(file, alt),
      });
      put(recorded.image);
      let answer: Response;
      try {
        answer = await fetch(recorded.upload.url, { method: 'POST', body: uploadFormData(recorded.upload, file) });
      } catch {
        throw new Error('The image store could not be reached. Try again.');
      }
      if (!answer.ok) {
        throw new Error(await storeRefusal(answer));
      }
      stored = true;
      setOutcome({ kind: 'busy', text: 'Checking and resizing the image…' });
      const processed = await awaitProcessing(recorded.image.imageId);
      if (!mounted.current) {
        return;
      }
      onChanged();
      if (processed === null) {
        setOutcome({
          kind: 'failed',
          text: 'The image is still being processed. Reload the page later to see whether it is ready.',
        });
      } else if (processed.status === 'ready') {
        setOutcome({ kind: 'ready', text: 'The image is ready: shoppers see it now.' });
        notice.set('Image uploaded.');
        setFile(null);
        setAlt('');
        if (fileInput.current) {
          fileInput.current.value = '';
        }
      } else {
        setOutcome({
          kind: 'failed',
          text: `The image was rejected: ${processed.problem ?? 'the file is not an image this shop accepts.'}`,
        });
      }
    } catch (error) {
      if (!mounted.current) {
        return;
      }
      if (isApiProblem(error)) {
        setOutcome({ kind: 'none' });
        const view = problemView(error, ['alt']);
        setAltError(view.fields.alt);
        setProblem(view);
      } else {
        setOutcome({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
      }
      // The record of an upload that never reached the store would stay pending for ever.
      if (recorded && !stored) {
        const { imageId } = recorded.image;
        api.products.deleteProductImage({ productId, imageId }).then(
          () => {
            drop(imageId);
            onChanged();
          },
          () => undefined,
        );
      }
    }
  };

  const remove = async (image: products.ProductImage) => {
    setProblem(null);
    try {
      await api.products.deleteProductImage({ productId, imageId: image.imageId });
      drop(image.imageId);
      onChanged();
      notice.set(`Deleted the image “${image.alt}”.`);
    } catch (error) {
      setProblem(problemView(error));
    }
  };

  const busy = outcome.kind === 'busy';
  return (
    <section class="images" aria-labelledby="images-heading">
      <h2 id="images-heading">Images</h2>
      {problem && <ProblemAlert problem={problem} />}
      {images.length === 0 ? (
        <p class="hint">No images yet: shoppers see the product without a picture.</p>
      ) : (
        <ul class="image-list">
          {images.map((image, index) => (
            <li key={image.imageId} class="image-item">
              {image.status === 'ready' && image.sizes.length > 0 ? (
                <ProductImage class="image-item__preview" image={image} sizes="6rem" fallbackWidth={200} lazy={false} />
              ) : (
                <span class="image-item__placeholder" aria-hidden="true">
                  {image.status === 'pending' ? 'Processing' : 'Rejected'}
                </span>
              )}
              <div>
                <p>
                  {index === 0 && image.status === 'ready' ? 'First image. ' : ''}
                  {image.alt}
                </p>
                <p class="image-item__status" data-status={image.status}>
                  {image.status === 'ready'
                    ? 'Ready'
                    : image.status === 'pending'
                      ? 'Waiting for its file, or being checked'
                      : `Rejected: ${image.problem ?? 'not an image this shop accepts'}`}
                </p>
              </div>
              <p class="actions">
                <button type="button" class="secondary" disabled={busy} onClick={() => remove(image)}>
                  Delete<span class="visually-hidden"> the image “{image.alt}”</span>
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
      {images.length < MAX_IMAGES ? (
        <form class="image-upload" noValidate onSubmit={upload} aria-busy={busy}>
          <div class={`field${fileError ? ' field--invalid' : ''}`}>
            <label for="image-file">Image file</label>
            <p class="field__hint" id="image-file-hint">
              JPEG, PNG or WebP, at most 5 MiB.
            </p>
            <input
              ref={fileInput}
              id="image-file"
              type="file"
              accept={IMAGE_ACCEPT}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'image-file-hint image-file-error' : 'image-file-hint'}
              onChange={(event) => {
                const chosen = event.currentTarget.files?.[0] ?? null;
                setFile(chosen);
                setFileError(chosen ? (imageFileProblem(chosen) ?? undefined) : undefined);
                setOutcome({ kind: 'none' });
              }}
            />
            {fileError && (
              <p class="field__error" id="image-file-error">
                {fileError}
              </p>
            )}
          </div>
          <TextField
            name="alt"
            label="Text alternative"
            hint="What the image shows, for people who cannot see it; the product's name when empty."
            value={alt}
            onValue={setAlt}
            error={altError}
            maxLength={255}
          />
          <p class="actions">
            <button type="submit" disabled={busy} aria-busy={busy}>
              Upload image
            </button>
          </p>
          <div role="status">{outcome.kind === 'busy' || outcome.kind === 'ready' ? <p>{outcome.text}</p> : null}</div>
          {outcome.kind === 'failed' && (
            <div class="problem" role="alert">
              <p class="problem__title">{outcome.text}</p>
            </div>
          )}
        </form>
      ) : (
        <p class="hint">This product has {MAX_IMAGES} images, the most it may have: delete one to upload another.</p>
      )}
    </section>
  );
}
