/** A remembered create: the same key with the same body answers the stored response. */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  organization_id: string;
  route: string;
  request_hash: string;
  status_code: number;
  response_json: string;
  created_at: string;
}
