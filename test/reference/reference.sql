-- traject reference implementation in DuckDB SQL: the cohort figures of SPEC section 5 / 9 for
-- allocation data (toewijzingen), disclosure off, following docs/definitions.md.
--
-- Written from SPEC.md and docs/definitions.md only (not from the engine code), so that the
-- differential test compares two independent readings of the definitions.
--
-- The runner (duckdb-reference.ts) substitutes:
--   {{year}}, {{gap_days}}    cohort year Y and the stitching gap (default 30)
--   {{codes}}, {{regions}}    paths of the mapping table and the region table ('' = no region table)
--   per input file, the statement between "BEGIN PER INPUT" and "END PER INPUT", with
--   {{i}} (0-based source order), {{path}} and {{delim}} (',' or ';', taken from the header line)
--   {{input_union}}           SELECT {{i}} AS src, rowid AS rn, * FROM raw_{{i}} UNION ALL ...
-- Statements are separated by lines that end in ';'. The final SELECT returns the metrics rows.
--
-- Choices where definitions.md leaves room (documented, so a mismatch can be judged):
--   * exact duplicates are found after normalisation (municipality number, day numbers, trimmed
--     and upper-cased code, trimmed other fields); the first copy in read order is kept.
--   * rows that cannot be read (no client, bad municipality, bad or missing start, unreadable end)
--     and rows whose end lies before the start are dropped before allocation versions are merged.
--   * cohort_youths has no denominator (NULL); all other measures carry both counts.
--   * every area with at least one cohort youth gets every row (zero counts included).

SET VARIABLE y = {{year}};
SET VARIABLE gap = {{gap_days}};
-- Day numbers (days since 1970-01-01).
SET VARIABLE y0 = (make_date(getvariable('y'), 1, 1) - DATE '1970-01-01');
SET VARIABLE y1 = (make_date(getvariable('y') + 1, 1, 1) - DATE '1970-01-01');
SET VARIABLE y2 = (make_date(getvariable('y') + 2, 1, 1) - DATE '1970-01-01');
SET VARIABLE open_end = 2147483647;

-- A day number from 2021-03-01, 01-03-2021, 1-3-2021 or 20210301; a time of day after a space or
-- 'T' is ignored. NULL when empty, -1 when not readable.
CREATE MACRO pday(s) AS (
  CASE WHEN s IS NULL OR trim(s) = '' THEN NULL
  ELSE coalesce(
    CAST(coalesce(
      try_strptime(split_part(replace(trim(s), 'T', ' '), ' ', 1), '%Y-%m-%d'),
      try_strptime(split_part(replace(trim(s), 'T', ' '), ' ', 1), '%d-%m-%Y'),
      try_strptime(split_part(replace(trim(s), 'T', ' '), ' ', 1), '%Y%m%d')
    ) AS DATE) - DATE '1970-01-01', -1)
  END
);
-- A municipality number from 363, 0363 or GM0363; NULL when not readable.
CREATE MACRO pgm(s) AS (
  CASE WHEN regexp_full_match(upper(trim(coalesce(s, ''))), '(GM)?[0-9]{1,4}')
    THEN CAST(regexp_replace(upper(trim(s)), '^GM', '') AS INTEGER) END
);

-- ------------------------------------------------------------------------------------------
-- Inputs, read with DuckDB's own CSV reader. CTAS keeps the read order (preserve_insertion_order),
-- so rowid is the line order within a file.

-- BEGIN PER INPUT
CREATE TABLE raw_{{i}} AS SELECT * FROM read_csv('{{path}}', delim = '{{delim}}', header = true,
  all_varchar = true, quote = '"', escape = '"', normalize_names = true);
-- END PER INPUT

CREATE TABLE raw_input AS {{input_union}};

CREATE TABLE rows_norm AS
SELECT
  src, rn,
  trim(client_id) AS client,
  pgm(gemeente) AS gm,
  upper(trim(coalesce(productcode, ''))) AS code,
  trim(coalesce(productcategorie, '')) AS ijw,
  pday(begindatum) AS start_day,
  pday(einddatum) AS end_day, -- NULL = open
  trim(coalesce(toewijzingnummer, '')) AS alloc,
  trim(coalesce(aanbieder, '')) AS provider
