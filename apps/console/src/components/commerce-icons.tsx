import type { ReactNode } from 'react';

/** Icons of the commerce nav entries; drawn like the set in icons.tsx (24 grid, 1.8 stroke, decorative). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/** A parcel with a return arrow. */
export const ReturnsIcon = () => (
  <Icon>
    <path d="M4 8.5 12 4l8 4.5v7L12 20l-8-4.5z" />
    <path d="M4 8.5 12 13l8-4.5M12 13v7" />
  </Icon>
);

/** A shop front with an awning. */
export const StoreIcon = () => (
  <Icon>
    <path d="M4 9.5 5.5 4h13L20 9.5" />
    <path d="M4 9.5c0 1.4 1.1 2.5 2.7 2.5s2.6-1.1 2.6-2.5c0 1.4 1.1 2.5 2.7 2.5s2.7-1.1 2.7-2.5c0 1.4 1 2.5 2.6 2.5S20 10.9 20 9.5" />
    <path d="M5.5 12v8h13v-8M10 20v-5h4v5" />
  </Icon>
);
