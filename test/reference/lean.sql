-- The lean DuckDB SQL an analyst with a clean export would write (issue 14): the figures of a
-- default traject run (SPEC 5, 9, 10 and the expected counts of SPEC 12), disclosure off, for
-- allocation data or, with the CLAIMS block instead of the ALLOCATIONS block, for claims data.
--
-- It is the benchmark's fair opponent, not a second reference: reference.sql reads any export
-- (four date spellings, three municipality spellings, ';' or ',', scoped mappings of every kind,
-- rejected rows, the optional columns). This file assumes the clean export of the repository's
-- generator (`generate --clean`): ',' and LF, ISO dates without a time of day, municipality as
-- GM0363, a header with exactly the default columns (client_id, gemeente, productcode,
-- productcategorie, begindatum, einddatum, toewijzingnummer, aanbieder), no row a reader would
-- reject (so no end before its start, no unreadable field). So: read_csv with explicit column
-- types, DISTINCT, one join to the code table, a window max and sum to stitch, GROUP BY.
--
-- Computes, per municipality, region (sum of its municipalities) and all (sum of every
-- municipality), every numerator and denominator of a default run's metrics.csv:
--   SPEC 5/9: cohort_youths, in_care_next_year, outflow, products_per_trajectory,
--             trajectories_open, trajectory_size (buckets 1..5+), start_category_any,
--             start_category_alone, products_started (per category);
--   SPEC 10:  in_trajectory_after (91, 182, 365, 730) with its value S(t) (Kaplan-Meier as a
--             window product over the per-duration event and censoring counts),
--             trajectory_duration_median with its value, duration_class (the seven classes),
--             return_within (182, 365), prior_care;
--   SPEC 12:  `expected`, E = sum over strata s of n_ms * p_s, for the municipality rows of the
--             four standardised shares (in_care_next_year, outflow, prior_care, return_within).
--             Strata are age group x start category; the clean export has no birth date, so
--             every youth's age group is `unknown` and the strata are the start categories (one
--             category, or `combination`).
-- Leaves out, because they are not counts or not plain SQL, or not in a clean export:
--   * the values of the other rows (numerator / denominator) and every interval (Wilson,
--     normal, Greenwood log-log, Brookmeyer-Crowley): functions of the counts computed here;
--   * comparisons.csv's funnel limits, bands, directions and phi (exact binomial and Poisson
--     quantiles and the chi-square test, which DuckDB has no functions for), and O/E and the
--     standardised share (arithmetic on E and the counts);
--   * ended_as_planned (the clean export has no reden_beeindiging column, so a default run on it
--     has no such rows), the SPEC 11 breakdowns (not in a default run), the manifest's lists
--     (unmapped codes, rows read), disclosure control (the run is --disclosure off), PGB rows
--     (no delivery-form column).
--
-- Choices it shares with traject (docs/definitions.md), written down here so a difference can
-- be judged:
--   * allocation versions: rows with the same client and allocation number are one product, the
--     row read last (input files in order, then line order) wins; the read order is the rowid of
--     the table the files are loaded into (DuckDB keeps insertion order). A row without an
--     allocation number is a product of its own once exact duplicates are dropped.
--   * claims: rows of one client, code and provider whose periods overlap or lie at most one day
--     apart are one product (gaps and islands); it takes the municipality and iJw category of its
--     earliest row (by start, then end). Exact duplicates need no DISTINCT there: a copy overlaps
--     its original, so it joins the same product.
--   * codes: most specific mapping row wins (municipality scope, then region scope, then none;
--     then a row with a validity period; then the latest geldig_vanaf), matched on the
--     product's start; an unknown code falls back on its iJw category (the built-in table of
--     src/mapping/ijw-fallback.ts), else overig_multidisciplinair. The generated codes.csv has
--     one municipality-, one more municipality-, one region- and one validity-scoped row, so
--     this cannot be a plain join on the code: the mapping is first cut, per municipality and
--     code, into validity segments that each have one winning row, and products join those.
--   * the data cut-off D: allocations, the latest start of a product; claims, the latest end of
--     a claim row (the latest start when no row has an end).
--   * a trajectory that starts after D is left out of the Kaplan-Meier curve (only possible with
--     a cut-off inside Y, which the benchmark does not use).
--
-- The runner (lean-reference.ts) keeps one of the ALLOCATIONS and CLAIMS blocks and substitutes
-- {{inputs}} (a DuckDB list of the input paths, in run order), {{codes}}, {{regions}},
-- {{kind}} ('allocations' or 'claims'), {{y0}}, {{y1}}, {{y2}} (1 January of Y, Y+1, Y+2 as
-- DATE literals), {{gap}} (the stitching gap, 30) and {{lookback}} (prior care, 365 days).
-- Statements end with ';' at the end of a line. The last SELECT returns the rows.

