/** The experience area's nav icon: a path through three touchpoints. */
export const ExperienceIcon = () => (
  <svg className="icon" width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <circle cx="5" cy="18" r="2" />
    <circle cx="12" cy="6" r="2" />
    <circle cx="19" cy="16" r="2" />
    <path d="M6.2 16.3 10.8 7.7M13.3 7.6l4.6 6.7" />
  </svg>
);
