/** Keeps the staff shell's data live (see useLiveUpdates); renders nothing. */
import { useLiveUpdates } from '../hooks/useLiveUpdates';

export function LiveUpdates() {
  useLiveUpdates();
  return null;
}