-- ------------------------------------------------------------------------------------------
-- Rows become products (SPEC 2): prod(client, gm, code, ijw, s, e), e NULL = open.

-- BEGIN ALLOCATIONS
CREATE TABLE raw AS
SELECT * FROM read_csv({{inputs}}, header = true, delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d',
  columns = {'client_id': 'VARCHAR', 'gemeente': 'VARCHAR', 'productcode': 'VARCHAR', 'productcategorie': 'VARCHAR',
    'begindatum': 'DATE', 'einddatum': 'DATE', 'toewijzingnummer': 'BIGINT', 'aanbieder': 'VARCHAR'});

-- Versions: per client and allocation number the row read last (exact duplicates of it are the
-- same row, so they need no DISTINCT of their own); rows without a number: DISTINCT.
CREATE TABLE prod0 AS
SELECT client_id AS client, gemeente AS gm, productcode AS code, productcategorie AS ijw, begindatum AS s, einddatum AS e
FROM raw
WHERE rowid IN (SELECT max(rowid) FROM raw WHERE toewijzingnummer IS NOT NULL GROUP BY client_id, toewijzingnummer)
UNION ALL
SELECT client_id, gemeente, productcode, productcategorie, begindatum, einddatum
FROM (SELECT DISTINCT * FROM raw WHERE toewijzingnummer IS NULL);
DROP TABLE raw;
-- Read order mattered only for the versions: the tables below need not keep it.
SET preserve_insertion_order = false;

CREATE TABLE cutoff AS SELECT max(s) AS d FROM prod0;
-- END ALLOCATIONS

