/** The database tables of the no-write-in-db-transaction examples (Kysely's table types). */
export interface Db {
  products: { id: number; name: string; price: number };
  /** Every price change, with who made it; `changed_by` may not be empty (a CHECK constraint). */
  price_changes: { product_id: number; price: number; changed_by: string };
}
