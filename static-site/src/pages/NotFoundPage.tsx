import { href } from '../router';
import { Empty, PageHeading } from '../ui/Feedback';
import { useTitle } from '../ui/hooks';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <Empty>
        <p>
          There is no such page. <a href={href.catalog()}>Go to the catalog</a>
        </p>
      </Empty>
    </>
  );
}