-- BEGIN CLAIMS
SET preserve_insertion_order = false;
CREATE TABLE prod0 AS
WITH c AS (
  SELECT client_id, gemeente, productcode, productcategorie, aanbieder, begindatum AS s, einddatum,
    coalesce(einddatum, DATE '9999-12-31') AS e
  FROM read_csv({{inputs}}, header = true, delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d',
    columns = {'client_id': 'VARCHAR', 'gemeente': 'VARCHAR', 'productcode': 'VARCHAR', 'productcategorie': 'VARCHAR',
      'begindatum': 'DATE', 'einddatum': 'DATE', 'toewijzingnummer': 'BIGINT', 'aanbieder': 'VARCHAR'})
),
w AS (
  SELECT *, max(e) OVER (PARTITION BY client_id, productcode, aanbieder ORDER BY s, e
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
  FROM c
),
islands AS (
  SELECT *, sum(CASE WHEN prev_max IS NULL OR s - prev_max > 1 THEN 1 ELSE 0 END)
    OVER (PARTITION BY client_id, productcode, aanbieder ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
  FROM w
)
SELECT client_id AS client, arg_min(gemeente, (s, e)) AS gm, productcode AS code, arg_min_null(productcategorie, (s, e)) AS ijw,
  min(s) AS s, CASE WHEN bool_or(einddatum IS NULL) THEN NULL ELSE max(e) END AS e,
  max(einddatum) AS last_end
FROM islands
GROUP BY client_id, productcode, aanbieder, island;

CREATE TABLE cutoff AS SELECT coalesce(max(last_end), max(s)) AS d FROM prod0;
ALTER TABLE prod0 DROP COLUMN last_end;
-- END CLAIMS

-- ------------------------------------------------------------------------------------------
-- Categories (SPEC 3).

CREATE TABLE regions AS
SELECT * FROM read_csv('{{regions}}', header = true, columns = {'gemeente': 'VARCHAR', 'regio': 'VARCHAR'});

CREATE TABLE codes AS
SELECT * FROM read_csv('{{codes}}', header = true, dateformat = '%Y-%m-%d',
  columns = {'productcode': 'VARCHAR', 'category': 'VARCHAR', 'subcategory': 'VARCHAR', 'productcategorie': 'VARCHAR',
    'gemeente': 'VARCHAR', 'regio': 'VARCHAR', 'geldig_vanaf': 'DATE', 'geldig_tot': 'DATE'});

-- The built-in iJw fallback (a copy of src/mapping/ijw-fallback.ts: productcategorie -> category).
CREATE TABLE ijw_fallback (ijw VARCHAR, category VARCHAR);
INSERT INTO ijw_fallback VALUES
  ('31', 'ambulant_non_ggz'), ('32', 'ambulant_non_ggz'), ('33', 'ambulant_non_ggz'), ('34', 'ambulant_non_ggz'),
  ('35', 'verblijf_non_ggz'), ('36', 'verblijf_non_ggz'), ('37', 'verblijf_non_ggz'), ('38', 'verblijf_non_ggz'),
  ('40', 'ambulant_non_ggz'), ('41', 'ambulant_non_ggz'), ('42', 'overig_multidisciplinair'),
  ('43', 'verblijf_non_ggz'), ('44', 'verblijf_non_ggz'), ('45', 'ambulant_non_ggz'),
  ('46', 'overig_multidisciplinair'), ('47', 'jeugdreclassering'), ('48', 'jeugdbescherming'),
  ('49', 'overig_multidisciplinair'), ('50', 'overig_multidisciplinair'), ('51', 'ggz'), ('52', 'ggz'),
  ('53', 'ggz'), ('54', 'ggz'), ('55', 'overig_multidisciplinair');

-- Per municipality (of the products) and code, the start days cut into segments in which one
-- mapping row wins: a handful of rows per code, so products meet one equi-join.
CREATE TABLE code_map AS
WITH gms AS (SELECT DISTINCT p.gm, r.regio FROM (SELECT DISTINCT gm FROM prod0) p LEFT JOIN regions r ON r.gemeente = p.gm),
cand AS (
  SELECT g.gm, c.productcode AS code, c.category, coalesce(c.geldig_vanaf, DATE '0001-01-01') AS lo,
    coalesce(c.geldig_tot, DATE '9999-12-31') AS hi,
    [CASE WHEN c.gemeente IS NOT NULL THEN 2 WHEN c.regio IS NOT NULL THEN 1 ELSE 0 END,
     CASE WHEN c.geldig_vanaf IS NOT NULL OR c.geldig_tot IS NOT NULL THEN 1 ELSE 0 END,
     coalesce(c.geldig_vanaf, DATE '0001-01-01') - DATE '0001-01-01'] AS rank
  FROM codes c JOIN gms g
    ON c.gemeente = g.gm OR (c.gemeente IS NULL AND c.regio = g.regio) OR (c.gemeente IS NULL AND c.regio IS NULL)
),
cuts AS (
  SELECT DISTINCT gm, code, d FROM (
    SELECT gm, code, DATE '0001-01-01' AS d FROM cand
    UNION ALL SELECT gm, code, lo FROM cand
    UNION ALL SELECT gm, code, hi + 1 FROM cand WHERE hi < DATE '9999-12-31'
  )
),
seg AS (
  SELECT gm, code, d AS lo, coalesce(lead(d) OVER (PARTITION BY gm, code ORDER BY d) - 1, DATE '9999-12-31') AS hi FROM cuts
)
SELECT s.gm, s.code, s.lo, s.hi, arg_max(c.category, c.rank) AS category
FROM seg s JOIN cand c ON c.gm = s.gm AND c.code = s.code AND c.lo <= s.lo AND c.hi >= s.hi
GROUP BY s.gm, s.code, s.lo, s.hi;

CREATE TABLE prod AS
SELECT p.client, p.gm, p.s, p.e, coalesce(m.category, f.category, 'overig_multidisciplinair') AS category
FROM prod0 p
LEFT JOIN code_map m ON m.gm = p.gm AND m.code = p.code AND p.s BETWEEN m.lo AND m.hi
LEFT JOIN ijw_fallback f ON f.ijw = p.ijw;
DROP TABLE prod0;

-- ------------------------------------------------------------------------------------------
-- The cohort of Y (SPEC 5): first start in Y, municipality (lowest on that day), start
-- categories, in care in Y+1, prior care (SPEC 10).

CREATE TABLE firsts AS
SELECT client, min(s) FILTER (WHERE s >= {{y0}} AND s < {{y1}}) AS first_day
FROM prod GROUP BY client HAVING first_day IS NOT NULL;

-- stratum: SPEC 12's age group (always unknown here) x start category.
CREATE TABLE cohort AS
SELECT *, CASE WHEN len(cats) = 1 THEN cats[1] ELSE 'combination' END AS stratum
FROM (
  SELECT f.client, f.first_day,
    min(p.gm) FILTER (WHERE p.s = f.first_day) AS gm,
    list_sort(list_distinct(list(p.category) FILTER (WHERE p.s = f.first_day))) AS cats,
    bool_or(p.s < {{y2}} AND (p.e IS NULL OR p.e >= {{y1}})) AS in_care,
    bool_or(p.s < f.first_day AND (p.e IS NULL OR p.e >= f.first_day - {{lookback}})) AS prior
  FROM firsts f JOIN prod p USING (client)
  GROUP BY f.client, f.first_day
);
DROP TABLE firsts;

-- ------------------------------------------------------------------------------------------
-- Trajectories (SPEC 4): the products from 1 January Y on, by start then end (open last); a
-- product starts a new trajectory when its start lies more than gap days after the latest end so
-- far. Only trajectories whose first product starts in Y are kept (they are the cohort's).

CREATE TABLE traj AS
WITH p AS (
  SELECT client, s, coalesce(e, DATE '9999-12-31') AS e FROM prod WHERE s >= {{y0}}
),
w AS (
  SELECT *, max(e) OVER (PARTITION BY client ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max FROM p
),
t AS (
  SELECT *, sum(CASE WHEN prev_max IS NULL OR s - prev_max > {{gap}} THEN 1 ELSE 0 END)
    OVER (PARTITION BY client ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS traj
  FROM w
),
g AS (
  SELECT client, traj, min(s) AS first_start, count(*) AS n, max(e) AS max_end FROM t GROUP BY client, traj
),
-- the client's next product after a trajectory is the first of its next trajectory
nx AS (SELECT *, lead(first_start) OVER (PARTITION BY client ORDER BY traj) AS next_start FROM g)
SELECT c.gm, c.stratum, nx.client, nx.first_start, nx.n, nx.max_end, nx.next_start,
  nx.max_end >= {{y2}} AS open, -- open after Y+1 (an open product: max_end 9999-12-31)
  nx.max_end < DATE '9999-12-31' AND nx.max_end + {{gap}} < k.d AS ended,
  least(nx.max_end, k.d) - nx.first_start + 1 AS time, k.d
FROM nx JOIN cohort c USING (client) CROSS JOIN cutoff k
WHERE nx.first_start < {{y1}};

-- ------------------------------------------------------------------------------------------
-- Counts per municipality, in long form: (gm, measure, category, bucket, numerator, denominator).

CREATE TABLE cats (category VARCHAR);
INSERT INTO cats VALUES ('ambulant_non_ggz'), ('ggz'), ('verblijf_non_ggz'), ('overig_multidisciplinair'),
  ('jeugdbescherming'), ('jeugdreclassering');
CREATE TABLE sizes (bucket VARCHAR, lo INTEGER, hi INTEGER);
INSERT INTO sizes VALUES ('1', 1, 1), ('2', 2, 2), ('3', 3, 3), ('4', 4, 4), ('5+', 5, 2147483647);
CREATE TABLE dclass (bucket VARCHAR, lo INTEGER, hi INTEGER);
INSERT INTO dclass VALUES ('0-3m', 1, 91), ('3-6m', 92, 182), ('6-12m', 183, 365), ('1-2y', 366, 730),
  ('2-3y', 731, 1095), ('3-4y', 1096, 1461), ('4y+', 1462, 2147483647);
CREATE TABLE windows (w INTEGER);
INSERT INTO windows VALUES (182), (365);

CREATE TABLE per_gm AS
SELECT gm, count(*) AS youths, count(*) FILTER (WHERE in_care) AS in_care, count(*) FILTER (WHERE prior) AS prior
FROM cohort GROUP BY gm;

CREATE TABLE traj_gm AS
SELECT gm,
  count(*) AS total,
  count(*) FILTER (WHERE open) AS open,
  count(*) FILTER (WHERE NOT open) AS closed,
  coalesce(sum(n) FILTER (WHERE NOT open), 0) AS closed_products,
  count(*) FILTER (WHERE ended) AS ended
FROM traj GROUP BY gm;

CREATE TABLE counts AS
SELECT gm, 'cohort_youths' AS measure, '' AS category, '' AS bucket, youths AS numerator, NULL::BIGINT AS denominator FROM per_gm
UNION ALL SELECT gm, 'in_care_next_year', '', '', in_care, youths FROM per_gm
UNION ALL SELECT gm, 'outflow', '', '', youths - in_care, youths FROM per_gm
UNION ALL SELECT gm, 'prior_care', '', '', prior, youths FROM per_gm
UNION ALL SELECT g.gm, 'products_per_trajectory', '', '', coalesce(t.closed_products, 0), coalesce(t.closed, 0)
  FROM per_gm g LEFT JOIN traj_gm t USING (gm)
UNION ALL SELECT g.gm, 'trajectories_open', '', '', coalesce(t.open, 0), coalesce(t.total, 0)
  FROM per_gm g LEFT JOIN traj_gm t USING (gm)
UNION ALL SELECT g.gm, 'trajectory_size', '', b.bucket, coalesce(x.closed, 0), coalesce(t.closed, 0)
  FROM per_gm g CROSS JOIN sizes b LEFT JOIN traj_gm t USING (gm)
  LEFT JOIN (SELECT gm, least(n, 5) AS lo, count(*) FILTER (WHERE NOT open) AS closed FROM traj GROUP BY ALL) x
    ON x.gm = g.gm AND x.lo = b.lo
UNION ALL SELECT g.gm, 'duration_class', '', b.bucket, coalesce(sum(x.ended), 0), coalesce(t.ended, 0)
  FROM per_gm g CROSS JOIN dclass b LEFT JOIN traj_gm t USING (gm)
  LEFT JOIN (SELECT gm, time, count(*) AS ended FROM traj WHERE ended GROUP BY ALL) x
    ON x.gm = g.gm AND x.time BETWEEN b.lo AND b.hi
  GROUP BY g.gm, b.bucket, t.ended
UNION ALL SELECT g.gm, 'return_within', '', CAST(w.w AS VARCHAR), coalesce(x.back, 0), coalesce(x.followed, 0)
  FROM per_gm g CROSS JOIN windows w
  LEFT JOIN (
    SELECT x.gm, w.w, count(*) AS followed, count(*) FILTER (WHERE x.next_start - x.max_end <= w.w) AS back
    FROM traj x CROSS JOIN windows w WHERE x.ended AND x.max_end + w.w <= x.d GROUP BY ALL
  ) x ON x.gm = g.gm AND x.w = w.w
UNION ALL SELECT g.gm, 'start_category_any', k.category, '', coalesce(x.youths, 0), g.youths
  FROM per_gm g CROSS JOIN cats k
  LEFT JOIN (SELECT gm, category, count(*) AS youths FROM (SELECT gm, unnest(cats) AS category FROM cohort) GROUP BY ALL) x
    ON x.gm = g.gm AND x.category = k.category
UNION ALL SELECT g.gm, 'start_category_alone', k.category, '', coalesce(x.youths, 0), g.youths
  FROM per_gm g CROSS JOIN cats k
  LEFT JOIN (SELECT gm, cats[1] AS category, count(*) AS youths FROM cohort WHERE len(cats) = 1 GROUP BY ALL) x
    ON x.gm = g.gm AND x.category = k.category;

-- Products started in Y per category: products and youths with one, for the youth's municipality.
INSERT INTO counts
WITH s AS (
  SELECT c.gm, p.category, count(*) AS products, count(DISTINCT p.client) AS youths
  FROM prod p JOIN cohort c USING (client)
  WHERE p.s >= {{y0}} AND p.s < {{y1}}
  GROUP BY c.gm, p.category
)
SELECT g.gm, 'products_started', k.category, '', coalesce(s.products, 0), coalesce(s.youths, 0)
FROM per_gm g CROSS JOIN cats k LEFT JOIN s ON s.gm = g.gm AND s.category = k.category;

-- ------------------------------------------------------------------------------------------
-- Municipality, region and all.

CREATE TABLE metrics AS
SELECT 'municipality' AS level, gm AS area, measure, category, bucket, numerator, denominator FROM counts
UNION ALL
SELECT 'region', r.regio, measure, category, bucket, sum(numerator), sum(denominator)
FROM counts JOIN regions r ON r.gemeente = counts.gm GROUP BY ALL
UNION ALL
SELECT 'all', 'all', measure, category, bucket, sum(numerator), sum(denominator) FROM counts GROUP BY ALL;

-- Kaplan-Meier (SPEC 10) per area from the counts of trajectories ended and censored at each
-- time: at risk at t = those with time >= t (censored at t still at risk: events first);
-- S = running product of (1 - events / at risk).
CREATE TABLE km AS
WITH h AS (
  SELECT gm, time, count(*) FILTER (WHERE ended) AS events, count(*) FILTER (WHERE NOT ended) AS censored
  FROM traj WHERE time >= 1 GROUP BY gm, time
),
a AS (
  SELECT 'municipality' AS level, gm AS area, time, events, censored FROM h
  UNION ALL SELECT 'region', r.regio, time, sum(events), sum(censored) FROM h JOIN regions r ON r.gemeente = h.gm GROUP BY ALL
  UNION ALL SELECT 'all', 'all', time, sum(events), sum(censored) FROM h GROUP BY ALL
),
r AS (
  SELECT *, sum(events + censored) OVER (PARTITION BY level, area ORDER BY time DESC ROWS UNBOUNDED PRECEDING) AS at_risk FROM a
)
SELECT *, product(1.0 - CAST(events AS DOUBLE) / CAST(at_risk AS DOUBLE))
  OVER (PARTITION BY level, area ORDER BY time ROWS UNBOUNDED PRECEDING) AS surv
FROM r;

CREATE TABLE points (t INTEGER);
INSERT INTO points VALUES (91), (182), (365), (730);

CREATE TABLE km_rows AS
SELECT a.level, a.area, 'in_trajectory_after' AS measure, '' AS category, CAST(p.t AS VARCHAR) AS bucket,
  coalesce(sum(k.events) FILTER (WHERE k.time <= p.t), 0) AS numerator,
  coalesce(sum(k.events + k.censored), 0) AS denominator,
  CASE WHEN count(k.time) > 0 THEN coalesce(arg_max(k.surv, k.time) FILTER (WHERE k.time <= p.t), 1.0) END AS value
FROM (SELECT level, area FROM metrics WHERE measure = 'cohort_youths') a CROSS JOIN points p
LEFT JOIN km k ON k.level = a.level AND k.area = a.area
GROUP BY a.level, a.area, p.t
UNION ALL
-- the median: the smallest time with S <= 1/2 (a product of doubles within 1e-12 of 1/2 is 1/2)
SELECT a.level, a.area, 'trajectory_duration_median', '', '',
  coalesce(sum(k.events), 0), coalesce(sum(k.events + k.censored), 0),
  min(k.time) FILTER (WHERE k.events > 0 AND k.surv <= 0.5 + 1e-12)
FROM (SELECT level, area FROM metrics WHERE measure = 'cohort_youths') a
LEFT JOIN km k ON k.level = a.level AND k.area = a.area
GROUP BY a.level, a.area;

-- SPEC 12: E per municipality for the four standardised shares. Per stratum s the reference rate
-- p_s of all data; E_m = sum_s n_ms * p_s (n: youths, or for return_within the ended trajectories
-- followed up W days).
CREATE TABLE strata AS
SELECT gm, stratum, 'in_care_next_year' AS measure, '' AS bucket, count(*) AS n, count(*) FILTER (WHERE in_care) AS k
FROM cohort GROUP BY gm, stratum
UNION ALL SELECT gm, stratum, 'outflow', '', count(*), count(*) FILTER (WHERE NOT in_care) FROM cohort GROUP BY gm, stratum
UNION ALL SELECT gm, stratum, 'prior_care', '', count(*), count(*) FILTER (WHERE prior) FROM cohort GROUP BY gm, stratum
UNION ALL SELECT x.gm, x.stratum, 'return_within', CAST(w.w AS VARCHAR), count(*),
    count(*) FILTER (WHERE x.next_start - x.max_end <= w.w)
  FROM traj x CROSS JOIN windows w WHERE x.ended AND x.max_end + w.w <= x.d GROUP BY x.gm, x.stratum, w.w;

CREATE TABLE expected AS
WITH p AS (SELECT stratum, measure, bucket, sum(k) / sum(n) AS rate FROM strata GROUP BY ALL)
SELECT s.gm AS area, s.measure, s.bucket, sum(s.n * p.rate) AS expected
FROM strata s JOIN p USING (stratum, measure, bucket) GROUP BY ALL;

SELECT m.level, m.area, '{{kind}}' AS data_kind, m.measure, m.category, m.bucket,
  CAST(m.numerator AS BIGINT) AS numerator, CAST(m.denominator AS BIGINT) AS denominator,
  CAST(NULL AS DOUBLE) AS value, e.expected
FROM metrics m
LEFT JOIN expected e ON m.level = 'municipality' AND e.area = m.area AND e.measure = m.measure AND e.bucket = m.bucket
UNION ALL
SELECT level, area, '{{kind}}', measure, category, bucket, numerator, denominator, value, NULL FROM km_rows
ORDER BY 1, 2, 4, 5, 6;
