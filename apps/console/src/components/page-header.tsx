import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/use-page-title.ts';

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown above the title, e.g. a back link. */
  before?: ReactNode;
}

/** The one `<h1>` of a page; it also sets the document title. Focus lands here after navigation. */
export function PageHeader({ title, description, actions, before }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <header className="page-header">
      {before}
      <div className="page-header-row">
        <div className="page-header-text">
          <h1 tabIndex={-1} data-page-heading="">
            {title}
          </h1>
          {description ? <p className="page-description">{description}</p> : null}
        </div>
        {actions ? <div className="page-header-actions">{actions}</div> : null}
      </div>
    </header>
  );
}
