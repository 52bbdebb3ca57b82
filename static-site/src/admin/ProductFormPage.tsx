// Creating and editing a product. An edit carries the ETag of the version the form was filled from
// (If-Match), so it never overwrites a change the administrator has not seen: on 412 the page says
// so and offers to load the current version. Deleting carries it too.
import type { products } from '@serverless-shop/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { href, navigate } from '../router';
import { Loading, PageHeading, ProblemAlert } from '../ui/Feedback';
import { Checkbox, TextArea, TextField } from '../ui/Field';
import { useCategories } from '../catalog/useCategories';
import { useLoad, useTitle } from '../ui/hooks';
import { useFormErrors } from '../ui/useFormErrors';
import { AdminOnly } from './AdminOnly';
import { ProductImagesEditor } from './ProductImagesEditor';
import {
  EMPTY_PRODUCT,
  PRODUCT_FIELDS,
  type ProductForm,
  productFormOf,
  productUpdateOf,
  validateProduct,
} from './productForm';

interface Version {
  product: products.Product;
  etag: string;
}

export function ProductFormPage({ id }: { id: string | null }) {
  useTitle(id ? 'Edit product' : 'New product');
  return (
    <>
      <p class="breadcrumb">
        <a href={href.adminProducts()}>← Products</a>
      </p>
      <PageHeading>{id ? 'Edit product' : 'New product'}</PageHeading>
      <AdminOnly>
        {id ? (
          <LoadedProduct id={id} />
        ) : (
          <>
            <ProductEditor version={null} onReload={() => undefined} />
            <p class="hint">Images can be added once the product is created.</p>
          </>
        )}
      </AdminOnly>
    </>
  );
}

function LoadedProduct({ id }: { id: string }) {
  const { api } = useServices();
  const [loaded, reload] = useLoad(async (): Promise<Version> => {
    const response = await api.products.getProductRaw({ productId: id });
    return { product: await response.value(), etag: response.raw.headers.get('ETag') ?? '' };
  }, [api, id]);
  // The images have a life of their own (an upload being processed): reloading the product's details
  // after a save leaves them alone.
  const firstImages = useRef<products.ProductImage[] | null>(null);
  if (loaded.status === 'ready' && firstImages.current === null) {
    firstImages.current = loaded.value.product.images ?? [];
  }
  // Every change of its images is a new version of the product (its ETag), so that no cache keeps a
  // stale picture list. The form being edited was filled from the details, which an image does not
  // change: when the product's details are still the ones the form started from, the form takes the
  // new ETag and saves without a conflict; when someone changed them meanwhile, it keeps the old one,
  // and saving shows the conflict.
  const [imageEtag, setImageEtag] = useState<string | null>(null);
  const loadedEtag = loaded.status === 'ready' ? loaded.value.etag : null;
  useEffect(() => setImageEtag(null), [loadedEtag]);
  const imagesChanged = async () => {
    if (loaded.status !== 'ready') {
      return;
    }
    try {
      const response = await api.products.getProductRaw({ productId: id });
      const fresh = await response.value();
      const etag = response.raw.headers.get('ETag');
      if (etag && sameDetails(fresh, loaded.value.product)) {
        setImageEtag(etag);
      }
    } catch {
      // Saving then shows what is wrong, as it would have without the pictures.
    }
  };
  return (
    <>
      {loaded.status === 'loading' ? (
        <Loading>Loading the product…</Loading>
      ) : loaded.status === 'failed' ? (
        <ProblemAlert problem={loaded.problem} onRetry={reload} />
      ) : (
        <ProductEditor
          key={loaded.value.etag}
          version={imageEtag ? { ...loaded.value, etag: imageEtag } : loaded.value}
          onReload={reload}
        />
      )}
      {firstImages.current && (
        <ProductImagesEditor productId={id} initial={firstImages.current} onChanged={imagesChanged} />
      )}
    </>
  );
}

const FIELDS = Object.values(PRODUCT_FIELDS);

/** Whether two versions of a product have the same details: what the form edits, its images aside. */
function sameDetails(a: products.Product, b: products.Product): boolean {
  return JSON.stringify(productFormOf(a)) === JSON.stringify(productFormOf(b));
}

