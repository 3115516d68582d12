/** The estate a form writes to: the one chosen in the header, or the user's only one. */
import { useEstate } from '../../../app/estate/EstateProvider';

export function useTargetEstate() {
  const { estateId, estates } = useEstate();
  const id = estateId ?? (estates.length === 1 ? estates[0]!.id : undefined);
  return { targetEstateId: id, targetEstate: estates.find((e) => e.id === id) };
}
