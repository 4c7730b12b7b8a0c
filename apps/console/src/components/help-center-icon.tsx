/** Open-book icon for the Help center nav entry; drawn like the set in icons.tsx (24 grid, 1.8 stroke). */
export const HelpCenterIcon = () => (
  <svg className="icon" width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M3 5.5C5.5 4.5 8.5 4.5 12 6.5c3.5-2 6.5-2 9-1V19c-2.5-1-5.5-1-9 1-3.5-2-6.5-2-9-1z" />
    <path d="M12 6.5V20" />
  </svg>
);
