-- traject reference implementation in DuckDB SQL: the cohort figures of SPEC sections 5, 9 and 10 for
-- allocation data (toewijzingen), claims data (declaraties) and runs holding both (the `mixed`
-- figures), disclosure off, following docs/definitions.md.
--
-- Written from SPEC.md and docs/definitions.md only (not from the engine code), so that the
-- differential test compares two independent readings of the definitions.
--
-- The runner (duckdb-reference.ts) substitutes:
--   {{year}}, {{gap_days}}    cohort year Y and the stitching gap (default 30)
--   {{codes}}, {{regions}}    paths of the mapping table and the region table ('' = no region table)
--   per input file, the statements between "BEGIN PER INPUT" and "END PER INPUT" lines, with
--   {{i}} (0-based source order), {{path}}, {{delim}} (',' or ';', taken from the header line)
--   and {{kind}} ('allocations' or 'claims'); {{reason}}, {{birth}}, {{referrer}}, {{sex}}: the
--   optional columns reden_beeindiging, geboortedatum, verwijzer, geslacht, or NULL when the file
--   has no such column
--   {{has_reason}}            TRUE when some input has a reden_beeindiging column (SPEC 10: only then
--                             ended_as_planned)
--   {{data_until}}            the data cut-off D as a day number (--data-until), or NULL: from the data
--   {{lookback_days}}         the prior-care lookback L (default 365)
--   {{mixed}}                 TRUE when the inputs hold both kinds (then the mixed figures are made)
--   {{input_union}}           SELECT {{i}} AS src, rowid AS rn, * FROM norm_{{i}} UNION ALL ...
-- Statements are separated by lines that end in ';'. The final SELECT returns the metrics rows:
-- the counts, and for the Kaplan-Meier rows (in_trajectory_after, trajectory_duration_median) the
-- value too, computed here in SQL (window functions over the distinct times of each area's curve).
--
-- Choices where definitions.md leaves room (documented, so a mismatch can be judged):
--   * exact duplicates are found after normalisation (municipality number, day numbers, trimmed
--     and upper-cased code, trimmed other fields); the first copy in read order is kept.
--   * rows that cannot be read (no client, bad municipality, bad or missing start, unreadable end)
--     and rows whose end lies before the start are dropped before allocation versions are merged.
--   * cohort_youths has no denominator (NULL); all other measures carry both counts.
--   * figures are made per analysis kind: allocations (the allocation products), claims (the
--     claim products) and, in a run with sources of both kinds, mixed (all products of a client,
--     both kinds, stitched together once: its own cohort, municipality of a client, in care, ...).
--   * every area with at least one cohort youth of a kind gets every row of that kind (zero counts
--     included). Mixed rows are kept only for an area that has allocations rows and claims rows
--     ("an area with one kind of data gets rows of that kind only"); the region and all sums
--     still take the mixed counts of every municipality, shown or not.
--   * claims: a claim product takes the municipality, code and iJw category of its earliest row
--     (by start, then end, then read order); an empty end on a claim row is read as open.
--   * SPEC 10: the optional columns (reason, birth date, referrer, sex) take part in the duplicate
--     check (reason as its code, the others as trimmed text), so rows that differ only there are two
--     rows. A claim product's reason for ending is that of its latest-ending row(s) (lowest code).
--     Trajectories that start after D (censoring time < 1) are left out of the curve, so out of the
--     in_trajectory_after and median denominators too. For mixed figures "of the same kind" means
--     any product of either kind (prior care, the next product after a trajectory).

SET VARIABLE y = {{year}};
SET VARIABLE gap = {{gap_days}};
-- Day numbers (days since 1970-01-01).
SET VARIABLE y0 = (make_date(getvariable('y'), 1, 1) - DATE '1970-01-01');
SET VARIABLE y1 = (make_date(getvariable('y') + 1, 1, 1) - DATE '1970-01-01');
SET VARIABLE y2 = (make_date(getvariable('y') + 2, 1, 1) - DATE '1970-01-01');
SET VARIABLE open_end = 2147483647;

-- A day number from 2021-03-01, 01-03-2021, 1-3-2021 or 20210301; a time of day after a space or
-- 'T' is ignored. NULL when empty, -1 when not readable. (The shape picks one parser: evaluating
-- all three on every value made this the slowest step.)
CREATE MACRO pday_t(t) AS (
  CASE WHEN t IS NULL OR t = '' THEN NULL
  ELSE coalesce(CAST(
    CASE
      WHEN t[5] = '-' AND t[2] <> '-' AND t[3] <> '-' THEN try_strptime(t[1:10], '%Y-%m-%d')
      WHEN contains(t, '-') THEN try_strptime(split_part(replace(t, 'T', ' '), ' ', 1), '%d-%m-%Y')
      ELSE try_strptime(t[1:8], '%Y%m%d')
    END AS DATE) - DATE '1970-01-01', -1)
  END
);
CREATE MACRO pday(s) AS pday_t(trim(s));
-- A municipality number from 363, 0363 or GM0363; NULL when not readable.
CREATE MACRO pgm_t(t) AS (
  CASE WHEN length(t) BETWEEN 1 AND 6 AND regexp_full_match(t, '(GM|gm|Gm|gM)?[0-9]{1,4}')
    THEN nullif(TRY_CAST(CASE WHEN t[1] IN ('G', 'g') THEN t[3:] ELSE t END AS INTEGER), 0) END
);
CREATE MACRO pgm(s) AS pgm_t(trim(s));

-- ------------------------------------------------------------------------------------------
-- Inputs, read with DuckDB's own CSV reader (every column as text) and normalised in the same pass.
-- CTAS keeps the read order (preserve_insertion_order), so rowid is the line order within a file.
-- The default-profile columns are expected by name (client_id, gemeente, productcode,
-- productcategorie, begindatum, einddatum, toewijzingnummer, aanbieder), as the generator writes them.

-- BEGIN PER INPUT
CREATE TABLE norm_{{i}} AS
SELECT
  trim(client_id) AS client,
  pgm(gemeente) AS gm,
  upper(trim(coalesce(productcode, ''))) AS code,
  trim(coalesce(productcategorie, '')) AS ijw,
  pday(begindatum) AS start_day,
  pday(einddatum) AS end_day, -- NULL = open
  trim(coalesce(toewijzingnummer, '')) AS alloc,
  trim(coalesce(aanbieder, '')) AS provider,
  -- Optional columns ({{reason}} etc. are the column or NULL when the file has none): the reason for
  -- ending as iJw JZ588 code 1..99 (one or two digits; anything else: 0, none); the others only
  -- take part in the duplicate check, as trimmed text.
  coalesce(CASE WHEN regexp_full_match(trim({{reason}}), '[0-9]{1,2}') THEN CAST(trim({{reason}}) AS INTEGER) END, 0) AS reason,
  coalesce(trim({{birth}}), '') AS birth,
  coalesce(trim({{referrer}}), '') AS referrer,
  coalesce(trim({{sex}}), '') AS sex,
  '{{kind}}' AS kind
FROM read_csv('{{path}}', delim = '{{delim}}', header = true, all_varchar = true, quote = '"', escape = '"',
  normalize_names = true);
-- END PER INPUT

-- src = source order, rn = line order in the source.
CREATE VIEW rows_norm AS {{input_union}};

-- Readable, valid rows only (SPEC 2: an end before the start is invalid and not used).
-- Exact duplicates (same kind, same values) count once (the first copy in read order; ord = read order).
CREATE TABLE rows_dedup AS
SELECT kind, client, gm, code, ijw, start_day, end_day, alloc, provider, reason,
  min(src * 1099511627776 + rn) AS ord
FROM rows_norm
WHERE client IS NOT NULL AND client <> '' AND gm IS NOT NULL AND code <> ''
  AND start_day IS NOT NULL AND start_day >= 0
  AND (end_day IS NULL OR end_day >= start_day)
GROUP BY kind, client, gm, code, ijw, start_day, end_day, alloc, provider, reason, birth, referrer, sex;
DROP VIEW rows_norm;
-- BEGIN PER INPUT
DROP TABLE norm_{{i}};
-- END PER INPUT

-- Allocation versions: one product per (client, allocation number), the row read last wins.
-- Rows without an allocation number are each a product. pid = read order of the row that counts.
CREATE TABLE products AS
SELECT 'allocations' AS kind, d.ord AS pid, d.client, d.gm, d.code, d.ijw, d.start_day,
  coalesce(d.end_day, getvariable('open_end')) AS end_day, d.end_day IS NULL AS is_open, d.reason
FROM rows_dedup d
LEFT JOIN (
  SELECT client, alloc, max(ord) AS last_ord FROM rows_dedup
  WHERE kind = 'allocations' AND alloc <> '' GROUP BY client, alloc
) v ON v.client = d.client AND v.alloc = d.alloc
WHERE d.kind = 'allocations' AND (d.alloc = '' OR d.ord = v.last_ord);

-- Claims: rows of one client, code and provider (an empty provider is a group of its own) whose
-- periods overlap or follow within 1 day (start - latest end so far <= 1) are one product
-- (gaps and islands). pid = read order of its first row read. Its reason for ending is that of
-- its latest-ending row (several: the lowest code given; SPEC 10 reads the reason of a trajectory
-- the same way from its products).
INSERT INTO products
WITH c AS (
  SELECT *, coalesce(end_day, getvariable('open_end')) AS e FROM rows_dedup WHERE kind = 'claims'
),
edges AS (
  SELECT *, max(e) OVER (PARTITION BY client, code, provider ORDER BY start_day, e, ord
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
  FROM c
),
islands AS (
  SELECT *, sum(CASE WHEN prev_max IS NULL OR start_day - prev_max > 1 THEN 1 ELSE 0 END)
    OVER (PARTITION BY client, code, provider ORDER BY start_day, e, ord ROWS UNBOUNDED PRECEDING) AS island
  FROM edges
),
ends AS (
  SELECT *, max(e) OVER (PARTITION BY client, code, provider, island) AS island_end FROM islands
)
SELECT 'claims', min(ord), client, first(gm ORDER BY start_day, e, ord), code,
  first(ijw ORDER BY start_day, e, ord), min(start_day), max(e), bool_or(end_day IS NULL),
  coalesce(min(reason) FILTER (WHERE reason > 0 AND e = island_end), 0)
FROM ends
GROUP BY client, code, provider, island;

-- SPEC 10: the data cut-off D per analysis kind, as a day number. Allocations: the latest start of
-- an allocation product (after versions: a replaced version is no product); claims: the latest end
-- of a claim period (row), or when no claim period has an end, the latest start; mixed: the earlier
-- of the two. {{data_until}} (a day number, or NULL) replaces all of them.
CREATE TABLE cutoff (ak VARCHAR, d BIGINT);
INSERT INTO cutoff
SELECT 'allocations', coalesce({{data_until}}, max(start_day)) FROM products WHERE kind = 'allocations' HAVING count(*) > 0
UNION ALL
SELECT 'claims', coalesce({{data_until}}, max(end_day), max(start_day)) FROM rows_dedup WHERE kind = 'claims' HAVING count(*) > 0;
INSERT INTO cutoff SELECT 'mixed', min(d) FROM cutoff HAVING count(*) = 2;
DROP TABLE rows_dedup;

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
FROM ( -- the scope and validity columns are optional (SPEC 9): absent ones read as empty
  SELECT NULL::VARCHAR AS gemeente, NULL::VARCHAR AS regio, NULL::VARCHAR AS geldig_vanaf, NULL::VARCHAR AS geldig_tot
  WHERE false
  UNION ALL BY NAME
  SELECT * FROM read_csv('{{codes}}', header = true, all_varchar = true, normalize_names = true)
);

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
CREATE TABLE prod AS
WITH p AS (
  SELECT p.pid, p.code, p.gm, p.ijw, p.start_day, r.regio
  FROM products p LEFT JOIN regions r USING (gm)
),
ranked AS ( -- rank: scope (2 municipality, 1 region, 0 none), then validity period, then geldig_vanaf
  SELECT *,
    (CASE WHEN scope_gm IS NOT NULL THEN 2 WHEN scope_regio IS NOT NULL THEN 1 ELSE 0 END) * 4194304
    + (CASE WHEN vanaf IS NOT NULL OR tot IS NOT NULL THEN 2097152 ELSE 0 END)
    + coalesce(vanaf + 100000, 0) AS rank -- 0 < vanaf + 100000 < 2^21 for 1700 .. 5400
  FROM mapping
),
matched AS (
  SELECT p.pid, arg_max(m.category, m.rank) AS category
  FROM p JOIN ranked m
    ON m.code = p.code
   AND (m.scope_gm = p.gm OR (m.scope_gm IS NULL AND m.scope_regio = p.regio)
        OR (m.scope_gm IS NULL AND m.scope_regio IS NULL))
   AND (m.vanaf IS NULL OR p.start_day >= m.vanaf)
   AND (m.tot IS NULL OR p.start_day <= m.tot)
  GROUP BY p.pid
)
SELECT pr.*,
  coalesce(matched.category, f.category, 'overig_multidisciplinair') AS category
FROM products pr
LEFT JOIN matched USING (pid)
LEFT JOIN ijw_fallback f
  ON f.ijw = TRY_CAST(CASE WHEN regexp_full_match(pr.ijw, '[0-9]{1,3}') THEN pr.ijw END AS INTEGER);

DROP TABLE products;

-- ------------------------------------------------------------------------------------------
-- The cohort of year Y, per analysis kind ak: the allocation products, the claim products and, in
-- a run holding both kinds, every product of both kinds together (mixed).

CREATE TABLE aprod AS
SELECT kind AS ak, * FROM prod
UNION ALL
SELECT 'mixed' AS ak, * FROM prod WHERE {{mixed}};
DROP TABLE prod;

CREATE TABLE first_day AS
SELECT ak, client, min(start_day) AS d
FROM aprod WHERE start_day >= getvariable('y0') AND start_day < getvariable('y1')
GROUP BY ak, client;

CREATE TABLE cohort AS
SELECT f.ak, f.client, f.d AS first_day, min(p.gm) AS gm, list_sort(list_distinct(list(p.category))) AS start_cats
FROM first_day f JOIN aprod p ON p.ak = f.ak AND p.client = f.client AND p.start_day = f.d
GROUP BY f.ak, f.client, f.d;

-- Still in care in Y+1: any product of the client of that kind (any start, any category) touching
-- Y+1. For claims, a product is a run of billed periods without an unbilled day, so it touches Y+1
-- exactly when one of its billed periods does.
CREATE TABLE in_care AS
SELECT DISTINCT p.ak, p.client
FROM aprod p JOIN cohort c USING (ak, client)
WHERE p.start_day < getvariable('y2') AND p.end_day >= getvariable('y1');

-- Stitching (SPEC 4): products starting on or after 1 Jan Y, sorted by start then end (open last);
-- a product starts a new trajectory when start - (latest end of all earlier products) > gap.
CREATE TABLE stitched AS
WITH s AS (
  SELECT p.ak, p.client, p.pid, p.start_day, p.end_day, p.is_open, p.reason,
    max(p.end_day) OVER (PARTITION BY p.ak, p.client ORDER BY p.start_day, p.end_day, p.pid
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
  FROM aprod p JOIN cohort c USING (ak, client)
  WHERE p.start_day >= getvariable('y0')
)
SELECT *, sum(CASE WHEN prev_max IS NULL OR start_day - prev_max > getvariable('gap') THEN 1 ELSE 0 END)
  OVER (PARTITION BY ak, client ORDER BY start_day, end_day, pid ROWS UNBOUNDED PRECEDING) AS traj
FROM s;

-- open: the SPEC 5 notion (still open after Y+1). has_open, max_end (open_end when open) and the
-- reason for ending (SPEC 10: that of its product(s) with the latest end, the lowest code given;
-- 0 none) serve SPEC 10.
CREATE TABLE trajectories AS
WITH m AS (SELECT *, max(end_day) OVER (PARTITION BY ak, client, traj) AS traj_end FROM stitched)
SELECT ak, client, traj, min(start_day) AS first_start, count(*) AS n,
  bool_or(is_open) OR max(end_day) >= getvariable('y2') AS open,
  bool_or(is_open) AS has_open, CAST(max(end_day) AS BIGINT) AS max_end,
  coalesce(min(reason) FILTER (WHERE reason > 0 AND end_day = traj_end), 0) AS reason
FROM m GROUP BY ak, client, traj;

-- ------------------------------------------------------------------------------------------
-- Counts per kind and municipality (the client's municipality in that kind), in long form.

CREATE TABLE cats (category VARCHAR, ord INTEGER);
INSERT INTO cats VALUES ('ambulant_non_ggz', 1), ('ggz', 2), ('verblijf_non_ggz', 3),
  ('overig_multidisciplinair', 4), ('jeugdbescherming', 5), ('jeugdreclassering', 6);
CREATE TABLE buckets (bucket VARCHAR, lo INTEGER, hi INTEGER);
INSERT INTO buckets VALUES ('1', 1, 1), ('2', 2, 2), ('3', 3, 3), ('4', 4, 4), ('5+', 5, 2147483647);

CREATE TABLE traj_y AS
SELECT c.gm, t.* FROM trajectories t JOIN cohort c USING (ak, client)
WHERE t.first_start < getvariable('y1');

-- SPEC 10, per trajectory started in Y: ended (no open product and maxEnd + gap < D), its duration
-- (ended: maxEnd - start + 1) or censoring time (min(maxEnd, D) - start + 1, open: D - start + 1),
-- and the start of the client's next product of the same kind after maxEnd (NULL: none).
CREATE TABLE ending AS
WITH e AS (
  SELECT t.ak, t.gm, t.client, t.first_start, t.max_end, t.reason, k.d,
    NOT t.has_open AND t.max_end + getvariable('gap') < k.d AS ended
  FROM traj_y t JOIN cutoff k USING (ak)
)
SELECT e.*,
  CASE WHEN ended THEN max_end - first_start + 1 ELSE least(max_end, d) - first_start + 1 END AS time,
  (SELECT min(p.start_day) FROM aprod p WHERE p.ak = e.ak AND p.client = e.client AND p.start_day > e.max_end) AS next_start
FROM e;

CREATE TABLE started AS -- products of the cohort started in Y
SELECT p.ak, c.gm, p.client, p.category FROM aprod p JOIN cohort c USING (ak, client)
WHERE p.start_day >= getvariable('y0') AND p.start_day < getvariable('y1');

CREATE TABLE per_gm AS
SELECT c.ak, c.gm, count(*) AS youths, count(i.client) AS in_care
FROM cohort c LEFT JOIN in_care i USING (ak, client) GROUP BY c.ak, c.gm;

CREATE TABLE traj_gm AS -- trajectories started in Y per kind, municipality, size bucket and open/closed
SELECT t.ak, t.gm, b.bucket, t.open, count(*) AS trajectories, sum(t.n) AS products
FROM traj_y t JOIN buckets b ON t.n BETWEEN b.lo AND b.hi
GROUP BY t.ak, t.gm, b.bucket, t.open;

CREATE TABLE start_any AS
SELECT ak, gm, cat AS category, count(*) AS youths
FROM (SELECT ak, gm, unnest(start_cats) AS cat FROM cohort) GROUP BY ak, gm, cat;

CREATE TABLE start_alone AS
SELECT ak, gm, start_cats[1] AS category, count(*) AS youths
FROM cohort WHERE len(start_cats) = 1 GROUP BY ak, gm, start_cats[1];

CREATE TABLE started_gm AS
SELECT ak, gm, category, count(*) AS products, count(DISTINCT client) AS youths
FROM started GROUP BY ak, gm, category;

CREATE TABLE gm_counts AS
WITH tr AS (
  SELECT g.ak, g.gm,
    coalesce(sum(t.products) FILTER (WHERE NOT t.open), 0) AS closed_products,
    coalesce(sum(t.trajectories) FILTER (WHERE NOT t.open), 0) AS closed,
    coalesce(sum(t.trajectories) FILTER (WHERE t.open), 0) AS open,
    coalesce(sum(t.trajectories), 0) AS total
  FROM per_gm g LEFT JOIN traj_gm t USING (ak, gm) GROUP BY g.ak, g.gm
)
SELECT ak, gm, 'cohort_youths' AS measure, '' AS category, '' AS bucket, youths AS numerator, NULL::BIGINT AS denominator FROM per_gm
UNION ALL
SELECT ak, gm, 'in_care_next_year', '', '', in_care, youths FROM per_gm
UNION ALL
SELECT ak, gm, 'outflow', '', '', youths - in_care, youths FROM per_gm
UNION ALL
SELECT ak, gm, 'products_per_trajectory', '', '', closed_products, closed FROM tr
UNION ALL
SELECT ak, gm, 'trajectories_open', '', '', open, total FROM tr
UNION ALL
SELECT g.ak, g.gm, 'trajectory_size', '', b.bucket, coalesce(t.trajectories, 0), tr.closed
FROM per_gm g CROSS JOIN buckets b JOIN tr USING (ak, gm)
LEFT JOIN traj_gm t ON t.ak = g.ak AND t.gm = g.gm AND t.bucket = b.bucket AND NOT t.open
UNION ALL
SELECT g.ak, g.gm, 'start_category_any', k.category, '', coalesce(a.youths, 0), g.youths
FROM per_gm g CROSS JOIN cats k LEFT JOIN start_any a ON a.ak = g.ak AND a.gm = g.gm AND a.category = k.category
UNION ALL
SELECT g.ak, g.gm, 'start_category_alone', k.category, '', coalesce(a.youths, 0), g.youths
FROM per_gm g CROSS JOIN cats k LEFT JOIN start_alone a ON a.ak = g.ak AND a.gm = g.gm AND a.category = k.category
UNION ALL
SELECT g.ak, g.gm, 'products_started', k.category, '', coalesce(s.products, 0), coalesce(s.youths, 0)
FROM per_gm g CROSS JOIN cats k LEFT JOIN started_gm s ON s.ak = g.ak AND s.gm = g.gm AND s.category = k.category;

-- SPEC 10 counts per municipality. Duration classes of CBS StatLine 85096NED (ended trajectories).
CREATE TABLE dclass (bucket VARCHAR, lo INTEGER, hi INTEGER);
INSERT INTO dclass VALUES ('0-3m', 1, 91), ('3-6m', 92, 182), ('6-12m', 183, 365), ('1-2y', 366, 730),
  ('2-3y', 731, 1095), ('3-4y', 1096, 1461), ('4y+', 1462, 2147483647);
CREATE TABLE windows (w INTEGER);
INSERT INTO windows VALUES (182), (365);

CREATE TABLE ended_gm AS
SELECT ak, gm, count(*) AS ended,
  count(*) FILTER (WHERE reason > 0) AS with_reason,
  count(*) FILTER (WHERE reason = 31) AS as_planned
FROM ending WHERE ended GROUP BY ak, gm;

INSERT INTO gm_counts
SELECT g.ak, g.gm, 'duration_class', '', b.bucket,
  (SELECT count(*) FROM ending x WHERE x.ak = g.ak AND x.gm = g.gm AND x.ended AND x.time BETWEEN b.lo AND b.hi),
  coalesce(e.ended, 0)
FROM per_gm g CROSS JOIN dclass b LEFT JOIN ended_gm e USING (ak, gm);

-- Only when an input has a reason-for-ending column.
INSERT INTO gm_counts
SELECT g.ak, g.gm, 'ended_as_planned', '', '', coalesce(e.as_planned, 0), coalesce(e.with_reason, 0)
FROM per_gm g LEFT JOIN ended_gm e USING (ak, gm)
WHERE {{has_reason}};

-- Return within W days: ended trajectories followed up W days within the data (maxEnd + W <= D);
-- of those, the ones whose next product of the kind starts at most W days after maxEnd.
INSERT INTO gm_counts
SELECT g.ak, g.gm, 'return_within', '', CAST(w.w AS VARCHAR),
  (SELECT count(*) FROM ending x WHERE x.ak = g.ak AND x.gm = g.gm AND x.ended AND x.max_end + w.w <= x.d
     AND x.next_start - x.max_end <= w.w),
  (SELECT count(*) FROM ending x WHERE x.ak = g.ak AND x.gm = g.gm AND x.ended AND x.max_end + w.w <= x.d)
FROM per_gm g CROSS JOIN windows w;

-- Prior care: a product of the same kind (any category, any start) with start < first start in Y
-- and end >= first start - L (an open end counts: it is open_end).
INSERT INTO gm_counts
SELECT c.ak, c.gm, 'prior_care', '', '',
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM aprod p WHERE p.ak = c.ak AND p.client = c.client
    AND p.start_day < c.first_day AND p.end_day >= c.first_day - {{lookback_days}})),
  count(*)
FROM cohort c GROUP BY c.ak, c.gm;

-- Time in trajectory: per municipality the histogram (time, ended, censored) of its trajectories
-- started in Y. One that starts after D (time < 1) says nothing yet and is left out of the curve.
CREATE TABLE hist_gm AS
SELECT ak, gm, time, count(*) FILTER (WHERE ended) AS events, count(*) FILTER (WHERE NOT ended) AS censored
FROM ending WHERE time >= 1 GROUP BY ak, gm, time;

-- ------------------------------------------------------------------------------------------
-- Municipality, region (sum of its municipalities) and all (sum of every municipality), per kind.

CREATE TABLE metrics AS
SELECT 'municipality' AS level, 'GM' || lpad(CAST(gm AS VARCHAR), 4, '0') AS area, ak, measure, category, bucket,
  numerator, denominator, NULL::DOUBLE AS value
FROM gm_counts
UNION ALL
SELECT 'region', r.regio, ak, measure, category, bucket, sum(numerator), sum(denominator), NULL
FROM gm_counts JOIN regions r USING (gm)
GROUP BY r.regio, ak, measure, category, bucket
UNION ALL
SELECT 'all', 'all', ak, measure, category, bucket, sum(numerator), sum(denominator), NULL
FROM gm_counts
GROUP BY ak, measure, category, bucket;

-- Kaplan-Meier (SPEC 10) per area, from the area's histogram (the sum of its municipalities'):
-- at risk at time t = trajectories with time >= t (so those censored at t are still at risk: at
-- equal times events come before censorings); S after each step = the running product of
-- (1 - ended / at risk) in time order.
CREATE TABLE area_hist AS
SELECT 'municipality' AS level, 'GM' || lpad(CAST(gm AS VARCHAR), 4, '0') AS area, ak, time, events, censored FROM hist_gm
UNION ALL
SELECT 'region', r.regio, ak, time, sum(events), sum(censored) FROM hist_gm JOIN regions r USING (gm) GROUP BY r.regio, ak, time
UNION ALL
SELECT 'all', 'all', ak, time, sum(events), sum(censored) FROM hist_gm GROUP BY ak, time;

CREATE TABLE km AS
WITH r AS (
  SELECT *, sum(events + censored) OVER (PARTITION BY level, area, ak ORDER BY time DESC ROWS UNBOUNDED PRECEDING) AS at_risk
  FROM area_hist
)
SELECT *, product(1.0 - CAST(events AS DOUBLE) / CAST(at_risk AS DOUBLE))
  OVER (PARTITION BY level, area, ak ORDER BY time ROWS UNBOUNDED PRECEDING) AS s
FROM r;
DROP TABLE area_hist;

CREATE TABLE points (t INTEGER);
INSERT INTO points VALUES (91), (182), (365), (730);

-- Every area with a cohort of a kind gets the rows (no trajectory in its curve: 0 / 0, no value).
-- in_trajectory_after, bucket t: ended trajectories with duration <= t / trajectories in the curve,
-- value S(t) = S after the last step at or before t (1 before the first).
INSERT INTO metrics
SELECT a.level, a.area, a.ak, 'in_trajectory_after', '', CAST(p.t AS VARCHAR),
  coalesce(sum(k.events) FILTER (WHERE k.time <= p.t), 0),
  coalesce(sum(k.events + k.censored), 0),
  CASE WHEN count(k.time) > 0 THEN coalesce(arg_max(k.s, k.time) FILTER (WHERE k.time <= p.t), 1.0) END
FROM (SELECT level, area, ak FROM metrics WHERE measure = 'cohort_youths') a
CROSS JOIN points p
LEFT JOIN km k ON k.level = a.level AND k.area = a.area AND k.ak = a.ak
GROUP BY a.level, a.area, a.ak, p.t;

-- trajectory_duration_median: ended / trajectories in the curve, value the smallest time with
-- S <= 1/2 (NULL when the curve stays above). S is a product of doubles: a value within 1e-12 of
-- 1/2 counts as 1/2 (15/22 * 11/15 is 1/2 exactly, 0.5000000000000001 in doubles).
INSERT INTO metrics
SELECT a.level, a.area, a.ak, 'trajectory_duration_median', '', '',
  coalesce(sum(k.events), 0), coalesce(sum(k.events + k.censored), 0),
  min(k.time) FILTER (WHERE k.events > 0 AND k.s <= 0.5 + 1e-12)
FROM (SELECT level, area, ak FROM metrics WHERE measure = 'cohort_youths') a
LEFT JOIN km k ON k.level = a.level AND k.area = a.area AND k.ak = a.ak
GROUP BY a.level, a.area, a.ak;

-- Mixed rows only where the area has rows of both kinds.
DELETE FROM metrics m WHERE m.ak = 'mixed' AND (
  SELECT count(DISTINCT k.ak) FROM metrics k
  WHERE k.level = m.level AND k.area = m.area AND k.measure = 'cohort_youths' AND k.ak IN ('allocations', 'claims')
) < 2;

SELECT level, area, ak AS data_kind, measure, category, bucket,
  CAST(numerator AS BIGINT) AS numerator, CAST(denominator AS BIGINT) AS denominator, value
FROM metrics
ORDER BY CASE level WHEN 'municipality' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, area,
  CASE ak WHEN 'allocations' THEN 0 WHEN 'claims' THEN 1 ELSE 2 END, measure, category, bucket;
