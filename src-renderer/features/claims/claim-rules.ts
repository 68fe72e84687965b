import type { ConsumerType } from '#shared/domain/offer';

/** The consuming services and their rules, shown before claiming (seed: "Assign offers"). */
export const consumerRules: Record<ConsumerType, { label: string; rule: string; idLabel: string }> =
  {
    DVS: {
      label: 'DVS (bounce-back) campaign',
      rule: 'A DVS campaign may claim many offers and use whichever fits the context.',
      idLabel: 'Campaign id',
    },
    OUTBOUND: {
      label: 'Outbound campaign',
      rule: 'An outbound campaign claims exactly one offer. Its offer is not available to any other campaign, not even another outbound one.',
      idLabel: 'Campaign id',
    },
    TIMELINE: {
      label: 'Timeline campaign',
      rule: 'A timeline campaign may claim many offers.',
      idLabel: 'Campaign id',
    },
    LOYALTY: {
      label: 'Loyalty program',
      rule: 'A loyalty program may claim many offers; they are visible only within loyalty.',
      idLabel: 'Program id',
    },
  };

export const claimRule =
  'Once claimed, an offer belongs to that one service and is not available to any other.';
