/** Bar-chart icon for the Reports nav entry; drawn like the set in icons.tsx (24 grid, 1.8 stroke). */
export const ReportsIcon = () => (
  <svg
    className="icon"
    width={20}
    height={20}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path d="M4 20h16" />
    <path d="M7 16v-5M12 16V6M17 16v-8" />
  </svg>
);
