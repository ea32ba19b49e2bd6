/** An organization's imported wording for a licensed instrument; the newest import is active. */
export interface InstrumentPackTable {
  id: string;
  organization_id: string;
  instrument_id: string;
  instrument_version: string;
  pack_version: string;
  language: string;
  pack_json: string;
  status: string;
  imported_by: string;
  imported_at: string;
}