function ProductEditor({ version, onReload }: { version: Version | null; onReload: () => void }) {
  const { api, notice, config } = useServices();
  const [form, setForm] = useState<ProductForm>(version ? productFormOf(version.product) : EMPTY_PRODUCT);
  const { form: formElement, errors, problem, check, failed } = useFormErrors();
  const [saving, setSaving] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const conflict = problem?.status === 412;
  const conflictBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) {
      conflictBox.current?.focus();
    }
  }, [conflict]);

  const edit =
    <K extends keyof ProductForm>(field: K) =>
    (value: ProductForm[K]) =>
      setForm({ ...form, [field]: value });
  const save = async (event: Event) => {
    event.preventDefault();
    if (!check(validateProduct(form))) {
      return;
    }
    setSaving(true);
    try {
      if (version) {
        await api.products.updateProductRaw({
          productId: version.product.productId,
          ifMatch: version.etag,
          productUpdate: productUpdateOf(form),
        });
        notice.set(`Saved ${form.name.trim()}.`);
        onReload();
      } else {
        const created = await api.products.createProduct({ productCreate: productUpdateOf(form) });
        notice.set(`Created ${created.name}.`);
        navigate(href.adminProduct(created.productId));
      }
    } catch (error) {
      failed(error, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!version) {
      return;
    }
    setSaving(true);
    try {
      await api.products.deleteProduct({ productId: version.product.productId, ifMatch: version.etag });
      notice.set(`Deleted ${version.product.name}.`);
      navigate(href.adminProducts());
    } catch (error) {
      setConfirmingDelete(false);
      failed(error, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formElement} class="product-form" noValidate onSubmit={save}>
      {conflict ? (
        <div class="problem conflict" role="alert" tabIndex={-1} ref={conflictBox}>
          <p class="problem__title">Someone else changed this product after you opened it.</p>
          <p>
            Your changes were not saved, so that theirs are not lost. Load the current version, then make your changes
            again.
          </p>
          <p class="actions">
            <button type="button" onClick={onReload}>
              Load the current version
            </button>
          </p>
        </div>
      ) : (
        problem && <ProblemAlert problem={problem} />
      )}
      <TextField
        name={PRODUCT_FIELDS.sku}
        label="SKU"
        value={form.sku}
        onValue={edit('sku')}
        error={errors.sku}
        maxLength={100}
        required
        autoComplete="off"
        spellcheck={false}
        class="mono"
      />
      <TextField
        name={PRODUCT_FIELDS.name}
        label="Name"
        value={form.name}
        onValue={edit('name')}
        error={errors.name}
        maxLength={255}
        required
      />
      <TextArea
        name={PRODUCT_FIELDS.description}
        label="Description"
        value={form.description}
        onValue={edit('description')}
        error={errors.description}
        maxLength={5000}
        rows={4}
      />
      <div class="field-row">
        <TextField
          name={PRODUCT_FIELDS.price}
          label={`Price (${config.currency})`}
          value={form.price}
          onValue={edit('price')}
          error={errors.price}
          inputMode="decimal"
          hint="e.g. 39.90"
          required
          class="short"
        />
        <TextField
          name={PRODUCT_FIELDS.stockQuantity}
          label="Units in stock"
          value={form.stockQuantity}
          onValue={edit('stockQuantity')}
          error={errors.stock_quantity}
          inputMode="numeric"
          required
          class="short"
        />
      </div>
      <CategoryChoices
        selected={form.categoryIds ?? []}
        onSelected={edit('categoryIds')}
        error={errors[PRODUCT_FIELDS.categoryIds]}
      />
      <Checkbox
        name={PRODUCT_FIELDS.isActive}
        label="For sale (shoppers see it in the catalog)"
        checked={form.isActive}
        onChecked={edit('isActive')}
        error={errors.is_active}
      />
      <p class="actions">
        <button type="submit" disabled={saving || conflict} aria-busy={saving}>
          {version ? 'Save changes' : 'Create product'}
        </button>
        {version && !confirmingDelete && (
          <button type="button" class="danger" disabled={saving} onClick={() => setConfirmingDelete(true)}>
            Delete…
          </button>
        )}
      </p>
      {version && confirmingDelete && (
        <p class="actions confirm" role="group" aria-label="Delete this product?">
          <span>Delete {version.product.name}? Orders already placed keep their copy of it.</span>
          <button type="button" class="danger" disabled={saving} onClick={remove}>
            Yes, delete it
          </button>
          <button type="button" class="secondary" onClick={() => setConfirmingDelete(false)}>
            Keep it
          </button>
        </p>
      )}
    </form>
  );
}

/** The product's categories, one checkbox each. */
function CategoryChoices({
  selected,
  onSelected,
  error,
}: {
  selected: string[];
  onSelected: (ids: string[]) => void;
  error?: string;
}) {
  const [categories, reload] = useCategories();
  return (
    <fieldset class="checkboxes" aria-describedby={error ? 'category-ids-error' : undefined}>
      <legend>Categories</legend>
      {categories.status === 'loading' ? (
        <Loading>Loading the categories…</Loading>
      ) : categories.status === 'failed' ? (
        <ProblemAlert problem={categories.problem} onRetry={reload} />
      ) : categories.value.length === 0 ? (
        <p class="hint">
          There are no categories yet. <a href={href.adminCategories()}>Add categories</a>
        </p>
      ) : (
        categories.value.map((category) => (
          <Checkbox
            key={category.categoryId}
            name={`${PRODUCT_FIELDS.categoryIds}-${category.categoryId}`}
            label={category.name}
            checked={selected.includes(category.categoryId)}
            onChecked={(checked) =>
              onSelected(
                checked ? [...selected, category.categoryId] : selected.filter((id) => id !== category.categoryId),
              )
            }
          />
        ))
      )}
      {error && (
        <p class="field__error" id="category-ids-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
