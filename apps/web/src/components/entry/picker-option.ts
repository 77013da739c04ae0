/** One choice in EntrySearchPicker. */
export interface PickerOption {
  id: string;
  label: string;
  detail?: string;
  /** District-level unit of the record, so a form can prefill its unit. */
  unitCode?: string;
}