FROM raw_input;

-- Readable, valid rows (SPEC 2: an end before the start is invalid and not used).
CREATE TABLE rows_ok AS
SELECT * FROM rows_norm
WHERE client IS NOT NULL AND client <> '' AND gm IS NOT NULL AND code <> ''
  AND start_day IS NOT NULL AND start_day >= 0
  AND (end_day IS NULL OR end_day >= start_day);

-- Exact duplicates count once (first copy in read order).
CREATE TABLE rows_dedup AS
SELECT * FROM rows_ok
QUALIFY row_number() OVER (
  PARTITION BY client, gm, code, ijw, start_day, end_day, alloc, provider ORDER BY src, rn) = 1;

-- Allocation versions: one product per (client, allocation number), the row read last wins.
-- Rows without an allocation number are each a product.
CREATE TABLE products AS
SELECT row_number() OVER (ORDER BY src, rn) AS pid, client, gm, code, ijw, start_day,
  coalesce(end_day, getvariable('open_end')) AS end_day, end_day IS NULL AS is_open
FROM (
  SELECT * FROM rows_dedup WHERE alloc <> ''
  QUALIFY row_number() OVER (PARTITION BY client, alloc ORDER BY src DESC, rn DESC) = 1
  UNION ALL
  SELECT * FROM rows_dedup WHERE alloc = ''
);

-- ------------------------------------------------------------------------------------------
-- Region table and mapping table.

CREATE TABLE regions (gm INTEGER, regio VARCHAR);
-- BEGIN REGIONS
INSERT INTO regions
SELECT DISTINCT pgm(gemeente), trim(regio)
FROM read_csv('{{regions}}', header = true, all_varchar = true, normalize_names = true)
WHERE pgm(gemeente) IS NOT NULL AND trim(coalesce(regio, '')) <> '';
-- END REGIONS

CREATE TABLE mapping AS
SELECT
  upper(trim(productcode)) AS code,
  trim(category) AS category,
  pgm(gemeente) AS scope_gm,
  nullif(trim(coalesce(regio, '')), '') AS scope_regio,
  pday(geldig_vanaf) AS vanaf,
  pday(geldig_tot) AS tot
FROM read_csv('{{codes}}', header = true, all_varchar = true, normalize_names = true);

-- The built-in iJw fallback (src/mapping/ijw-fallback.ts is named by definitions.md as part of
-- the definitions; this is a copy of its data: productcategorie -> category).
CREATE TABLE ijw_fallback (ijw INTEGER, category VARCHAR);
INSERT INTO ijw_fallback VALUES
  (31, 'ambulant_non_ggz'), (32, 'ambulant_non_ggz'), (33, 'ambulant_non_ggz'), (34, 'ambulant_non_ggz'),
  (35, 'verblijf_non_ggz'), (36, 'verblijf_non_ggz'), (37, 'verblijf_non_ggz'), (38, 'verblijf_non_ggz'),
  (40, 'ambulant_non_ggz'), (41, 'ambulant_non_ggz'), (42, 'overig_multidisciplinair'),
  (43, 'verblijf_non_ggz'), (44, 'verblijf_non_ggz'), (45, 'ambulant_non_ggz'),
  (46, 'overig_multidisciplinair'), (47, 'jeugdreclassering'), (48, 'jeugdbescherming'),
  (49, 'overig_multidisciplinair'), (50, 'overig_multidisciplinair'), (51, 'ggz'), (52, 'ggz'),
  (53, 'ggz'), (54, 'ggz'), (55, 'overig_multidisciplinair');

-- Most specific matching row wins: municipality scope > region scope > no scope; then a row with a
-- validity period; then the latest geldig_vanaf.
CREATE TABLE product_cat AS
WITH p AS (
  SELECT p.pid, p.code, p.gm, p.ijw, p.start_day, r.regio
  FROM products p LEFT JOIN regions r USING (gm)
),
matched AS (
  SELECT p.pid, m.category
  FROM p JOIN mapping m
    ON m.code = p.code
   AND (m.scope_gm = p.gm OR (m.scope_gm IS NULL AND m.scope_regio = p.regio)
        OR (m.scope_gm IS NULL AND m.scope_regio IS NULL))
   AND (m.vanaf IS NULL OR p.start_day >= m.vanaf)
   AND (m.tot IS NULL OR p.start_day <= m.tot)
  QUALIFY row_number() OVER (PARTITION BY p.pid ORDER BY
    CASE WHEN m.scope_gm IS NOT NULL THEN 2 WHEN m.scope_regio IS NOT NULL THEN 1 ELSE 0 END DESC,
    (m.vanaf IS NOT NULL OR m.tot IS NOT NULL) DESC,
    m.vanaf DESC NULLS LAST,
    m.category) = 1
)
SELECT p.pid,
  coalesce(matched.category, f.category, 'overig_multidisciplinair') AS category
