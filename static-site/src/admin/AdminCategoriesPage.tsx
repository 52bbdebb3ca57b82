// The catalog's categories: list, create, rename or change the slug (with If-Match, like a product:
// a change someone else made first shows as a conflict), delete (the products stay, outside it).
import type { products } from '@serverless-shop/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { problemView, type ProblemView } from '../problems/problemView';
import { href } from '../router';
import { Empty, Loading, LoadMore, PageHeading, ProblemAlert } from '../ui/Feedback';
import { TextField } from '../ui/Field';
import { useLoad, usePagedList, useTitle } from '../ui/hooks';
import { useFormErrors } from '../ui/useFormErrors';
import { AdminOnly } from './AdminOnly';
import { type CategoryForm, categoryWriteOf, EMPTY_CATEGORY, slugOf, validateCategory } from './categoryForm';

const PAGE_SIZE = 50;
const FIELDS = ['name', 'slug'];

export function AdminCategoriesPage() {
  useTitle('Categories');
  return (
    <>
      <PageHeading>Categories</PageHeading>
      <AdminOnly>
        <CategoryManager />
      </AdminOnly>
    </>
  );
}

function CategoryManager() {
  const { api } = useServices();
  const list = usePagedList((cursor) => api.categories.listCategories({ limit: PAGE_SIZE, cursor }), [api]);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <>
      <p class="hint">
        Shoppers browse the catalog by these; a product's categories are chosen on its page (
        <a href={href.adminProducts()}>Products</a>).
      </p>
      <NewCategory onCreated={list.reload} />
      <h2>All categories</h2>
      {list.loading ? (
        <Loading>Loading the categories…</Loading>
      ) : list.problem && list.items.length === 0 ? (
        <ProblemAlert problem={list.problem} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>
          <p>There are no categories yet.</p>
        </Empty>
      ) : (
        <ul class="category-list">
          {list.items.map((category) =>
            editing === category.categoryId ? (
              <li key={category.categoryId} class="category-item">
                <CategoryEditor
                  id={category.categoryId}
                  onDone={(changed) => {
                    setEditing(null);
                    if (changed) {
                      list.reload();
                    }
                  }}
                />
              </li>
            ) : (
              <li key={category.categoryId} class="category-item">
                <CategoryRow
                  category={category}
                  onEdit={() => setEditing(category.categoryId)}
                  onDeleted={list.reload}
                />
              </li>
            ),
          )}
        </ul>
      )}
      {list.problem && list.items.length > 0 && <ProblemAlert problem={list.problem} onRetry={list.loadMore} />}
      <LoadMore
        visible={list.hasMore && !list.loading}
        busy={list.loadingMore}
        onClick={list.loadMore}
        what="categories"
      />
    </>
  );
}

