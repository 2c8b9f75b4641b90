// The filters' choices, shared with the Banner (GET /api/admin/dashboard/filters).
export interface FilterChoices {
  readonly queues: readonly { readonly id: string; readonly name: string }[];
  readonly agents: readonly { readonly id: string; readonly name: string }[];
  readonly numbers: readonly { readonly id: string; readonly address: string; readonly label: string | null }[];
}
