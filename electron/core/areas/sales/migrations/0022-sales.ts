import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Sales records (销售记录; areas/sales) and the product/service catalogue they pick from.
 *
 * `sales` holds the sale (customer, calendar day `sold_on` 'YYYY-MM-DD' in the shop's local
 * calendar, one currency, the total in integer minor units), `sale_lines` its lines (the name copied
 * from the catalogue item at entry, quantity in thousandths, unit price, discount and the line's
 * amount, all integers). The search box finds a sale's customer by its line names through
 * sale_search_trigram (trigrams of the names, as record_search_trigram does for records).
 *
 * Two summary tables serve the dashboard, grading and churn without scanning sales:
 * - `sales_monthly`: revenue and count per customer × month × currency of live sales (deleted_at
 *   null), with the customer's grade, responsible staff and liveness (not in the recycle bin, not
 *   merged) copied beside them, so "revenue by grade this year" and "my customers' revenue" are
 *   index range reads;
 * - `customer_sales`: first and last day and the count of each customer's live sales (all
 *   currencies), for churn's usual interval and RFM.
 * They are kept by TRIGGERS on sales and customers rather than by the sales service: every path
 * that writes these rows — the service, a bulk insert or import, a duplicate merge moving sales and
 * its undo, a purge, a customer's grade, owner or recycle-bin change made by any area — then keeps
 * them in the same transaction without having to know about them, and a path added later cannot
 * forget. `checkSalesSummaries` (areas/sales/summaries.ts) recomputes both and lists differences.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'sales',
  up: (db) => {
    db.exec(`
      CREATE TABLE catalogue_items (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind TEXT NOT NULL CHECK (kind IN ('product', 'service')),
        unit TEXT NOT NULL DEFAULT '',
        price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- One active item per name, letter case ignored; retired items may share a name.
      CREATE UNIQUE INDEX catalogue_items_active_name ON catalogue_items (name COLLATE NOCASE) WHERE active = 1;

      CREATE TABLE sales (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        sold_on TEXT NOT NULL CHECK (sold_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
        contract_id INTEGER REFERENCES contracts (id),
        -- Who sold (a user), or nobody.
        staff_id INTEGER REFERENCES users (id),
        notes TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- The list, newest first, and its filters by day.
      CREATE INDEX sales_list ON sales (sold_on, id) WHERE deleted_at IS NULL;
      -- A customer's sales (the customer page, the timeline, customer_sales' recomputation).
      CREATE INDEX sales_by_customer ON sales (customer_id, sold_on, id);
      CREATE INDEX sales_by_staff ON sales (staff_id, sold_on, id) WHERE staff_id IS NOT NULL;
      CREATE INDEX sales_by_contract ON sales (contract_id) WHERE contract_id IS NOT NULL;
      CREATE INDEX sales_deleted ON sales (deleted_at, id) WHERE deleted_at IS NOT NULL;

      CREATE TABLE sale_lines (
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        item_id INTEGER REFERENCES catalogue_items (id),
        name TEXT NOT NULL,
        quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
        unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
        discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0)
      ) STRICT;
      CREATE UNIQUE INDEX sale_lines_by_sale ON sale_lines (sale_id, position);
      CREATE INDEX sale_lines_by_item ON sale_lines (item_id) WHERE item_id IS NOT NULL;

      -- The line names of live sales, trigrams; row id = -sale id (newest first in FTS5's order).
      CREATE VIRTUAL TABLE sale_search_trigram USING fts5(text, tokenize = 'trigram', content = '', contentless_delete = 1);

      CREATE TABLE sales_monthly (
        customer_id INTEGER NOT NULL,
        month TEXT NOT NULL,
        currency TEXT NOT NULL,
        revenue_minor INTEGER NOT NULL,
        sale_count INTEGER NOT NULL,
        grade TEXT NOT NULL,
        owner_id INTEGER,
        -- 1 while the customer is neither in the recycle bin nor merged into another.
        live INTEGER NOT NULL,
        PRIMARY KEY (customer_id, month, currency)
      ) STRICT, WITHOUT ROWID;
      -- Covering the dashboard's sums: by month (and grade) for the shop, and per responsible staff member.
      CREATE INDEX sales_monthly_by_month ON sales_monthly (month, live, grade, currency, revenue_minor, sale_count);
      CREATE INDEX sales_monthly_by_owner ON sales_monthly (owner_id, month, live, grade, currency, revenue_minor, sale_count);

      CREATE TABLE customer_sales (
        customer_id INTEGER PRIMARY KEY,
        first_on TEXT NOT NULL,
        last_on TEXT NOT NULL,
        sale_count INTEGER NOT NULL
      ) STRICT;

      -- A live sale counts in its customer's month and currency.
      CREATE TRIGGER sales_summary_insert AFTER INSERT ON sales WHEN NEW.deleted_at IS NULL
      BEGIN
        INSERT INTO sales_monthly (customer_id, month, currency, revenue_minor, sale_count, grade, owner_id, live)
          SELECT NEW.customer_id, substr(NEW.sold_on, 1, 7), NEW.currency, NEW.total_minor, 1, c.grade, c.owner_id, c.deleted_at IS NULL AND c.merged_into IS NULL
          FROM customers c WHERE c.id = NEW.customer_id
          ON CONFLICT (customer_id, month, currency) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor, sale_count = sale_count + 1;
        INSERT INTO customer_sales (customer_id, first_on, last_on, sale_count) VALUES (NEW.customer_id, NEW.sold_on, NEW.sold_on, 1)
          ON CONFLICT (customer_id) DO UPDATE SET first_on = min(first_on, excluded.first_on), last_on = max(last_on, excluded.last_on), sale_count = sale_count + 1;
      END;

      -- A deleted (purged) live sale leaves its month; its customer's first/last day are read again.
      CREATE TRIGGER sales_summary_delete AFTER DELETE ON sales WHEN OLD.deleted_at IS NULL
      BEGIN
        UPDATE sales_monthly SET revenue_minor = revenue_minor - OLD.total_minor, sale_count = sale_count - 1
          WHERE customer_id = OLD.customer_id AND month = substr(OLD.sold_on, 1, 7) AND currency = OLD.currency;
        DELETE FROM sales_monthly WHERE customer_id = OLD.customer_id AND month = substr(OLD.sold_on, 1, 7) AND currency = OLD.currency AND sale_count = 0;
        DELETE FROM customer_sales WHERE customer_id = OLD.customer_id;
        INSERT INTO customer_sales (customer_id, first_on, last_on, sale_count)
          SELECT customer_id, min(sold_on), max(sold_on), count(*) FROM sales WHERE customer_id = OLD.customer_id AND deleted_at IS NULL GROUP BY customer_id;
      END;

      -- An edit, a move to another customer (merge and its undo), a delete to or restore from the
      -- recycle bin: the old values leave (when they counted), the new ones come in (when they count).
      CREATE TRIGGER sales_summary_update AFTER UPDATE OF customer_id, sold_on, currency, total_minor, deleted_at ON sales
      BEGIN
        UPDATE sales_monthly SET revenue_minor = revenue_minor - OLD.total_minor, sale_count = sale_count - 1
          WHERE OLD.deleted_at IS NULL AND customer_id = OLD.customer_id AND month = substr(OLD.sold_on, 1, 7) AND currency = OLD.currency;
        DELETE FROM sales_monthly WHERE customer_id = OLD.customer_id AND month = substr(OLD.sold_on, 1, 7) AND currency = OLD.currency AND sale_count = 0;
        INSERT INTO sales_monthly (customer_id, month, currency, revenue_minor, sale_count, grade, owner_id, live)
          SELECT NEW.customer_id, substr(NEW.sold_on, 1, 7), NEW.currency, NEW.total_minor, 1, c.grade, c.owner_id, c.deleted_at IS NULL AND c.merged_into IS NULL
          FROM customers c WHERE c.id = NEW.customer_id AND NEW.deleted_at IS NULL
          ON CONFLICT (customer_id, month, currency) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor, sale_count = sale_count + 1;
        DELETE FROM customer_sales WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
        INSERT INTO customer_sales (customer_id, first_on, last_on, sale_count)
          SELECT customer_id, min(sold_on), max(sold_on), count(*) FROM sales WHERE customer_id IN (OLD.customer_id, NEW.customer_id) AND deleted_at IS NULL GROUP BY customer_id;
      END;

      -- The customer's grade, responsible staff member and liveness, copied beside its revenue.
      CREATE TRIGGER sales_summary_customer AFTER UPDATE OF grade, owner_id, deleted_at, merged_into ON customers
      WHEN OLD.grade IS NOT NEW.grade OR OLD.owner_id IS NOT NEW.owner_id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL) OR OLD.merged_into IS NOT NEW.merged_into
      BEGIN
        UPDATE sales_monthly SET grade = NEW.grade, owner_id = NEW.owner_id, live = NEW.deleted_at IS NULL AND NEW.merged_into IS NULL WHERE customer_id = NEW.id;
      END;

      CREATE TRIGGER sales_summary_customer_purge AFTER DELETE ON customers
      BEGIN
        DELETE FROM sales_monthly WHERE customer_id = OLD.id;
        DELETE FROM customer_sales WHERE customer_id = OLD.id;
      END;
    `);
  },
};