function NewCategory({ onCreated }: { onCreated: () => void }) {
  const { api, notice } = useServices();
  const [form, setForm] = useState<CategoryForm>(EMPTY_CATEGORY);
  // The slug follows the name until the administrator types one of their own.
  const [slugTyped, setSlugTyped] = useState(false);
  const [saving, setSaving] = useState(false);
  const { form: formElement, errors, problem, check, failed } = useFormErrors();

  const create = async (event: Event) => {
    event.preventDefault();
    if (!check(validateCategory(form))) {
      return;
    }
    setSaving(true);
    try {
      const created = await api.categories.createCategory({ categoryWrite: categoryWriteOf(form) });
      notice.set(`Created the category ${created.name}.`);
      setForm(EMPTY_CATEGORY);
      setSlugTyped(false);
      onCreated();
    } catch (error) {
      failed(error, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formElement} class="category-edit" noValidate onSubmit={create} aria-labelledby="new-category">
      <h2 id="new-category" class="category-edit__heading">
        New category
      </h2>
      {problem && <ProblemAlert problem={problem} />}
      <TextField
        name="name"
        label="Name"
        value={form.name}
        onValue={(name) => setForm({ name, slug: slugTyped ? form.slug : slugOf(name) })}
        error={errors.name}
        maxLength={255}
        required
      />
      <TextField
        name="slug"
        label="Slug"
        hint="The name in links: lower-case letters, digits and hyphens."
        value={form.slug}
        onValue={(slug) => {
          setSlugTyped(true);
          setForm({ ...form, slug });
        }}
        error={errors.slug}
        maxLength={64}
        required
        autoComplete="off"
        spellcheck={false}
        class="mono"
      />
      <p class="actions">
        <button type="submit" disabled={saving} aria-busy={saving}>
          Create category
        </button>
      </p>
    </form>
  );
}

function CategoryRow({
  category,
  onEdit,
  onDeleted,
}: {
  category: products.Category;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { api, notice } = useServices();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemView | null>(null);

  const remove = async () => {
    setBusy(true);
    try {
      await api.categories.deleteCategory({ categoryId: category.categoryId });
      notice.set(`Deleted the category ${category.name}.`);
      onDeleted();
    } catch (error) {
      setProblem(problemView(error));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="category-item__name">
        <a href={href.catalog({ category: category.slug })}>{category.name}</a>{' '}
        <span class="mono category-item__slug">{category.slug}</span>
      </p>
      {problem && <ProblemAlert problem={problem} />}
      {confirming ? (
        <p class="actions confirm" role="group" aria-label={`Delete ${category.name}?`}>
          <span>Delete {category.name}? Its products stay in the catalog, outside it.</span>
          <button type="button" class="danger" disabled={busy} onClick={remove}>
            Yes, delete it
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </p>
      ) : (
        <p class="actions">
          <button type="button" class="secondary" onClick={onEdit}>
            Edit<span class="visually-hidden"> {category.name}</span>
          </button>
          <button
            type="button"
            class="danger"
            aria-label={`Delete ${category.name}`}
            onClick={() => setConfirming(true)}
          >
            Delete…
          </button>
        </p>
      )}
    </>
  );
}

interface Version {
  category: products.Category;
  etag: string;
}

/** The category as it is now, with its ETag, in a form; a save sends that ETag as If-Match. */
function CategoryEditor({ id, onDone }: { id: string; onDone: (changed: boolean) => void }) {
  const { api } = useServices();
  const [loaded, reload] = useLoad(async (): Promise<Version> => {
    const response = await api.categories.getCategoryRaw({ categoryId: id });
    return { category: await response.value(), etag: response.raw.headers.get('ETag') ?? '' };
  }, [api, id]);
  if (loaded.status === 'loading') {
    return <Loading>Loading the category…</Loading>;
  }
  if (loaded.status === 'failed') {
    return (
      <ProblemAlert problem={loaded.problem} onRetry={reload}>
        <button type="button" class="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </ProblemAlert>
    );
  }
  return <CategoryEditForm key={loaded.value.etag} version={loaded.value} onReload={reload} onDone={onDone} />;
}

function CategoryEditForm({
  version,
  onReload,
  onDone,
}: {
  version: Version;
  onReload: () => void;
  onDone: (changed: boolean) => void;
}) {
  const { api, notice } = useServices();
  const [form, setForm] = useState<CategoryForm>({ name: version.category.name, slug: version.category.slug });
  const [saving, setSaving] = useState(false);
  const { form: formElement, errors, problem, check, failed } = useFormErrors();
  const conflict = problem?.status === 412;
  const firstField = useRef<HTMLDivElement>(null);
  useEffect(() => {
    firstField.current?.querySelector('input')?.focus();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!check(validateCategory(form))) {
      return;
    }
    setSaving(true);
    try {
      const saved = await api.categories.updateCategory({
        categoryId: version.category.categoryId,
        ifMatch: version.etag,
        categoryWrite: categoryWriteOf(form),
      });
      notice.set(`Saved the category ${saved.name}.`);
      onDone(true);
    } catch (error) {
      failed(error, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const id = version.category.categoryId;
  return (
    <form
      ref={formElement}
      class="category-edit"
      noValidate
      onSubmit={save}
      aria-label={`Edit the category ${version.category.name}`}
    >
      {conflict ? (
        <div class="problem conflict" role="alert">
          <p class="problem__title">Someone else changed this category after you opened it.</p>
          <p>Your changes were not saved. Load the current version, then make your changes again.</p>
          <p class="actions">
            <button type="button" onClick={onReload}>
              Load the current version
            </button>
          </p>
        </div>
      ) : (
        problem && <ProblemAlert problem={problem} />
      )}
      <div ref={firstField} class="category-edit__field">
        <TextField
          name={`name-${id}`}
          label="Name"
          value={form.name}
          onValue={(name) => setForm({ ...form, name })}
          error={errors.name}
          maxLength={255}
          required
        />
      </div>
      <TextField
        name={`slug-${id}`}
        label="Slug"
        hint="Links to the old slug find nothing afterwards."
        value={form.slug}
        onValue={(slug) => setForm({ ...form, slug })}
        error={errors.slug}
        maxLength={64}
        required
        autoComplete="off"
        spellcheck={false}
        class="mono"
      />
      <p class="actions">
        <button type="submit" disabled={saving || conflict} aria-busy={saving}>
          Save
        </button>
        <button type="button" class="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </p>
    </form>
  );
}
