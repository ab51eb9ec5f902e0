import type { ReactNode } from 'react';

interface PanelProps {
  step: number;
  title: string;
  /** Accessible name that makes the panel a labelled region. Without it the panel is generic. */
  regionLabel?: string;
  /** Short text right of the title, e.g. what the panel needs first. */
  aside?: ReactNode;
  children: ReactNode;
}

/** Renders one numbered step of the page: Data, Train, Charts, Test metrics, Explore, Model file. */
export function Panel({ step, title, regionLabel, aside, children }: PanelProps) {
  return (
    <section className="panel" aria-label={regionLabel}>
      <header className="panel-header">
        <h2>
          <span className="panel-step" aria-hidden="true">
            {step}
          </span>
          {title}
        </h2>
        {aside !== undefined && <div className="panel-aside">{aside}</div>}
      </header>
      {children}
    </section>
  );
}