FROM p
LEFT JOIN matched USING (pid)
LEFT JOIN ijw_fallback f
  ON f.ijw = TRY_CAST(CASE WHEN regexp_full_match(p.ijw, '[0-9]{1,3}') THEN p.ijw END AS INTEGER);

CREATE TABLE prod AS
SELECT p.*, c.category FROM products p JOIN product_cat c USING (pid);

-- ------------------------------------------------------------------------------------------
-- The cohort of year Y.

CREATE TABLE first_day AS
SELECT client, min(start_day) AS d
FROM prod WHERE start_day >= getvariable('y0') AND start_day < getvariable('y1')
GROUP BY client;

CREATE TABLE cohort AS
SELECT f.client, f.d AS first_day, min(p.gm) AS gm, list_sort(list_distinct(list(p.category))) AS start_cats
FROM first_day f JOIN prod p ON p.client = f.client AND p.start_day = f.d
GROUP BY f.client, f.d;

-- Still in care in Y+1: any product of the client (any start, any category) touching Y+1.
CREATE TABLE in_care AS
SELECT DISTINCT p.client
FROM prod p JOIN cohort c USING (client)
WHERE p.start_day < getvariable('y2') AND p.end_day >= getvariable('y1');

-- Stitching (SPEC 4): products starting on or after 1 Jan Y, sorted by start then end (open last);
-- a product starts a new trajectory when start - (latest end of all earlier products) > gap.
CREATE TABLE stitched AS
WITH s AS (
  SELECT p.client, p.pid, p.start_day, p.end_day, p.is_open,
    max(p.end_day) OVER (PARTITION BY p.client ORDER BY p.start_day, p.end_day, p.pid
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
  FROM prod p JOIN cohort c USING (client)
  WHERE p.start_day >= getvariable('y0')
)
SELECT *, sum(CASE WHEN prev_max IS NULL OR start_day - prev_max > getvariable('gap') THEN 1 ELSE 0 END)
  OVER (PARTITION BY client ORDER BY start_day, end_day, pid ROWS UNBOUNDED PRECEDING) AS traj
FROM s;

CREATE TABLE trajectories AS
SELECT client, traj, min(start_day) AS first_start, count(*) AS n,
  bool_or(is_open) OR max(end_day) >= getvariable('y2') AS open
FROM stitched GROUP BY client, traj;

-- ------------------------------------------------------------------------------------------
-- Counts per municipality (the client's municipality), in long form.

CREATE TABLE cats (category VARCHAR, ord INTEGER);
INSERT INTO cats VALUES ('ambulant_non_ggz', 1), ('ggz', 2), ('verblijf_non_ggz', 3),
  ('overig_multidisciplinair', 4), ('jeugdbescherming', 5), ('jeugdreclassering', 6);
CREATE TABLE buckets (bucket VARCHAR, lo INTEGER, hi INTEGER);
INSERT INTO buckets VALUES ('1', 1, 1), ('2', 2, 2), ('3', 3, 3), ('4', 4, 4), ('5+', 5, 2147483647);

CREATE TABLE traj_y AS
SELECT c.gm, t.* FROM trajectories t JOIN cohort c USING (client)
WHERE t.first_start < getvariable('y1');

CREATE TABLE started AS -- products of the cohort started in Y
SELECT c.gm, p.client, p.category FROM prod p JOIN cohort c USING (client)
WHERE p.start_day >= getvariable('y0') AND p.start_day < getvariable('y1');

CREATE TABLE per_gm AS
SELECT gm, count(*) AS youths, count(*) FILTER (WHERE client IN (SELECT client FROM in_care)) AS in_care
FROM cohort GROUP BY gm;

CREATE TABLE traj_gm AS -- trajectories started in Y per municipality, size bucket and open/closed
SELECT t.gm, b.bucket, t.open, count(*) AS trajectories, sum(t.n) AS products
FROM traj_y t JOIN buckets b ON t.n BETWEEN b.lo AND b.hi
GROUP BY t.gm, b.bucket, t.open;

CREATE TABLE start_any AS
SELECT gm, cat AS category, count(*) AS youths
FROM (SELECT gm, unnest(start_cats) AS cat FROM cohort) GROUP BY gm, cat;

CREATE TABLE start_alone AS
SELECT gm, start_cats[1] AS category, count(*) AS youths
FROM cohort WHERE len(start_cats) = 1 GROUP BY gm, start_cats[1];

CREATE TABLE started_gm AS
SELECT gm, category, count(*) AS products, count(DISTINCT client) AS youths
FROM started GROUP BY gm, category;

CREATE TABLE gm_counts AS
WITH tr AS (
  SELECT g.gm,
    coalesce(sum(t.products) FILTER (WHERE NOT t.open), 0) AS closed_products,
    coalesce(sum(t.trajectories) FILTER (WHERE NOT t.open), 0) AS closed,
    coalesce(sum(t.trajectories) FILTER (WHERE t.open), 0) AS open,
    coalesce(sum(t.trajectories), 0) AS total
  FROM per_gm g LEFT JOIN traj_gm t USING (gm) GROUP BY g.gm
)
SELECT gm, 'cohort_youths' AS measure, '' AS category, '' AS bucket, youths AS numerator, NULL::BIGINT AS denominator FROM per_gm
UNION ALL
SELECT gm, 'in_care_next_year', '', '', in_care, youths FROM per_gm
UNION ALL
SELECT gm, 'outflow', '', '', youths - in_care, youths FROM per_gm
UNION ALL
SELECT gm, 'products_per_trajectory', '', '', closed_products, closed FROM tr
UNION ALL
SELECT gm, 'trajectories_open', '', '', open, total FROM tr
UNION ALL
SELECT g.gm, 'trajectory_size', '', b.bucket, coalesce(t.trajectories, 0), tr.closed
FROM per_gm g CROSS JOIN buckets b JOIN tr USING (gm)
LEFT JOIN traj_gm t ON t.gm = g.gm AND t.bucket = b.bucket AND NOT t.open
UNION ALL
SELECT g.gm, 'start_category_any', k.category, '', coalesce(a.youths, 0), g.youths
FROM per_gm g CROSS JOIN cats k LEFT JOIN start_any a ON a.gm = g.gm AND a.category = k.category
UNION ALL
SELECT g.gm, 'start_category_alone', k.category, '', coalesce(a.youths, 0), g.youths
FROM per_gm g CROSS JOIN cats k LEFT JOIN start_alone a ON a.gm = g.gm AND a.category = k.category
UNION ALL
SELECT g.gm, 'products_started', k.category, '', coalesce(s.products, 0), coalesce(s.youths, 0)
FROM per_gm g CROSS JOIN cats k LEFT JOIN started_gm s ON s.gm = g.gm AND s.category = k.category;

-- ------------------------------------------------------------------------------------------
-- Municipality, region (sum of its municipalities) and all (sum of every municipality).

CREATE TABLE metrics AS
SELECT 'municipality' AS level, 'GM' || lpad(CAST(gm AS VARCHAR), 4, '0') AS area, measure, category, bucket,
  numerator, denominator
FROM gm_counts
UNION ALL
SELECT 'region', r.regio, measure, category, bucket, sum(numerator), sum(denominator)
FROM gm_counts JOIN regions r USING (gm)
GROUP BY r.regio, measure, category, bucket
UNION ALL
SELECT 'all', 'all', measure, category, bucket, sum(numerator), sum(denominator)
FROM gm_counts
GROUP BY measure, category, bucket;

SELECT level, area, 'allocations' AS data_kind, measure, category, bucket,
  CAST(numerator AS BIGINT) AS numerator, CAST(denominator AS BIGINT) AS denominator
FROM metrics
ORDER BY CASE level WHEN 'municipality' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, area, measure, category, bucket;
