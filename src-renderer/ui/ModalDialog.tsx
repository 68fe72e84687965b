import { useLayoutEffect, useRef, type ReactNode } from 'react';
import './dialog-card.css';

/**
 * A modal dialog open while it is mounted: the page behind is inert, so focus stays inside;
 * Esc calls onCancel (unless busy) and closing hands focus back to what opened it.
 */
export const ModalDialog = ({
  className,
  labelledBy,
  describedBy,
  busy = false,
  onCancel,
  children,
}: {
  className: string;
  labelledBy: string;
  describedBy?: string;
  busy?: boolean;
  onCancel: () => void;
  children: ReactNode;
}) => {
  const ref = useRef<HTMLDialogElement>(null);
  // Layout effect: focus returns to the opener before anything else on the page moves it.
  useLayoutEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {children}
    </dialog>
  );
};
